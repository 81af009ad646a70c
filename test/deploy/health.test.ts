import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, describe, expect, it, jest } from "@jest/globals";
import { TEST_PRIVATE_KEY } from "../helpers/private-key.js";
import { parseDockerfile } from "./dockerfile-parser.js";

/**
 * The container's health check and start-up, run for real: `probot run`
 * (the image's CMD) loads Gavel's entry point from the environment, as in
 * the image but from src/ through tsx instead of the compiled lib/. Probot
 * serves GET /ping itself once the app is loaded and listening, so Gavel
 * needs no health route of its own; the Dockerfile's HEALTHCHECK command is
 * run against it. No request leaves the machine: the sweep loop is off.
 */
jest.setTimeout(30_000);

const repo = fileURLToPath(new URL("../../", import.meta.url));
const probotBin = join(repo, "node_modules/probot/bin/probot.js");
const tsx = pathToFileURL(join(repo, "node_modules/tsx/dist/esm/index.mjs")).href;
// An empty working directory: `probot run` would otherwise load a developer's .env over the test's environment.
const cwd = mkdtempSync(join(tmpdir(), "gavel-health-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const GOOD = {
  APP_ID: "123",
  PRIVATE_KEY: TEST_PRIVATE_KEY,
  WEBHOOK_SECRET: "a-webhook-secret",
  SWEEP_INTERVAL: "0",
  SWEEP_TOKEN: "a-sweep-token-of-32-characters!!",
  NODE_ENV: "production",
  NO_SMEE_SETUP: "true",
  LOG_FORMAT: "json",
  HOST: "127.0.0.1",
};

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts the image's command on src/index.ts with only the given environment (and PATH). */
function startGavel(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ["--import", tsx, probotBin, "run", join(repo, "src/index.ts")], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

async function get(params: { port: number; path: string; method?: string; headers?: Record<string, string> }): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${params.port}${params.path}`, { method: params.method ?? "GET", headers: params.headers ?? {} });
  return { status: response.status, body: await response.text() };
}

/** Polls /ping until it answers, or fails with the process's output if it exits first. */
async function waitUntilUp(params: { started: Started; port: number }): Promise<void> {
  let exitCode: number | null | undefined;
  void params.started.exited.then((code) => (exitCode = code));
  for (let attempt = 0; attempt < 200; attempt++) {
    if (exitCode !== undefined) throw new Error(`Gavel exited with ${exitCode}:\n${params.started.output()}`);
    try {
      await get({ port: params.port, path: "/ping" });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`Gavel did not listen:\n${params.started.output()}`);
}

/** The Dockerfile's HEALTHCHECK command, run here; resolves to its exit code. */
function runHealthCheck(port: number): Promise<number> {
  const stage = parseDockerfile(readFileSync(join(repo, "Dockerfile"), "utf8")).stages.at(-1);
  const check = stage?.instructions.find((i) => i.keyword === "HEALTHCHECK");
  const command: unknown = JSON.parse(/^CMD\s+(.*)$/s.exec(check?.rest ?? "")?.[1] ?? "null");
  if (!Array.isArray(command) || command[0] !== "node") throw new Error("the HEALTHCHECK is not an exec-form node command");
  const args = command.slice(1).map(String);
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { PATH: process.env.PATH ?? "", PORT: String(port) }, timeout: 10_000 }, (error) =>
      resolve(error ? Number(error.code ?? 1) : 0),
    );
  });
}

describe("a started Gavel", () => {
  it("answers Probot's GET /ping, passes the image's health check, serves the sweep endpoint, and stops on SIGTERM", async () => {
    const port = await freePort();
    const started = startGavel({ ...GOOD, PORT: String(port) });
    await waitUntilUp({ started, port });

    expect(await get({ port, path: "/ping" })).toEqual({ status: 200, body: "PONG" });
    expect(await runHealthCheck(port)).toBe(0);
    // Gavel's own handler is loaded into the same server; a wrong token runs nothing.
    expect((await get({ port, path: "/gavel/sweep", method: "POST", headers: { authorization: "Bearer wrong" } })).status).toBe(401);

    started.child.kill("SIGTERM");
    expect(await started.exited).toBe(0);
    expect(started.output()).toMatch(/SIGTERM: stopping/);
    // JSON logs, as LOG_FORMAT=json asks; no smee proxy was started.
    expect(
      started
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{")).length,
    ).toBeGreaterThan(0);
    expect(started.output()).not.toMatch(/smee/i);
  });

  it("fails the image's health check when nothing answers", async () => {
    expect(await runHealthCheck(await freePort())).not.toBe(0);
  });
});

describe("a Gavel that must not start", () => {
  it.each<[string, Record<string, string>, RegExp[]]>([
    [
      "Probot's development secret and a malformed app id",
      { APP_ID: "12.5", WEBHOOK_SECRET: "development" },
      [/APP_ID is `12\.5`/, /WEBHOOK_SECRET is Probot's public default/],
    ],
    ["no webhook secret", { WEBHOOK_SECRET: "" }, [/WEBHOOK_SECRET is not set/]],
    ["a smee proxy in production", { WEBHOOK_PROXY_URL: "https://smee.io/gavel-test" }, [/WEBHOOK_PROXY_URL is set .* with NODE_ENV=production/]],
  ])("exits before listening, naming each problem: %s", async (_name, overrides, messages) => {
    const port = await freePort();
    const started = startGavel({ ...GOOD, PORT: String(port), ...overrides });
    expect(await started.exited).not.toBe(0);
    expect(started.output()).toMatch(/Gavel cannot start/);
    for (const message of messages) expect(started.output()).toMatch(message);
    expect(started.output()).not.toMatch(/Listening on/);
    await expect(get({ port, path: "/ping" })).rejects.toThrow();
  });
});
