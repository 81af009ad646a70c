import { request } from "node:http";
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "@jest/globals";
import { FakeGitHub, type FakeReview } from "../helpers/fake-github.js";
import { issueCommentEvent, pullRequestEvent, reviewEvent } from "../helpers/payloads.js";
import { baseState, Clock, HEAD_SHA, resetNock, scenario, type Scenario } from "../helpers/scenario.js";

afterEach(resetNock);

const FIVE: FakeReview[] = ["alice", "bob", "carol", "dave", "erin"].map((login, i) => ({
  id: 700 + i,
  user: { login, type: "User" },
  state: "APPROVED",
  commit_id: HEAD_SHA,
  submitted_at: "2026-11-25T10:00:00Z",
}));
const DEADLINE = "2026-12-06T10:00:00.000Z";
const SEARCH = "GET /search/issues?q=label%3A%22governance%3A%20waiting%22%2C%22vote%3A%20open%22%20org%3Aacme&sort=updated&order=asc&per_page=100&page=1";
/** The search for changes since an instant, oldest first. */
const changedSince = (since: string) => `GET /search/issues?q=org%3Aacme%20updated%3A%3E%3D${encodeURIComponent(since)}&sort=updated&order=asc&per_page=100&page=1`;

/** A governed PR announced at T0 and approved by 5 of 7 on day 3. */
async function approvedOnDay3(s: Scenario): Promise<void> {
  await s.receive(pullRequestEvent({ state: s.github.state, action: "opened" }));
  s.clock.advanceDays(3);
  s.github.state.reviews.push(...FIVE);
  await s.receive(reviewEvent({ state: s.github.state, action: "submitted", reviewer: "erin", reviewState: "approved" }));
  expect(s.github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "5 of 5 approvals · discussion ends 2026-12-06 10:00 UTC" } });
}

describe("waking up on time", () => {
  it("a timer turns the check green when the discussion ends, not a moment before", async () => {
    const s = await scenario();
    await approvedOnDay3(s);
    s.clock.set("2026-12-06T09:59:59.999Z");
    // Only the day-7 refresh of the waiting check is due (the clock jumped, so it runs now).
    expect(await s.tick()).toBe(1);
    expect(s.github.latestCheck()).toMatchObject({ status: "in_progress", started_at: "2026-12-06T09:59:59.999Z" });

    s.clock.set(DEADLINE);
    expect(await s.tick()).toBe(1);
    expect(s.github.latestCheck()).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Approved: charter" } });
    expect(s.github.state.pr.labels).not.toContain("governance: waiting");
    // The refresh made a run no listing has confirmed as the latest yet (another replica may have made a twin),
    // so the new verdict goes on a run of its own, which GitHub reads whatever happened to a twin.
    expect(s.github.state.checkRuns.map((r) => r.status)).toEqual(["in_progress", "in_progress", "completed"]);
  });

  it("with the timers lost (a new instance), the first sweep turns it green", async () => {
    const first = await scenario();
    await approvedOnDay3(first);
    first.runtime.stop();

    first.clock.set("2026-12-06T10:07:00Z");
    const second = await scenario({ clock: first.clock, github: first.github });
    const before = first.github.requests.length;
    const report = await second.runtime.sweep();
    expect(report).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
    const calls = first.github.calls().slice(before);
    expect(calls.slice(0, 3)).toEqual(["GET /app/hook/deliveries?per_page=100", "GET /app/installations?per_page=100", SEARCH]);
    expect(first.github.latestCheck()).toMatchObject({ conclusion: "success" });
  });

  it("a later sweep searches once per installation for what changed, and evaluates only what is due", async () => {
    const s = await scenario();
    await approvedOnDay3(s);
    await s.runtime.sweep();
    s.clock.advanceDays(1);
    const before = s.github.requests.length;
    // The first sweep (2026-11-25T10:00) searched the labels and the hour before it; this one what changed since it, less the search lag.
    expect(await s.runtime.sweep()).toEqual({ installations: 1, redelivered: 0, found: 0, evaluated: 0, failed: 0 });
    expect(s.github.calls().slice(before)).toEqual(["GET /app/hook/deliveries?per_page=100", "GET /app/installations?per_page=100", changedSince("2026-11-25T09:50:00Z")]);

    // A change whose webhook Gavel handled is found and skipped; each search starts 10 minutes before the previous sweep.
    s.clock.set("2026-11-26T11:00:00Z");
    s.github.updatedAt = s.clock.now().toISOString();
    await s.receive(reviewEvent({ state: s.github.state, action: "submitted", reviewer: "erin", reviewState: "approved" }));
    const again = s.github.requests.length;
    expect(await s.runtime.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 0, failed: 0 });
    // The search lag overlaps the sweeps: found again, still not evaluated.
    s.clock.set("2026-11-26T12:00:00Z");
    expect(await s.runtime.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 0, failed: 0 });
    expect(s.github.calls().slice(again)).toEqual([
      "GET /app/hook/deliveries?per_page=100",
      "GET /app/installations?per_page=100",
      changedSince("2026-11-26T09:50:00Z"),
      "GET /app/hook/deliveries?per_page=100",
      "GET /app/installations?per_page=100",
      changedSince("2026-11-26T10:50:00Z"),
    ]);
  });

  it("a later sweep evaluates an item whose wake time passed without its timer", async () => {
    const s = await scenario();
    await approvedOnDay3(s);
    await s.runtime.sweep();
    // The deadline passes and the timer does not run (a stalled event loop, a failed wake-up): the sweep catches it from memory.
    s.clock.set("2026-12-06T10:05:00Z");
    expect(await s.runtime.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
    expect(s.github.latestCheck()).toMatchObject({ status: "completed", conclusion: "success" });
  });

  it("a sweep repairs an item whose webhook never arrived", async () => {
    const s = await scenario();
    await approvedOnDay3(s);
    await s.runtime.sweep();
    s.clock.advanceDays(1);
    s.github.state.reviews.push({ id: 799, user: { login: "frank", type: "User" }, state: "CHANGES_REQUESTED", commit_id: HEAD_SHA, submitted_at: s.clock.now().toISOString() });
    s.github.updatedAt = s.clock.now().toISOString();
    expect(await s.runtime.sweep()).toMatchObject({ evaluated: 1 });
    expect(s.github.latestCheck()?.output.summary).toContain("| @frank | ❌ no |");
  });

  it("a waiting check older than 7 days is replaced by a fresh run", async () => {
    const s = await scenario();
    await s.receive(pullRequestEvent({ state: s.github.state, action: "opened" }));
    expect(s.github.state.checkRuns).toHaveLength(1);
    s.clock.advanceDays(7);
    expect(await s.tick()).toBe(1);
    expect(s.github.state.checkRuns).toHaveLength(2);
    expect(s.github.latestCheck()).toMatchObject({ status: "in_progress", started_at: "2026-11-29T10:00:00.000Z" });
  });

  it("a redelivered or doubled wake-up writes nothing new", async () => {
    const s = await scenario();
    await approvedOnDay3(s);
    s.clock.set(DEADLINE);
    await s.tick();
    const writes = s.github.writes().length;
    await s.runtime.sweep();
    await s.receive(reviewEvent({ state: s.github.state, action: "submitted", reviewer: "erin", reviewState: "approved" }));
    expect(s.github.writes()).toHaveLength(writes);
    expect(s.timers.count()).toBe(0);
  });

  it("two racing announcements: the earliest stays, the later is deleted", async () => {
    const s = await scenario();
    await s.receive(pullRequestEvent({ state: s.github.state, action: "opened" }));
    const first = s.github.state.comments[0];
    if (!first) throw new Error("no announcement");
    const copy = { ...first, id: first.id + 1, created_at: "2026-11-22T10:00:01Z", updated_at: "2026-11-22T10:00:01Z" };
    s.github.state.comments.push(copy);
    // The other replica's comment reaches this one as a webhook.
    await s.receive(issueCommentEvent({ state: s.github.state, action: "created", comment: copy }));
    await s.receive(pullRequestEvent({ state: s.github.state, action: "synchronize" }));
    expect(s.github.calls()).toContain(`DELETE /repos/acme/widgets/issues/comments/${first.id + 1}`);
    expect(s.github.state.comments.map((c) => c.id)).toEqual([first.id]);
  });
});

describe("the sweep endpoint", () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  async function serve(s: Scenario): Promise<number> {
    const server = createServer(async (req, res) => {
      for (const handler of s.handlers) if (await handler(req, res)) return;
      res.writeHead(404).end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    return typeof address === "object" && address ? address.port : 0;
  }

  function post(params: { port: number; token?: string; method?: string }): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const headers = params.token === undefined ? {} : { authorization: `Bearer ${params.token}` };
      const req = request({ host: "127.0.0.1", port: params.port, path: "/gavel/sweep", method: params.method ?? "POST", headers }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("refuses a request without a token or with a wrong one, and runs nothing", async () => {
    const s = await scenario({ sweepToken: "right-token" });
    const port = await serve(s);
    expect((await post({ port })).status).toBe(401);
    expect((await post({ port, token: "wrong-token" })).status).toBe(401);
    expect((await post({ port, token: "right-token", method: "GET" })).status).toBe(405);
    expect(s.github.requests).toEqual([]);
  });

  it("runs the sweep with the right token", async () => {
    const s = await scenario({ sweepToken: "right-token" });
    await s.receive(pullRequestEvent({ state: s.github.state, action: "opened" }));
    const port = await serve(s);
    const response = await post({ port, token: "right-token" });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
  });

  it("is off without a token", async () => {
    const s = await scenario();
    expect(s.handlers).toEqual([]);
  });
});

describe("a new instance", () => {
  it("shares nothing with the old one but GitHub", async () => {
    const clock = new Clock(new Date("2026-11-22T10:00:00Z"));
    const github = new FakeGitHub(baseState(), clock.now);
    const s = await scenario({ clock, github });
    expect(s.timers.count()).toBe(0);
  });
});

describe("a sweep over several installations", () => {
  it("goes on past a failing installation and skips a suspended one", async () => {
    const s = await scenario();
    await s.receive(pullRequestEvent({ state: s.github.state, action: "opened" }));
    s.github.otherInstallations = [
      { id: 78, login: "broken", suspended: false },
      { id: 79, login: "asleep", suspended: true },
    ];
    s.github.state.failures.push({ match: /org%3Abroken/, status: 403 });
    const report = await s.runtime.sweep();
    expect(report).toEqual({ installations: 3, redelivered: 0, found: 1, evaluated: 1, failed: 1 });
    // A first sweep: the labels and the hour before, for each installation not suspended.
    expect(s.github.calls().filter((c) => c.startsWith("GET /search/issues"))).toHaveLength(4);
    // The failed installation was never swept: the next sweep searches it as a first sweep again, the other for changes.
    const before = s.github.requests.length;
    await s.runtime.sweep();
    expect(s.github.calls().slice(before).filter((c) => c.startsWith("GET /search/issues"))).toEqual([
      "GET /search/issues?q=label%3A%22governance%3A%20waiting%22%2C%22vote%3A%20open%22%20org%3Abroken&sort=updated&order=asc&per_page=100&page=1",
      "GET /search/issues?q=org%3Abroken%20updated%3A%3E%3D2026-11-22T09%3A00%3A00Z&sort=updated&order=asc&per_page=100&page=1",
      changedSince("2026-11-22T09:50:00Z"),
    ]);
  });

  it("two sweeps asked for at once run once", async () => {
    const s = await scenario();
    await s.receive(pullRequestEvent({ state: s.github.state, action: "opened" }));
    const [a, b] = await Promise.all([s.runtime.sweep(), s.runtime.sweep()]);
    expect(a).toBe(b);
    // One first sweep: its two searches.
    expect(s.github.calls().filter((c) => c.startsWith("GET /search/issues"))).toHaveLength(2);
  });
});
