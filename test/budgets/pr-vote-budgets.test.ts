import { afterEach, describe, expect, it } from "@jest/globals";
import { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { createProcessRepo, PROCESS_REPO } from "../e2e/pr-votes/pr-vote-story.js";

/**
 * The API budget of a ballot on a vote demanded on a PR (issue 16), counted
 * by the local GitHub over real HTTP and asserted exactly. Installation
 * tokens are left out (authentication, see api-budgets.test.ts).
 */
const TOKENS = "POST /app/installations/{installation_id}/access_tokens";

let local: LocalGavel | null = null;
afterEach(async () => {
  await local?.stop();
  local = null;
});

/** A PR on PROCESS.md that bob objects to, with alice's `/vote` open on it and `ballots` cast. */
async function votedPull(ballots: string[]): Promise<{ l: LocalGavel; number: number }> {
  const l = await LocalGavel.start({
    onProblem: (message) => {
      throw new Error(message);
    },
  });
  local = l;
  createProcessRepo(l);
  const number = l.github.openPullRequest({
    repo: PROCESS_REPO,
    author: "zoe",
    title: "Release every month",
    files: { "PROCESS.md": "# Process\n\nMonthly.\n" },
  });
  await l.settle();
  l.github.review({ repo: PROCESS_REPO, number, user: "bob", state: "REQUEST_CHANGES" });
  await l.settle();
  for (const [user, body] of [["alice", "/vote"], ...ballots.map((b) => [b, "/vote yes"])]) {
    l.github.comment({ repo: PROCESS_REPO, number, user: user ?? "", body: body ?? "" });
    await l.settle();
  }
  return { l, number };
}

/**
 * The requests of one step, without authentication, and how many were
 * answered 304 (free). Counts only: how many sequential rounds the reads
 * took depends on requests overlapping in time, which production's pacing on
 * a loaded machine can split (api-budgets.test.ts asserts the rounds of a
 * ballot on an issue, whose reads are the same).
 */
async function measure(params: { l: LocalGavel; step: () => unknown }): Promise<{ calls: Record<string, number>; notModified: number }> {
  const { github } = params.l;
  github.resetRequestCounts();
  await params.step();
  await params.l.settle();
  return {
    calls: Object.fromEntries(Object.entries(github.requestCounts()).filter(([route]) => route !== TOKENS)),
    notModified: github.requestLog().filter((r) => r.status === 304).length,
  };
}

describe("API budget of a ballot on a PR's vote (issue 16)", () => {
  it("a ballot that leaves the vote open costs what it costs on an issue: the PR's check is not evaluated", async () => {
    const { l, number } = await votedPull(["alice"]);
    const ballot = await measure({ l, step: () => l.github.comment({ repo: PROCESS_REPO, number, user: "carol", body: "/vote yes" }) });
    // The thread ∥ its comments, then the tally: as on an issue (api-budgets.test.ts).
    expect(ballot.calls).toEqual({
      "GET /repos/{owner}/{repo}/issues/{issue_number}": 1,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": 1,
    });
  });

  it("the ballot that closes the vote: the vote closes, then the PR's check is evaluated once, from Gavel's comments as just written", async () => {
    const { l, number } = await votedPull(["alice", "carol"]);
    const ballot = await measure({ l, step: () => l.github.comment({ repo: PROCESS_REPO, number, user: "dave", body: "/vote yes" }) });
    expect(ballot.calls).toEqual({
      // The vote: the thread ∥ its comments; the label history, read once as the vote closes; the record, the tally, the label.
      "GET /repos/{owner}/{repo}/issues/{issue_number}": 1,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/events": 1,
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": 1,
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": 1,
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": 1,
      // The PR: read (no webhook brought it); the config, the maintainers file and the links revalidated after their
      // 5 minutes (three free 304s); the reviews; not its comments (cached, with the vote's as just written), nor its
      // issue's id (the thread's read gave it); the check updated.
      "GET /repos/{owner}/{repo}/pulls/{pull_number}": 1,
      "GET /repos/{owner}/{repo}/contents/{path}": 2,
      "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": 1,
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": 1,
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": 1,
    });
    expect(ballot.notModified).toBe(3);
  });

  it("after a restart, the PR's issue id is read once, only for a PR with a vote, and kept", async () => {
    const { l, number } = await votedPull(["alice", "carol", "dave"]);
    await l.restart();
    const review = (user: string) => () => l.github.review({ repo: PROCESS_REPO, number, user, state: "COMMENT" });
    const first = await measure({ l, step: review("erin") });
    expect(first.calls["GET /repos/{owner}/{repo}/issues/{issue_number}"]).toBe(1);
    const second = await measure({ l, step: review("erin") });
    expect(second.calls["GET /repos/{owner}/{repo}/issues/{issue_number}"]).toBeUndefined();
  });
});
