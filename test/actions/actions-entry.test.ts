/**
 * Gavel's GitHub Actions mode, run as a job runs it: the runner's variables in
 * process.env, the event payload in a file at GITHUB_EVENT_PATH, the
 * workflow's GITHUB_TOKEN, and @probot/adapter-github-actions building the
 * Probot. GitHub is the in-memory fake behind nock.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { load } from "js-yaml";
import nock from "nock";
import { GITHUB_ACTIONS_APP_ID, readActionsSettings } from "../../src/actions/actions-settings.js";
import { runInActions } from "../../src/actions/run-in-actions.js";
import { COMMENT_EVENTS } from "../../src/handlers/issue-comment.js";
import { REVIEW_EVENTS } from "../../src/handlers/pull-request-review.js";
import { PULL_REQUEST_EVENTS } from "../../src/handlers/pull-request.js";
import { API, APP_ID, FakeGitHub, type FakeReview } from "../helpers/fake-github.js";
import { pullRequestEvent } from "../helpers/payloads.js";
import { baseState, Clock, HEAD_SHA, resetNock } from "../helpers/scenario.js";

const TOKEN = "ghs_workflow-token";
const SECRET = "a-repository-secret-of-at-least-32-characters";
const R = "/repos/acme/widgets";
const CONFIG = `GET ${R}/contents/.github%2Fgovernance.yml`;
const PULL = `GET ${R}/pulls/7`;
const FILES = `GET ${R}/pulls/7/files?per_page=100`;
const REVIEWS = `GET ${R}/pulls/7/reviews?per_page=100`;
const COMMENTS = `GET ${R}/issues/7/comments?per_page=100`;
const MAINTAINERS = `GET ${R}/contents/MAINTAINERS.md`;
const checks = (appId: number) => `GET ${R}/commits/${HEAD_SHA}/check-runs?check_name=governance&app_id=${appId}&filter=latest&per_page=100`;
/** Without a config of its own, the org's `.github` is not read: a job's token can't tell whether Gavel governs it. */
const GOVERNED_READS = (appId: number) => [CONFIG, PULL, FILES, REVIEWS, COMMENTS, MAINTAINERS, checks(appId)];

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

beforeEach(() => {
  nock.disableNetConnect();
  dir = mkdtempSync(join(tmpdir(), "gavel-actions-"));
  // The adapter logs through @actions/core, which writes workflow commands to stdout.
  stdout = [];
  jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  // Every API request the job makes, with the credential it sent.
  fetches = [];
  const fetch = globalThis.fetch;
  jest.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    fetches.push({ url, authorization: new Headers(init?.headers).get("authorization") });
    return fetch(input, init);
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  resetNock();
  rmSync(dir, { recursive: true, force: true });
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
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
    GITHUB_REPOSITORY: "acme/widgets",
    GITHUB_TOKEN: TOKEN,
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

/** A webhook payload as Actions writes it: the same as the webhook's, but no installation, as the token is a workflow's. */
function actionsPayload(payload: object): object {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => key !== "installation"));
}

const approvals: FakeReview[] = ["alice", "bob", "carol", "dave", "erin"].map((login, i) => ({ id: 60 + i, user: { login, type: "User" }, state: "APPROVED", commit_id: HEAD_SHA, submitted_at: "2026-11-23T10:00:00Z" }));

describe("Gavel in GitHub Actions", () => {
  it("pull_request.opened: governs the PR with the workflow's token, as GitHub Actions", async () => {
    const clock = new Clock(new Date("2026-11-22T10:00:00Z"));
    const github = new FakeGitHub(baseState(), clock.now);
    job({ eventName: "pull_request", payload: actionsPayload(pullRequestEvent({ state: github.state, action: "opened" }).payload) });

    await runInActions({ now: clock.now });

    // Its own check runs are looked up as GitHub Actions' (app 15368), the author of a GITHUB_TOKEN's writes.
    expect(github.calls()).toEqual([...GOVERNED_READS(GITHUB_ACTIONS_APP_ID), `POST ${R}/issues/7/labels`, `POST ${R}/issues/7/comments`, `POST ${R}/check-runs`]);
    expect(github.tokenRequests).toEqual([]);
    expect(fetches.map((f) => f.authorization)).toEqual(github.calls().map(() => `token ${TOKEN}`));
    expect(github.writes()[2]?.body).toEqual({
      name: "governance",
      head_sha: HEAD_SHA,
      status: "in_progress",
      started_at: "2026-11-22T10:00:00.000Z",
      output: { title: "0 of 5 approvals · discussion ends 2026-12-06 10:00 UTC", summary: expect.stringContaining("⌈2/3 × 7⌉ = 5 of 7") },
    });
    expect(github.state.checkRuns).toMatchObject([{ name: "governance", head_sha: HEAD_SHA, status: "in_progress" }]);
    expect(github.state.pr.labels).toEqual(["governance: waiting"]);
    // No config here, and no app to ask about the org's `.github`: the check says which rules apply and why.
    expect(github.latestCheck()?.output.summary).toContain("**Rules:** Gavel's defaults. This repository has no `.github/governance.yml`. Run as a GitHub Action, Gavel can't tell whether acme/.github is governed");
  }, WRITES_TAKE_SECONDS);

  it("pull_request_target (a PR from a fork) is handled as pull_request", async () => {
    const clock = new Clock(new Date("2026-11-22T10:00:00Z"));
    const github = new FakeGitHub(baseState(), clock.now);
    job({ eventName: "pull_request_target", payload: actionsPayload(pullRequestEvent({ state: github.state, action: "opened" }).payload) });

    await runInActions({ now: clock.now });

    expect(github.calls()).toEqual([...GOVERNED_READS(GITHUB_ACTIONS_APP_ID), `POST ${R}/issues/7/labels`, `POST ${R}/issues/7/comments`, `POST ${R}/check-runs`]);
  }, WRITES_TAKE_SECONDS);

  it("schedule: sweeps this repository and turns a PR green once its discussion period is over", async () => {
    const clock = new Clock(new Date("2026-11-22T10:00:00Z"));
    const searches: string[] = [];
    // Registered before the fake, so it answers the search: the sweep's scope is one repository, not an account.
    nock(API)
      .get("/search/issues")
      .query(true)
      .reply((uri) => {
        searches.push(new URL(uri, API).searchParams.get("q") ?? "");
        const pr = github.state.pr;
        const item = { number: pr.number, repository_url: `${API}${R}`, labels: pr.labels.map((name) => ({ name })), updated_at: github.updatedAt, state: pr.state, pull_request: { url: `${API}${R}/pulls/7` } };
        return [200, { total_count: 1, incomplete_results: false, items: [item] }];
      });
    const github = new FakeGitHub(baseState({ reviews: approvals }), clock.now);
    // The fake authors Gavel's writes as app 4242: GAVEL_APP_ID names it, as it would a GitHub App whose token a workflow uses.
    const gavel = { GAVEL_APP_ID: String(APP_ID) };
    job({ eventName: "pull_request", payload: actionsPayload(pullRequestEvent({ state: github.state, action: "opened" }).payload), gavel });
    await runInActions({ now: clock.now });
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "5 of 5 approvals · discussion ends 2026-12-06 10:00 UTC" } });

    // The cron job runs 40 minutes late: the success comes late, never early. A success is confirmed by a fresh read of the reviews.
    clock.set("2026-12-06T10:40:00Z");
    const before = github.requests.length;
    job({ eventName: "schedule", payload: { schedule: "*/15 * * * *", repository: { full_name: "acme/widgets", name: "widgets", owner: { login: "acme" } } }, gavel });
    await runInActions({ now: clock.now });

    expect(searches).toEqual(['label:"governance: waiting","vote: open" repo:acme/widgets']);
    expect(github.calls().slice(before)).toEqual([CONFIG, PULL, FILES, REVIEWS, COMMENTS, MAINTAINERS, checks(APP_ID), REVIEWS, `PATCH ${R}/check-runs/${github.latestCheck()?.id}`, `DELETE ${R}/issues/7/labels/governance%3A%20waiting`]);
    expect(github.latestCheck()).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Approved: charter" } });
    expect(github.state.checkRuns).toHaveLength(1);
    expect(stdout.join("")).toContain("sweep of acme/widgets: 1 found, 1 evaluated, 0 failed");
  }, WRITES_TAKE_SECONDS);

  it("fails the job when GitHub refuses a write (a read-only token), instead of passing with an error in the log", async () => {
    const clock = new Clock(new Date("2026-11-22T10:00:00Z"));
    const github = new FakeGitHub(baseState({ failures: [{ match: /^POST .*\/check-runs$/, status: 403 }] }), clock.now);
    job({ eventName: "pull_request", payload: actionsPayload(pullRequestEvent({ state: github.state, action: "opened" }).payload) });

    await expect(runInActions({ now: clock.now })).rejects.toThrow(/^Gavel failed on the pull_request event: .*injected 403/s);
    expect(stdout.join("")).toMatch(/^::error::/m);
  }, WRITES_TAKE_SECONDS);

  it("refuses to run without GAVEL_SECRET, before any request", async () => {
    const github = new FakeGitHub(baseState(), () => new Date("2026-11-22T10:00:00Z"));
    job({ eventName: "pull_request", payload: actionsPayload(pullRequestEvent({ state: github.state, action: "opened" }).payload), gavel: { GAVEL_SECRET: undefined } });

    await expect(runInActions()).rejects.toThrow("GAVEL_SECRET is not set");
    expect(github.requests).toEqual([]);
    expect(fetches).toEqual([]);
  });
});

describe("Actions-mode settings", () => {
  const runner = { GITHUB_TOKEN: TOKEN, GITHUB_RUN_ID: "1", GITHUB_EVENT_NAME: "schedule", GITHUB_EVENT_PATH: "/tmp/event.json", GITHUB_REPOSITORY: "acme/widgets" };

  it("defaults the app id to GitHub Actions' and reads previous secrets for a rotation", () => {
    const settings = readActionsSettings({ env: { ...runner, GAVEL_SECRET: SECRET, GAVEL_SECRET_PREVIOUS: ` ${SECRET}-old ,` } });
    expect(settings).toEqual({ appId: 15368, secret: SECRET, previousSecrets: [`${SECRET}-old`], repository: { owner: "acme", repo: "widgets" } });
  });

  it.each([
    ["no secret", { ...runner }, "GAVEL_SECRET is not set"],
    ["a blank secret", { ...runner, GAVEL_SECRET: "   " }, "GAVEL_SECRET is not set"],
    ["a short secret", { ...runner, GAVEL_SECRET: "development" }, "GAVEL_SECRET is too short"],
    ["a short previous secret", { ...runner, GAVEL_SECRET: SECRET, GAVEL_SECRET_PREVIOUS: "old" }, "GAVEL_SECRET_PREVIOUS: each secret needs at least 32 characters"],
    ["a bad app id", { ...runner, GAVEL_SECRET: SECRET, GAVEL_APP_ID: "github-actions" }, 'GAVEL_APP_ID must be a positive whole number, not "github-actions"'],
    ["no token", { ...runner, GITHUB_TOKEN: "", GAVEL_SECRET: SECRET }, "GITHUB_TOKEN not set"],
    ["a bad repository", { ...runner, GITHUB_REPOSITORY: "widgets", GAVEL_SECRET: SECRET }, 'GITHUB_REPOSITORY must read "owner/name", not "widgets"'],
  ])("refuses %s", (_name, env, message) => {
    expect(() => readActionsSettings({ env })).toThrow(message);
  });
});

describe("the example workflow (docs/examples/gavel-workflow.yml)", () => {
  const workflow: unknown = load(readFileSync(new URL("../../docs/examples/gavel-workflow.yml", import.meta.url), "utf8"));
  const at = (path: string[]): unknown => path.reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? Reflect.get(node, key) : undefined), workflow);
  const actions = (events: readonly string[]) => events.map((e) => e.split(".")[1]);

  it("subscribes to exactly the actions Gavel handles, plus the sweep's triggers", () => {
    expect(at(["on", "pull_request_target", "types"])).toEqual(actions(PULL_REQUEST_EVENTS));
    expect(at(["on", "pull_request_review", "types"])).toEqual(actions(REVIEW_EVENTS));
    expect(at(["on", "issue_comment", "types"])).toEqual(actions(COMMENT_EVENTS));
    expect(at(["on", "push", "branches"])).toEqual(["main"]);
    expect(at(["on", "schedule"])).toEqual([{ cron: "7,22,37,52 * * * *" }]);
    expect(Object.keys(at(["on"]) ?? {})).toContain("workflow_dispatch");
  });

  it("asks for the token's permissions Gavel uses, runs one event per item at a time, and passes the secret", () => {
    expect(at(["permissions"])).toEqual({ checks: "write", "pull-requests": "write", issues: "write", contents: "read" });
    expect(at(["concurrency"])).toEqual({ group: "gavel-${{ github.event.pull_request.number || github.event.issue.number || github.ref }}", "cancel-in-progress": false, queue: "max" });
    // A job named `governance` would write a check run that passes for Gavel's.
    expect(Object.keys(at(["jobs"]) ?? {})).toEqual(["gavel"]);
    const steps = at(["jobs", "gavel", "steps"]);
    expect(Array.isArray(steps) ? steps.at(-1) : null).toEqual({
      run: "node lib/actions/main.js",
      env: { GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}", GAVEL_SECRET: "${{ secrets.GAVEL_SECRET }}", GAVEL_SECRET_PREVIOUS: "${{ secrets.GAVEL_SECRET_PREVIOUS }}" },
    });
    // Nothing checks out the pull request's code: `pull_request_target` has a write token.
    expect(JSON.stringify(steps)).not.toMatch(/head\.(sha|ref)|github\.head_ref/);
  });
});
