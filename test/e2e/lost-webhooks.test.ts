import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { approve, CHARTER, checkState, DAY, REPO, say, startStory } from "./story.js";

/**
 * Webhooks that never arrive (issue #8). GitHub does not redeliver a failed
 * delivery by itself, so the reconcile sweep asks it to (the app's delivery
 * log), and for one GitHub never even attempted (the log doesn't show it) it
 * searches for what changed: labelled items and unlabelled ones alike are
 * repaired within one interval. The first sweep after a start searches
 * Gavel's labels and what changed in the lookback before it; every later one
 * what changed since the previous sweep.
 */
jest.setTimeout(30_000);
const MINUTE = 60_000;
const SEARCH = "GET /search/issues";
const thread = (number: number) => ({ repo: REPO, number });

let local: LocalGavel;
beforeEach(async () => {
  local = await startStory();
});
afterEach(async () => {
  await local.stop();
});

/** A PR that changes only the README: `success`, no label, so the labelled search never finds it. */
async function openReadmePr(): Promise<number> {
  const number = local.github.openPullRequest({ repo: REPO, author: "alice", title: "Typo", files: { "README.md": "# community!\n" } });
  await local.settle();
  expect(checkState({ local, number })).toBe("completed/success: No governed files changed");
  expect(local.github.labels(thread(number))).toEqual([]);
  return number;
}

describe("a webhook GitHub never sent: the search for changes repairs it", () => {
  it("a lost `synchronize` that adds a governed file to a passing PR: the next sweep announces and blocks the new head", async () => {
    const pr = await openReadmePr();
    await local.sweep(); // the first sweep after the start
    local.github.dropDeliveries({ event: "pull_request.synchronize", times: 1, unlogged: true });
    const head = local.github.push({ repo: REPO, number: pr, author: "alice", files: { "GOVERNANCE.md": `${CHARTER}\nA quiet change.\n` } });
    await local.settle();
    expect(local.github.checkRuns(thread(pr)).filter((r) => r.headSha === head)).toEqual([]);

    await local.advance(15 * MINUTE);
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
    expect(local.github.requestCounts()[SEARCH]).toBe(1);
    expect(local.github.latestCheck(thread(pr))).toMatchObject({ headSha: head, status: "in_progress" });
    // The discussion starts when Gavel announces it, at the sweep: late, never early.
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion ends 2026-03-16 09:17 UTC");
    expect(local.github.labels(thread(pr))).toEqual(["governance: waiting"]);
    expect(local.github.appComments(thread(pr)).filter((c) => c.body.includes("gavel:announcement"))).toHaveLength(1);
  });

  it("a lost `opened` while Gavel was down: the first sweep after the restart gives the PR its check", async () => {
    local.github.dropDeliveries({ event: "pull_request.opened", times: 1, unlogged: true });
    const pr = local.github.openPullRequest({ repo: REPO, author: "alice", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("no check");

    await local.restart();
    await local.advance(30 * MINUTE);
    // The PR never got Gavel's label; the first sweep's second search, for changes in the hour before it, finds it.
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
    expect(local.github.requestCounts()[SEARCH]).toBe(2);
    expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 1 of 5 approvals/);
  });

  it("a fresh process per sweep (serverless) still repairs a lost webhook on an unlabelled PR", async () => {
    const pr = await openReadmePr();
    local.github.dropDeliveries({ event: "pull_request.labeled", times: 1, unlogged: true });
    local.github.label({ repo: REPO, number: pr, user: "alice", label: "governance" });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("completed/success: No governed files changed");
    await local.advance(15 * MINUTE);
    await local.restart();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
    expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 1 of 5 approvals/);
  });

  it("a lost review on a passing PR's labelled sibling and a lost label on an unlabelled one are both repaired by one search", async () => {
    const charter = local.github.openPullRequest({ repo: REPO, author: "alice", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    const readme = await openReadmePr();
    await local.sweep();
    local.github.dropDeliveries({ event: "pull_request_review", times: 1, unlogged: true });
    local.github.dropDeliveries({ event: "pull_request.labeled", times: 1, unlogged: true });
    local.github.review({ repo: REPO, number: charter, user: "bob", state: "APPROVE" });
    local.github.label({ repo: REPO, number: readme, user: "alice", label: "governance" });
    await local.settle();
    expect(checkState({ local, number: charter })).toMatch(/^in_progress\/-: 1 of 5 approvals/);
    expect(checkState({ local, number: readme })).toBe("completed/success: No governed files changed");

    await local.advance(15 * MINUTE);
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 2, evaluated: 2, failed: 0 });
    expect(local.github.requestCounts()[SEARCH]).toBe(1);
    expect(checkState({ local, number: charter })).toMatch(/^in_progress\/-: 2 of 5 approvals/);
    // A `governance` label adds the charter rule, whatever the files.
    expect(checkState({ local, number: readme })).toMatch(/^in_progress\/-: 1 of 5 approvals/);
  });

  it("a lost ballot on an open vote is counted by the next sweep, long before the deadline", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi" });
    await say({ local, number: issue, user: "alice", body: "/vote nomination @heidi" });
    await local.sweep();
    local.github.dropDeliveries({ event: "issue_comment.created", times: 1, unlogged: true });
    await say({ local, number: issue, user: "bob", body: "/vote yes" });
    const vote = () => local.github.appComments(thread(issue)).find((c) => c.body.includes("gavel:vote "))?.body ?? "";
    expect(vote()).toContain("0 yes · 0 no");

    await local.advance(15 * MINUTE);
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
    expect(vote()).toContain("1 yes · 0 no");
  });

  it("a search longer than a page is read by keyset: a change mid-read can't make it skip the item whose webhook was lost", async () => {
    const prs: number[] = [];
    for (let i = 0; i < 150; i++)
      prs.push(local.github.openPullRequest({ repo: REPO, author: "zoe", title: `Docs ${i}`, files: { [`docs/page-${i}.md`]: `# ${i}\n` } }));
    await local.settle();
    await local.sweep();
    await local.advance(15 * MINUTE);
    // 100 PRs change, then the lost one, then 49 more: oldest first, the lost one is the 101st.
    const lost = prs[100] ?? 0;
    const touch = (number: number) => local.github.comment({ repo: REPO, number, user: "zoe", body: "a note" });
    prs.slice(0, 100).forEach(touch);
    local.github.dropDeliveries({ event: "pull_request.labeled", times: 1, unlogged: true });
    local.github.label({ repo: REPO, number: lost, user: "alice", label: "governance" });
    prs.slice(101).forEach(touch);
    await local.settle();
    expect(checkState({ local, number: lost })).toBe("completed/success: No governed files changed");

    // While page 1 is read, the oldest PR changes again and moves to the end: by page number, page 2 would start one item late.
    local.github.injectFault({ route: SEARCH, after: 1, times: 1, meanwhile: () => void touch(prs[0] ?? 0) });
    local.github.resetRequestCounts();
    const report = await local.sweep();
    expect(report.failed).toBe(0);
    expect(local.github.requestCounts()[SEARCH]).toBe(2);
    // zoe, its author, is no maintainer: nobody has approved yet, but the charter rule now applies.
    expect(checkState({ local, number: lost })).toMatch(/^in_progress\/-: 0 of 5 approvals/);
    // 150 PRs: about 10 s on a quiet machine, far more beside other work.
  }, 120_000);

  it("a sweep with nothing lost evaluates nothing, and finds again only what changed since the previous sweep", async () => {
    const pr = await openReadmePr();
    await approve({ local, number: pr, users: ["bob"] });
    await local.sweep();
    await local.advance(15 * MINUTE);
    // Found (changed within the lookback), but evaluated since it changed.
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 0, failed: 0 });
    await local.advance(DAY);
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 0, evaluated: 0, failed: 0 });
  });
});

describe("a delivery that failed: the sweep has GitHub send it again", () => {
  it("a failed push that broke the rules on the default branch: redelivered, every open PR re-evaluated", async () => {
    const pr = await openReadmePr();
    await local.sweep();
    local.github.dropDeliveries({ event: "push", times: 1 });
    // The search can't see this one: a push to the default branch changes no PR.
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": "rules: [oops\n" } });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("completed/success: No governed files changed");

    await local.advance(15 * MINUTE);
    local.github.resetRequestCounts();
    expect(await local.sweep()).toMatchObject({ redelivered: 1, evaluated: 0, failed: 0 });
    expect(local.github.requestCounts()["POST /app/hook/deliveries/{delivery_id}/attempts"]).toBe(1);
    expect(checkState({ local, number: pr })).toMatch(/^completed\/failure: Configuration error in \.github\/governance\.yml/);
    // Delivered now: the next sweep asks for nothing.
    await local.advance(15 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 0, failed: 0 });
  });

  it("a failure that reaches GitHub's delivery log minutes late is still redelivered", async () => {
    const pr = await openReadmePr();
    await local.sweep();
    // The push fails now; the log shows it, dated now, three minutes later (after the next sweep has read the log).
    local.github.dropDeliveries({ event: "push", times: 1, logDelayMs: 3 * MINUTE });
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": "rules: [oops\n" } });
    await local.settle();
    await local.advance(2 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 0, failed: 0 });
    await local.advance(5 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 1, failed: 0 });
    expect(checkState({ local, number: pr })).toMatch(/^completed\/failure: Configuration error in \.github\/governance\.yml/);
    // Read again by the overlap of the next sweep, but asked for once.
    await local.advance(5 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 0, failed: 0 });
  });

  it("a failed `/vote` is redelivered, and the vote opens (late, never early)", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi" });
    await local.sweep();
    local.github.dropDeliveries({ event: "issue_comment.created", times: 1 });
    await say({ local, number: issue, user: "alice", body: "/vote nomination @heidi" });
    expect(local.github.appComments(thread(issue))).toEqual([]);
    await local.advance(15 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 1, failed: 0 });
    expect(local.github.labels(thread(issue))).toEqual(["vote: open"]);
    expect(local.github.appComments(thread(issue)).filter((c) => c.body.includes("gavel:vote "))).toHaveLength(1);
  });

  it("Gavel down for a while: the first sweep after the start has every failed delivery of the lookback sent again, once", async () => {
    const pr = await openReadmePr();
    local.github.dropDeliveries({ event: "pull_request", times: 2 });
    local.github.label({ repo: REPO, number: pr, user: "alice", label: "governance" });
    const charter = local.github.openPullRequest({ repo: REPO, author: "alice", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    // Back a second after: the `opened` under a minute old waits one sweep (its handling would skip reading comments).
    await local.advance(1000);
    await local.restart();
    expect(await local.sweep()).toMatchObject({ redelivered: 1, failed: 0 });
    await local.advance(15 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 1, failed: 0 });
    expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 1 of 5 approvals/);
    expect(checkState({ local, number: charter })).toMatch(/^in_progress\/-: 1 of 5 approvals/);
    expect(local.github.appComments(thread(charter)).filter((c) => c.body.includes("gavel:announcement"))).toHaveLength(1);
  });

  it("a redelivery GitHub refuses for a passing reason is asked for again by the next sweep, though the event has left the window", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi" });
    await local.sweep();
    local.github.dropDeliveries({ event: "issue_comment.created", times: 1 });
    await say({ local, number: issue, user: "alice", body: "/vote nomination @heidi" });
    local.github.injectFault({ route: "POST /app/hook/deliveries/{delivery_id}/attempts", status: 502, times: 1 });
    await local.advance(15 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 0 });
    expect(local.github.labels(thread(issue))).toEqual([]);
    await local.advance(15 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 1, failed: 0 });
    expect(local.github.labels(thread(issue))).toEqual(["vote: open"]);
  });

  it("an event whose handling keeps failing is asked for again once per process, not on every sweep", async () => {
    const charter = local.github.openPullRequest({ repo: REPO, author: "alice", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    await local.sweep();
    // Every read of the reviews fails: the review's delivery is answered with the error's status, which GitHub logs as failed.
    local.github.injectFault({ route: "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", status: 503 });
    local.github.review({ repo: REPO, number: charter, user: "bob", state: "APPROVE" });
    await local.settle();
    expect(
      local.github
        .deliveries()
        .filter((d) => d.event === "pull_request_review")
        .map((d) => d.status),
    ).toEqual([503]);
    await local.advance(15 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 1 });
    await local.advance(15 * MINUTE);
    expect(await local.sweep()).toMatchObject({ redelivered: 0 });
    // Nor after a restart (or on a serverless sweep): the redelivery in GitHub's log is the brake.
    await local.restart();
    expect(await local.sweep()).toMatchObject({ redelivered: 0 });
    expect(local.github.deliveries().filter((d) => d.event === "pull_request_review")).toHaveLength(2);
    local.github.clearFaults();
  });

  it("a `/vote` delivered again after its vote was cancelled opens nothing new", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi" });
    await say({ local, number: issue, user: "alice", body: "/vote nomination @heidi" });
    const request = local.github
      .deliveries()
      .filter((d) => d.event === "issue_comment")
      .at(-1);
    await say({ local, number: issue, user: "alice", body: "/vote cancel" });
    expect(local.github.labels(thread(issue))).toEqual(["vote: cancelled"]);
    local.github.redeliver(request?.id ?? "");
    await local.settle();
    expect(local.github.labels(thread(issue))).toEqual(["vote: cancelled"]);
    expect(local.github.appComments(thread(issue)).filter((c) => c.body.includes("gavel:vote "))).toHaveLength(1);
  });
});
