/**
 * The Action as GitHub runs it: action.yml's `runs.main`, built by
 * `npm run bundle`, started by a bare `node` in a folder with no node_modules,
 * with the runner's variables, the Action's inputs as INPUT_<ID> and the
 * event's payload in a file. GitHub is the sandbox, reached the way Gavel
 * reaches GitHub Enterprise Server (GHE_HOST, `/api/v3`), so the process runs
 * unchanged and makes no request outside this machine.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import { bundleAction } from "../../scripts/bundle.js";
import type { GitHubDriver } from "../../sandbox/driver.js";
import { startGitHubOnly } from "../../sandbox/github-only.js";
import type { Sandbox } from "../../sandbox/sandbox.js";
import { openCharterPr } from "../actions/charter-pull-request.js";
import { CHARTER, MAINTAINERS } from "../e2e/story.js";
import { at, isRecord, loadYamlFile, readRepoFile, recordAt } from "./repo-files.js";

const REPO = "acme/widgets";
const SECRET = "a-repository-secret-of-at-least-32-characters";
const action = loadYamlFile("action.yml");
const main = String(at({ node: action, path: ["runs", "main"] }));

let dir = "";
let sandbox: Sandbox;
let github: GitHubDriver;
let ghes: { host: string; close: () => Promise<void> };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gavel-action-"));
  await bundleAction({ outfile: join(dir, main) });
  // The repository's package.json makes every .js in it an ES module, the bundle included.
  const manifest: unknown = JSON.parse(readRepoFile("package.json"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: at({ node: manifest, path: ["type"] }) }));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  // The job's clock is the real one: the sandbox's starts an hour ago, so deadlines it derives are ahead of it.
  ({ sandbox, github } = await startGitHubOnly({ start: new Date(Date.now() - 3_600_000) }));
  github.createRepo({ repo: REPO, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER } });
  ghes = await serveUnderApiV3(sandbox.url);
});

afterEach(async () => {
  await ghes.close();
  await sandbox.stop();
  expect(sandbox.problems).toEqual([]);
});

/**
 * A GitHub Enterprise Server's API lives under `/api/v3` (Probot builds
 * `<GHE_PROTOCOL>://<GHE_HOST>/api/v3`); the sandbox serves GitHub.com's paths.
 * This forwards one to the other, bytes unchanged.
 */
async function serveUnderApiV3(target: string): Promise<{ host: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const path = (incoming.url ?? "/").replace(/^\/api\/v3(?=\/|\?|$)/, "") || "/";
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path, headers: { ...incoming.headers, host: upstream.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on("error", () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address: AddressInfo | string | null = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return { host: `127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The variables the runner gives a JavaScript action: one INPUT_<ID> per input
 * of action.yml, the id upper-cased and spaces replaced by `_`, holding what
 * the step's `with:` says or else the input's default
 * (docs.github.com/actions/reference/workflows-and-actions/metadata-syntax#inputs).
 * `${{ github.token }}` in a default is the workflow's token.
 */
function inputVariables(params: { with: Record<string, string>; token: string }): Record<string, string> {
  const inputs = recordAt({ node: action, path: ["inputs"], what: "action.yml" });
  return Object.fromEntries(
    Object.entries(inputs).map(([id, input]) => {
      const fallback = isRecord(input) && typeof input.default === "string" ? input.default : "";
      const value = params.with[id] ?? fallback.replace(/\$\{\{\s*github\.token\s*\}\}/g, params.token);
      return [`INPUT_${id.replace(/ /g, "_").toUpperCase()}`, value];
    }),
  );
}

/** Runs the bundle as the runner would for one event; resolves with its exit code and output. */
async function runAction(params: { eventName: string; payload: object; with: Record<string, string> }): Promise<{ code: number | null; output: string }> {
  const event = join(dir, "event.json");
  writeFileSync(event, JSON.stringify(params.payload));
  const token = github.installationToken({ account: "acme" });
  const env = {
    PATH: process.env.PATH ?? "",
    GITHUB_ACTIONS: "true",
    GITHUB_RUN_ID: "1658821493",
    GITHUB_EVENT_NAME: params.eventName,
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: REPO,
    GHE_HOST: ghes.host,
    GHE_PROTOCOL: "http",
    ...inputVariables({ with: params.with, token }),
  };
  const child = spawn(process.execPath, [join(dir, main)], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, output };
}

describe(`the Action's bundle (${main})`, () => {
  it("is a file that runs with no node_modules beside or above it", () => {
    expect(existsSync(join(dir, main))).toBe(true);
    for (let up = join(dir, main); up !== join(up, ".."); up = join(up, "..")) expect(existsSync(join(up, "..", "node_modules"))).toBe(false);
  });

  it("governs a pull_request_target event with the workflow's token, given only the secret", async () => {
    const { number, payload } = openCharterPr({ github, repo: REPO });
    github.resetRequestCounts();

    const { code, output } = await runAction({ eventName: "pull_request_target", payload, with: { secret: SECRET } });

    expect({ code, output }).toEqual({ code: 0, output: expect.any(String) });
    expect(github.latestCheck({ repo: REPO, number })).toMatchObject({
      status: "in_progress",
      output: { title: expect.stringMatching(/^0 of 5 approvals · discussion ends /) },
    });
    expect(github.labels({ repo: REPO, number })).toEqual(["governance: waiting"]);
    expect(github.appComments({ repo: REPO, number })).toHaveLength(1);
  }, 30_000);

  it("fails the job, before any request, without the secret", async () => {
    const { payload } = openCharterPr({ github, repo: REPO });
    github.resetRequestCounts();

    const { code, output } = await runAction({ eventName: "pull_request_target", payload, with: {} });

    expect(code).toBe(1);
    expect(output).toContain("GAVEL_SECRET is not set");
    expect(github.requestCounts()).toEqual({});
  }, 30_000);
});
