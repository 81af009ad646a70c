import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { approve, checkState, openCharterPr, REPO, startStory } from "./story.js";

/**
 * GitHub failing under Gavel (issue #8), injected per route by the sandbox:
 * reads are retried with backoff, a read that keeps failing fails the check
 * closed ("Evaluation error, will retry"), rate limits are waited out as
 * GitHub asks, and a list is never evaluated from part of its pages.
 */
const REVIEWS = "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews";
const WAITING = (approvals: number) => `in_progress/-: ${approvals} of 5 approvals · discussion ends 2026-03-16 09:01 UTC`;

jest.setTimeout(30_000);

let local: LocalGavel;
let pr = 0;
beforeEach(async () => {
  local = await startStory();
  pr = await openCharterPr(local);
});
afterEach(async () => {
  local.github.clearFaults();
  await local.stop();
});

const reviewReads = () => local.github.requestLog().filter((r) => r.route === REVIEWS);

describe("5xx and timeouts", () => {
  it("a 5xx on a read is retried with backoff, and the evaluation completes", async () => {
    local.github.resetRequestCounts();
    local.github.injectFault({ route: REVIEWS, status: 502, times: 2 });
    await approve({ local, number: pr, users: ["bob"] });
    expect(checkState({ local, number: pr })).toBe(WAITING(2));
    expect(reviewReads().map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it("a read that keeps failing fails the check closed; the next event repairs it", async () => {
    const heal = local.github.injectFault({ route: REVIEWS, status: 503 });
    await approve({ local, number: pr, users: ["bob"] });
    expect(local.github.latestCheck({ repo: REPO, number: pr })).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "Evaluation error, will retry" },
    });
    expect(local.github.latestCheck({ repo: REPO, number: pr })?.output.summary).toContain("listing reviews of acme/community#1");
    heal();
    await approve({ local, number: pr, users: ["carol"] });
    expect(checkState({ local, number: pr })).toBe(WAITING(3));
  });

  it("a read that hangs is abandoned after the timeout and tried again", async () => {
    local.github.resetRequestCounts();
    local.github.injectFault({ route: REVIEWS, latencyMs: 3_000, times: 1 });
    await approve({ local, number: pr, users: ["bob"] });
    expect(checkState({ local, number: pr })).toBe(WAITING(2));
    expect(reviewReads()).toHaveLength(2);
  });
});

describe("rate limits", () => {
  it.each([
    { name: "429 with retry-after", fault: { status: 429, retryAfterSeconds: 600 }, waitSeconds: 600 },
    { name: "403 with x-ratelimit-reset", fault: { status: 403, resetInSeconds: 900 }, waitSeconds: 900 },
  ])("$name: no retry storm, other installations served, the evaluation resumes when GitHub said", async ({ fault, waitSeconds }) => {
    local.github.resetRequestCounts();
    local.github.injectFault({ route: REVIEWS, times: 1, ...fault });
    await approve({ local, number: pr, users: ["bob"] });
    expect(local.github.latestCheck({ repo: REPO, number: pr })?.conclusion).toBe("failure");
    expect(reviewReads()).toHaveLength(1);

    // Another installation is served meanwhile.
    local.github.createRepo({ repo: "globex/site", maintainers: ["alice", "bob", "carol"], files: { "GOVERNANCE.md": "# Charter\n" } });
    const other = local.github.openPullRequest({ repo: "globex/site", author: "alice", title: "t", files: { "GOVERNANCE.md": "# Charter v2\n" } });
    await local.settle();
    expect(local.github.latestCheck({ repo: "globex/site", number: other })?.status).toBe("in_progress");

    // Nothing is retried before GitHub's time; right after it, the PR is evaluated again.
    local.github.resetRequestCounts();
    await local.advance((waitSeconds - 120) * 1000);
    expect(local.github.requestLog().filter((r) => r.route === REVIEWS && r.start >= 0)).toHaveLength(0);
    await local.advance(180 * 1000);
    expect(checkState({ local, number: pr })).toBe(WAITING(2));
  });
});

describe("pagination", () => {
  it("a page that fails mid-list is never evaluated as if the list were complete", async () => {
    for (let i = 0; i < 100; i++) local.github.review({ repo: REPO, number: pr, user: "zoe", state: "COMMENT", body: `note ${i}` });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe(WAITING(1));
    // Page 1 of the reviews answers; every attempt at page 2 fails.
    local.github.injectFault({ route: REVIEWS, status: 502, after: 1, times: 3 });
    await approve({ local, number: pr, users: ["bob"] });
    const check = local.github.latestCheck({ repo: REPO, number: pr });
    expect(check).toMatchObject({ conclusion: "failure", output: { title: "Evaluation error, will retry" } });
  });
});
