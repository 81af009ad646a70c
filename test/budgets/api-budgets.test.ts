import { afterEach, describe, expect, it } from "@jest/globals";
import { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { CHARTER, MAINTAINERS } from "../e2e/story.js";

/**
 * The API budgets of issue #6, counted by the local GitHub over real HTTP.
 * Call counts are deterministic, so each budget is asserted exactly: a
 * change that costs one more call fails here and must say why. Installation
 * tokens (`POST /app/installations/{id}/access_tokens`) are left out: they are
 * authentication, cached by Probot for an hour, and not charged to the
 * installation's rate limit.
 */
const REPO = "acme/community";
const CONFIG = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n    discussion: 14d\n";
const TOKENS = "POST /app/installations/{installation_id}/access_tokens";

let local: LocalGavel | null = null;
afterEach(async () => {
  await local?.stop();
  local = null;
});

async function start(params: { config: boolean }): Promise<LocalGavel> {
  local = await LocalGavel.start({
    onProblem: (message) => {
      throw new Error(message);
    },
  });
  const files: Record<string, string> = { "GOVERNANCE.md": CHARTER, "README.md": "# community\n" };
  if (params.config) files[".github/governance.yml"] = CONFIG;
  local.github.createRepo({ repo: REPO, maintainers: MAINTAINERS, files });
  return local;
}

/**
 * The requests of one step, without authentication, and how many sequential
 * rounds its reads took. Every answer is held back 150 ms (room for a loaded machine and the pacing queue) so that requests
 * issued together overlap at the sandbox, which would otherwise finish each
 * before the next arrives; the rounds are then read from the order of
 * starts and ends, never from timings.
 */
async function measure(params: {
  local: LocalGavel;
  step: () => unknown;
}): Promise<{ calls: Record<string, number>; total: number; rounds: number; notModified: number }> {
  const { github } = params.local;
  github.resetRequestCounts();
  const clear = github.injectFault({ route: "*", latencyMs: 150 });
  await params.step();
  await params.local.settle();
  clear();
  const calls = Object.fromEntries(Object.entries(github.requestCounts()).filter(([route]) => route !== TOKENS));
  const total = Object.values(calls).reduce((sum, n) => sum + n, 0);
  const notModified = github.requestLog().filter((r) => r.status === 304).length;
  return { calls, total, rounds: github.readRounds(), notModified };
}

const openCharter = (l: LocalGavel) => () =>
  l.github.openPullRequest({
    repo: REPO,
    author: "alice",
    title: "Releases need two maintainers",
    files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` },
  });

describe("API budgets per event (issue #6)", () => {
  it("cold pull_request.opened on a governed PR: 8 calls including the writes, reads in 2 rounds", async () => {
    const l = await start({ config: true });
    const cost = await measure({ local: l, step: openCharter(l) });
    expect(cost.calls).toEqual({
      "GET /repos/{owner}/{repo}/contents/{path}": 2,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": 1,
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "POST /repos/{owner}/{repo}/check-runs": 1,
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": 1,
    });
    expect(cost.total).toBe(7);
    expect(cost.rounds).toBe(2);
  });

  it("cold opened with no config of its own: the org's .github is asked too, with whether Gavel is installed there, within 9", async () => {
    const l = await start({ config: false });
    const cost = await measure({ local: l, step: openCharter(l) });
    expect(cost.calls["GET /repos/{owner}/{repo}/contents/{path}"]).toBe(3);
    // The org's config applies only where Gavel governs it (issue 14): one lookup, with the app's JWT (not charged to the
    // installation's rate limit), asked together with the org's file, so the rounds stay 3; then cached (TTL, and the
    // installation_repositories webhook).
    expect(cost.calls["GET /repos/{owner}/{repo}/installation"]).toBe(1);
    expect(cost.total).toBe(9);
    // The org's file and the lookup are asked only after the repository's own file turned out missing.
    expect(cost.rounds).toBe(3);
  });

  it("warm pull_request_review.submitted: the reviews and the check update; only the reviews when nothing changed", async () => {
    const l = await start({ config: true });
    const number = l.github.openPullRequest({ repo: REPO, author: "alice", title: "t", files: { "GOVERNANCE.md": `${CHARTER}\nmore\n` } });
    await l.settle();
    const approval = await measure({ local: l, step: () => l.github.review({ repo: REPO, number, user: "bob", state: "APPROVE" }) });
    expect(approval.calls).toEqual({
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": 1,
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": 1,
    });
    expect(approval.rounds).toBe(1);
    // A comment-only review by someone outside the electorate changes no vote and no word of the check.
    const comment = await measure({ local: l, step: () => l.github.review({ repo: REPO, number, user: "zoe", state: "COMMENT", body: "looks fine" }) });
    expect(comment.calls).toEqual({ "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": 1 });
  });

  it("the review that turns the check green re-reads the reviews conditionally before publishing: a 304, free of the rate limit", async () => {
    const l = await start({ config: false });
    l.github.pushToDefaultBranch({
      repo: REPO,
      author: "alice",
      files: { ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2\n    discussion: 0d\n" },
    });
    await l.settle();
    const number = l.github.openPullRequest({ repo: REPO, author: "alice", title: "t", files: { "GOVERNANCE.md": `${CHARTER}\nmore\n` } });
    await l.settle();
    const flip = await measure({ local: l, step: () => l.github.review({ repo: REPO, number, user: "bob", state: "APPROVE" }) });
    // Within minutes of `opened`, the run may have a twin from another replica: the new verdict goes on a new run (same cost).
    // Issue 14: a new success first lists the open PRs, since every PR with the same head shares the check (one read more).
    expect(flip.calls).toEqual({
      "GET /repos/{owner}/{repo}/pulls": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": 2,
      "POST /repos/{owner}/{repo}/check-runs": 1,
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": 1,
    });
    expect(flip.notModified).toBe(1);
  });

  it("warm pull_request.opened on a PR that touches no governed file: the file list and the check; the first in 5 minutes also lists the default branch's links", async () => {
    const l = await start({ config: true });
    openCharter(l)();
    await l.settle();
    const readme = (title: string) => () => l.github.openPullRequest({ repo: REPO, author: "zoe", title, files: { "README.md": `# ${title}\n` } });
    // A file no rule governs could be the target of a governed symbolic link (GOVERNANCE.md -> README.md): the default
    // branch's tree says which files are links. One read per repository, kept 5 minutes (then revalidated, a 304 when
    // unchanged) or until a push to the default branch; the charter PR above didn't need it.
    const first = await measure({ local: l, step: readme("Typo") });
    // Issue 14: a success is published only after listing the open PRs that may share its head (one read more).
    expect(first.calls).toEqual({
      "GET /repos/{owner}/{repo}/pulls": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": 1,
      "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": 1,
      "POST /repos/{owner}/{repo}/check-runs": 1,
    });
    const cost = await measure({ local: l, step: readme("Another typo") });
    expect(cost.calls).toEqual({
      "GET /repos/{owner}/{repo}/pulls": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": 1,
      "POST /repos/{owner}/{repo}/check-runs": 1,
    });
  });

  it("a ballot on an open vote: at most 3 calls", async () => {
    const l = await start({ config: true });
    const issue = l.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @zoe as a maintainer" });
    l.github.comment({ repo: REPO, number: issue, user: "alice", body: "/vote nomination @zoe" });
    await l.settle();
    const ballot = await measure({ local: l, step: () => l.github.comment({ repo: REPO, number: issue, user: "bob", body: "/vote yes" }) });
    // The thread (title, state, labels) ∥ its comments (the ballots and the vote's signed state), then the tally.
    expect(ballot.calls).toEqual({
      "GET /repos/{owner}/{repo}/issues/{issue_number}": 1,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": 1,
    });
    expect(ballot.rounds).toBe(1);
  });
});

describe("the sweep's budget (issue #6)", () => {
  it("over N installations: one search each, and evaluations only for the items that are due", async () => {
    const l = await start({ config: true });
    const others = ["globex/site", "initech/tools"];
    for (const repo of others) l.github.createRepo({ repo, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER } });
    for (const repo of [REPO, ...others]) l.github.openPullRequest({ repo, author: "alice", title: "t", files: { "GOVERNANCE.md": `${CHARTER}\nmore\n` } });
    await l.settle();
    await l.sweep(); // the first sweep after a start evaluates everything it finds
    const idle = await measure({ local: l, step: () => l.sweep() });
    // And one read of the app's delivery log (with the app's JWT: no installation's rate limit).
    expect(idle.calls).toEqual({ "GET /app/hook/deliveries": 1, "GET /app/installations": 1, "GET /search/issues": 3 });
  });

  it("a PR changed by something Gavel doesn't act on (a plain comment) is evaluated once by the next sweep: 7 reads, 2 of them free 304s", async () => {
    const l = await start({ config: true });
    const pr = openCharter(l)();
    await l.settle();
    await l.sweep();
    l.github.comment({ repo: REPO, number: pr, user: "zoe", body: "Looks reasonable to me." });
    await l.settle();
    l.github.advanceClock(15 * 60_000);
    const sweep = await measure({ local: l, step: () => l.sweep() });
    expect(sweep.calls).toEqual({
      "GET /app/hook/deliveries": 1,
      "GET /app/installations": 1,
      "GET /search/issues": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": 1,
      // Past the cache's 5 minutes: conditional re-reads, which GitHub answers 304 when nothing changed.
      "GET /repos/{owner}/{repo}/contents/{path}": 2,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": 1,
    });
    expect(sweep.notModified).toBe(2);
    // Nothing changed, so nothing is written; and the next sweep doesn't evaluate it again.
    expect((await measure({ local: l, step: () => l.sweep() })).calls).toEqual({
      "GET /app/hook/deliveries": 1,
      "GET /app/installations": 1,
      "GET /search/issues": 1,
    });
  });
});
