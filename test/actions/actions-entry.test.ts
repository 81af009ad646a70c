/**
 * Gavel's GitHub Actions mode, run as a job runs it: the runner's variables in
 * process.env, the event payload in a file at GITHUB_EVENT_PATH, the
 * workflow's GITHUB_TOKEN, and @probot/adapter-github-actions building the
 * Probot. GitHub is the sandbox, with no app server behind it: the job's
 * requests to api.github.com go to it, and the token is one it issued.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { runInActions } from "../../src/actions/run-in-actions.js";
import type { GitHubDriver } from "../../sandbox/driver.js";
import { SANDBOX_APP_ID } from "../../sandbox/gavel/local-gavel.js";
import { startGitHubOnly } from "../../sandbox/github-only.js";
import type { Sandbox } from "../../sandbox/sandbox.js";
import { CHARTER, MAINTAINERS } from "../e2e/story.js";
import { openCharterPr as openCharter } from "./charter-pull-request.js";
import { costs, pathsOf, ROUTE, writeRoutes } from "../e2e/requests.js";

const SECRET = "a-repository-secret-of-at-least-32-characters";
const REPO = "acme/widgets";
const API = "https://api.github.com";

/**
 * The adapter's Probot keeps Octokit's throttling, which spaces writes a
 * second apart and comments three (GitHub's advice against secondary rate
 * limits), so a job that writes takes seconds.
 */
const WRITES_TAKE_SECONDS = 30_000;

const saved = { ...process.env };
let dir = "";
let stdout: string[] = [];
let fetches: Array<{ url: string; authorization: string | null }> = [];
let sandbox: Sandbox;
let github: GitHubDriver;
let token = "";

beforeEach(async () => {
  ({ sandbox, github } = await startGitHubOnly());
  github.createRepo({ repo: REPO, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER } });
  token = github.installationToken({ account: "acme" });
  dir = mkdtempSync(join(tmpdir(), "gavel-actions-"));
  // The adapter logs through @actions/core, which writes workflow commands to stdout.
  stdout = [];
  jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  // Every API request the job makes, with the credential it sent, sent to the sandbox instead of api.github.com.
  fetches = [];
  const fetch = globalThis.fetch;
  jest.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    fetches.push({ url, authorization: new Headers(init?.headers).get("authorization") });
    if (!url.startsWith(API)) throw new Error(`the job asked for ${url}, not GitHub's API`);
    return fetch(`${sandbox.url}${url.slice(API.length)}`, init);
  });
});

afterEach(async () => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await sandbox.stop();
  expect(sandbox.problems).toEqual([]);
});

/** Sets up the job's environment as the runner does for an event; `gavel` adds or removes Gavel's own variables. */
function job(params: { eventName: string; payload: object; gavel?: Record<string, string | undefined> }): void {
  const path = join(dir, "event.json");
  writeFileSync(path, JSON.stringify(params.payload));
  const env: Record<string, string | undefined> = {
    GITHUB_ACTIONS: "true",
    GITHUB_RUN_ID: "1658821493",
    GITHUB_EVENT_NAME: params.eventName,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: REPO,
    GITHUB_TOKEN: token,
    GAVEL_SECRET: SECRET,
    GAVEL_APP_ID: undefined,
    GAVEL_SECRET_PREVIOUS: undefined,
    ...params.gavel,
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

function openCharterPr(): { number: number; payload: object } {
  return openCharter({ github, repo: REPO });
}

const now = () => github.now();

describe("Gavel in GitHub Actions", () => {
  it(
    "pull_request.opened: governs the PR with the workflow's token",
    async () => {
      const { number, payload } = openCharterPr();
      job({ eventName: "pull_request", payload });
      github.resetRequestCounts();

      await runInActions({ now });

      // The config, then MAINTAINERS.md: without an installation to ask, Actions mode never falls back to the org's `.github`.
      expect(costs({ github })).toEqual({
        [ROUTE.contents]: 2,
        [ROUTE.files]: 1,
        [ROUTE.reviews]: 1,
        [ROUTE.addLabels]: 1,
        [ROUTE.postComment]: 1,
        [ROUTE.createCheck]: 1,
      });
      expect(writeRoutes({ github })).toEqual([ROUTE.addLabels, ROUTE.postComment, ROUTE.createCheck]);
      // No installation token is asked for: the adapter uses the one it is given, on every request.
      expect(fetches.map((f) => f.authorization)).toEqual(github.requestLog().map(() => `token ${token}`));
      const check = github.latestCheck({ repo: REPO, number });
      expect(check).toMatchObject({ status: "in_progress", output: { title: "0 of 5 approvals · discussion ends 2026-03-16 09:01 UTC" } });
      expect(check?.output.summary).toContain("⌈2/3 × 7⌉ = 5 of 7");
      expect(github.labels({ repo: REPO, number })).toEqual(["governance: waiting"]);
      expect(github.appComments({ repo: REPO, number })).toHaveLength(1);
    },
    WRITES_TAKE_SECONDS,
  );

  it(
    "pull_request_target (a PR from a fork) is handled as pull_request",
    async () => {
      const { number, payload } = openCharterPr();
      job({ eventName: "pull_request_target", payload });
      await runInActions({ now });
      expect(github.latestCheck({ repo: REPO, number })).toMatchObject({
        status: "in_progress",
        output: { title: "0 of 5 approvals · discussion ends 2026-03-16 09:01 UTC" },
      });
      expect(github.appComments({ repo: REPO, number })).toHaveLength(1);
    },
    WRITES_TAKE_SECONDS,
  );

  it(
    "schedule: sweeps this repository and turns a PR green once its discussion period is over, its label spelled in another case",
    async () => {
      // GitHub's label names are case-insensitive: the repository's "Governance: Waiting" is Gavel's label.
      github.createLabel({ repo: REPO, name: "Governance: Waiting" });
      const { number, payload } = openCharterPr();
      for (const user of ["alice", "bob", "carol", "dave", "erin"]) github.review({ repo: REPO, number, user, state: "APPROVE" });
      // The sandbox authors the token's writes as its app: GAVEL_APP_ID names it, as for a GitHub App's token in a workflow.
      const gavel = { GAVEL_APP_ID: String(SANDBOX_APP_ID) };
      job({ eventName: "pull_request", payload, gavel });
      await runInActions({ now });
      expect(github.latestCheck({ repo: REPO, number })).toMatchObject({
        status: "in_progress",
        output: { title: "5 of 5 approvals · discussion ends 2026-03-16 09:06 UTC" },
      });

      // The cron job runs 40 minutes late: the success comes late, never early. A success is confirmed by a fresh read of the reviews.
      github.advanceClock(Date.parse("2026-03-16T09:47:00Z") - github.now().getTime());
      github.resetRequestCounts();
      job({ eventName: "schedule", payload: { schedule: "*/15 * * * *", repository: { full_name: REPO, name: "widgets", owner: { login: "acme" } } }, gavel });
      await runInActions({ now });

      expect(pathsOf({ local: { github }, route: ROUTE.search })).toEqual([
        `/search/issues?q=label:"governance: waiting","vote: open" repo:${REPO}&sort=updated&order=asc&per_page=100&page=1`,
      ]);
      expect(costs({ github })).toEqual({
        [ROUTE.search]: 1,
        [ROUTE.pull]: 1,
        // The open PRs: any other on the same head shares the check (issue 14).
        [ROUTE.pulls]: 1,
        [ROUTE.contents]: 2,
        [ROUTE.files]: 1,
        [ROUTE.comments]: 1,
        [ROUTE.checks]: 1,
        // The second read of the reviews confirms the success just before it is written.
        [ROUTE.reviews]: 2,
        [ROUTE.updateCheck]: 1,
        [ROUTE.removeLabel]: 1,
      });
      expect(writeRoutes({ github })).toEqual([ROUTE.updateCheck, ROUTE.removeLabel]);
      // Its own runs are those of the app GAVEL_APP_ID names (GitHub Actions' by default, the author of a GITHUB_TOKEN's writes).
      expect(pathsOf({ local: { github }, route: ROUTE.checks }).map((path) => new URL(path, API).searchParams.get("app_id"))).toEqual([
        String(SANDBOX_APP_ID),
      ]);
      expect(github.latestCheck({ repo: REPO, number })).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Approved: charter" } });
      expect(github.checkRuns({ repo: REPO, number })).toHaveLength(1);
      expect(stdout.join("")).toContain(`sweep of ${REPO}: 1 found, 1 evaluated, 0 failed`);
    },
    WRITES_TAKE_SECONDS,
  );

  it(
    "fails the job when GitHub refuses a write (a read-only token), instead of passing with an error in the log",
    async () => {
      const { payload } = openCharterPr();
      github.injectFault({ route: ROUTE.createCheck, status: 403 });
      job({ eventName: "pull_request", payload });

      await expect(runInActions({ now })).rejects.toThrow(/^Gavel failed on the pull_request event: .*Injected fault/s);
      expect(stdout.join("")).toMatch(/^::error::/m);
    },
    WRITES_TAKE_SECONDS,
  );

  it("refuses to run without GAVEL_SECRET, before any request", async () => {
    const { payload } = openCharterPr();
    job({ eventName: "pull_request", payload, gavel: { GAVEL_SECRET: undefined } });
    github.resetRequestCounts();

    await expect(runInActions({ now })).rejects.toThrow("GAVEL_SECRET is not set");
    expect(github.requestCounts()).toEqual({});
    expect(fetches).toEqual([]);
  });
});
