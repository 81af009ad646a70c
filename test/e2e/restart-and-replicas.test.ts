import { afterEach, describe, expect, it, jest } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { installationClient } from "./sandbox-client.js";
import { approve, checkState, DAY, openCharterPr, REPO, startStory } from "./story.js";

/**
 * A Gavel process that dies (in-memory timers and cache gone) and one that
 * runs twice (two replicas both receiving every delivery): no duplicate
 * comment or check, no lost deadline (issue #8).
 */
jest.setTimeout(30_000);
const CHECKS = "POST /repos/{owner}/{repo}/check-runs";
const COMMENT = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";

let local: LocalGavel;
afterEach(async () => {
  local.github.clearFaults();
  await local.stop();
});

const thread = (number: number) => ({ repo: REPO, number });

describe("a process killed mid-evaluation, then restarted", () => {
  it("dies after announcing, before its check: the restarted one finds the PR, writes no second announcement, and keeps the deadline", async () => {
    local = await startStory();
    // The process announces, then every check write fails: as if it died between the two.
    local.github.injectFault({ route: CHECKS, status: 502 });
    const pr = local.github.openPullRequest({
      repo: REPO,
      author: "alice",
      title: "Releases need two maintainers",
      files: { "GOVERNANCE.md": "# Governance\n\nReleases need two maintainers.\n" },
    });
    await local.settle();
    expect(local.github.appComments(thread(pr))).toHaveLength(1);
    expect(local.github.checkRuns(thread(pr))).toEqual([]);
    // The waiting label went on before the announcement, so the sweep can find the PR.
    expect(local.github.labels(thread(pr))).toEqual(["governance: waiting"]);

    // A restart takes a while; then the first sweep has GitHub redeliver the failed `opened` too.
    await local.advance(2 * 60_000);
    await local.restart();
    local.github.clearFaults();
    const report = await local.sweep();
    expect(report).toMatchObject({ redelivered: 1, found: 1, evaluated: 1, failed: 0 });
    expect(local.github.appComments(thread(pr))).toHaveLength(1);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");

    await approve({ local, number: pr, users: ["bob", "carol", "dave", "erin"] });
    await local.advance(14 * DAY);
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
    // The run made after the restart, and its 7-day refresh (GitHub marks runs waiting 14 days as stale).
    expect(local.github.checkRuns(thread(pr))).toHaveLength(2);
  });

  it("a restart loses the timers; the first sweep re-arms the deadline from GitHub alone", async () => {
    local = await startStory();
    const pr = await openCharterPr(local);
    await approve({ local, number: pr, users: ["bob", "carol", "dave", "erin"] });
    await local.restart();
    await local.sweep();
    await local.advance(14 * DAY);
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
    expect(local.github.appComments(thread(pr))).toHaveLength(1);
  });
});

describe("two replicas receiving the same deliveries", () => {
  it("one announcement and one check survive, and the vote counts once", async () => {
    local = await startStory();
    await local.addReplica();
    local.github.resetRequestCounts();
    const pr = await openCharterPr(local);
    // Both may race to write; the loser's copies are removed by the next evaluation.
    await approve({ local, number: pr, users: ["bob"] });
    expect(local.github.appComments(thread(pr)).filter((c) => c.body.includes("gavel:announcement"))).toHaveLength(1);
    // GitHub has no compare-and-set: each replica creates a run on the new head. Each learns of the
    // other's from its webhook, so both then write to the newest, the one branch protection reads.
    const runs = local.github.checkRuns(thread(pr));
    expect(runs.map((r) => r.output.title)).toEqual([
      "1 of 5 approvals · discussion ends 2026-03-16 09:01 UTC",
      "2 of 5 approvals · discussion ends 2026-03-16 09:01 UTC",
    ]);
    expect(local.github.requestCounts()[COMMENT]).toBe(2);

    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi" });
    local.github.comment({ repo: REPO, number: issue, user: "alice", body: "/vote nomination @heidi" });
    await local.settle();
    local.github.comment({ repo: REPO, number: issue, user: "bob", body: "/vote yes" });
    await local.settle();
    const votes = local.github.appComments(thread(issue)).filter((c) => c.body.includes("gavel:vote "));
    expect(votes).toHaveLength(1);
    expect(votes[0]?.body).toContain("1 yes · 0 no");
  });
});

describe("a replica that made a twin check run, then died", () => {
  /**
   * Two replicas handling one `opened` each create a run on the new head;
   * branch protection reads the newer. If its maker dies, the survivor must
   * not keep updating its own older run: a `success` frozen on the twin would
   * outlive a new `failure`. The twin is made here with the app's own token,
   * as the dead replica would have, so that it is surely the newer.
   */
  it.each([
    { webhook: "lost", runs: ["success", "success", "failure"], how: "a run of its own" },
    { webhook: "delivered", runs: ["success", "failure"], how: "the twin, which its webhook made known" },
  ])("with the twin's webhook $webhook, the survivor's next verdict goes on $how, which GitHub reads", async ({ webhook, runs }) => {
    local = await startStory();
    const pr = local.github.openPullRequest({ repo: REPO, author: "alice", title: "Typo", files: { "README.md": "# community!\n" } });
    await local.settle();
    const ours = local.github.latestCheck(thread(pr));
    expect(ours).toMatchObject({ status: "completed", conclusion: "success" });
    const { octokit } = await installationClient({ local, account: "acme" });
    const [owner = "", repo = ""] = REPO.split("/");
    if (webhook === "lost") local.github.dropDeliveries({ event: "check_run.created", times: 1 });
    await octokit.rest.checks.create({
      owner,
      repo,
      name: "governance",
      head_sha: ours?.headSha ?? "",
      status: "completed",
      conclusion: "success",
      output: { title: ours?.output.title ?? "", summary: ours?.output.summary ?? "" },
    });
    expect(local.github.checkRuns(thread(pr))).toHaveLength(2);

    // The rules break on the default branch: every open PR must fail, this one included.
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": "rules: [oops\n" } });
    await local.settle();
    expect(checkState({ local, number: pr })).toMatch(/^completed\/failure: Configuration error in \.github\/governance\.yml/);
    expect(local.github.checkRuns(thread(pr)).map((r) => r.conclusion)).toEqual(runs);
  });
});

describe("another replica writes the check this one remembers", () => {
  it("its webhook makes this one forget the run, so an unchanged verdict is still written where GitHub reads", async () => {
    local = await startStory();
    const pr = await openCharterPr(local);
    const waiting = checkState({ local, number: pr });
    expect(waiting).toMatch(/^in_progress\/-: 1 of 5 approvals/);
    const ours = local.github.latestCheck(thread(pr));
    // Replica B, having seen some other state, completes the same run as a success.
    const { octokit } = await installationClient({ local, account: "acme" });
    const [owner = "", repo = ""] = REPO.split("/");
    await octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: ours?.id ?? 0,
      status: "completed",
      conclusion: "success",
      output: { title: "Approved: charter", summary: "forged by a stale replica" },
    });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");

    // An event whose verdict is the same as this process last wrote: it must not take its memory for GitHub's state.
    local.github.review({ repo: REPO, number: pr, user: "zoe", state: "COMMENT", body: "a question" });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe(waiting);
  });
});
