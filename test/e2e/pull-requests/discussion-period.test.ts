import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { appBodies, writeRoutes } from "../requests.js";
import { approve, CHARTER, checkState, DAY, REPO, withFreshStory } from "../story.js";

/**
 * The discussion period: a governed PR can't pass before it ends, however
 * many approve; Gavel's own timer (or a re-run) turns the check green when
 * it does. `on_change: restart` starts it again with a new announcement.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const FIVE = ["alice", "bob", "carol", "dave", "erin"];
const WAITING = "in_progress/-: 5 of 5 approvals · discussion ends 2026-03-16 09:01 UTC";
/** When the discussion of a PR opened at the sandbox's first minute ends. */
const DEADLINE = Date.parse("2026-03-16T09:01:00Z");
const thread = (number: number) => ({ repo: REPO, number });

/** A charter PR by zoe (no maintainer), announced at 09:01 on day 0, approved by five of seven on day 3. */
async function approvedOnDay3(): Promise<number> {
  const pr = local.github.openPullRequest({
    repo: REPO,
    author: "zoe",
    title: "Releases need two maintainers",
    files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` },
  });
  await local.settle();
  await local.advance(3 * DAY);
  await approve({ local, number: pr, users: FIVE });
  expect(checkState({ local, number: pr })).toBe(WAITING);
  return pr;
}
const untilDeadline = () => DEADLINE - local.github.now().getTime();

describe("the discussion period", () => {
  it("approvals met on day 3 still wait; a re-run once the discussion is over turns the same run green", async () => {
    const pr = await approvedOnDay3();
    local.github.advanceClock(untilDeadline());
    local.github.rerequestCheck({ repo: REPO, checkRunId: local.github.latestCheck(thread(pr))?.id ?? 0, user: "zoe" });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
    expect(local.github.checkRuns(thread(pr))).toHaveLength(1);
  });

  it("Gavel's timer turns the check green when the discussion ends, not a millisecond before", async () => {
    const pr = await approvedOnDay3();
    await local.advance(untilDeadline() - 1);
    // On the way, the 7-day refresh of the waiting check ran at its time.
    expect(local.github.latestCheck(thread(pr))).toMatchObject({
      status: "in_progress",
      startedAt: "2026-03-09T09:01:00.000Z",
      output: { title: "5 of 5 approvals · discussion ends 2026-03-16 09:01 UTC" },
    });

    await local.advance(1);
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
    expect(local.github.labels(thread(pr))).toEqual([]);
    // The verdict goes on the newest run, the one GitHub reads: the refresh, which its own `check_run.created`
    // webhook confirmed as the latest (had it not, the verdict would get a run of its own).
    expect(local.github.checkRuns(thread(pr)).map((r) => `${r.startedAt} ${r.status}`)).toEqual([
      "2026-03-02T09:01:00.000Z in_progress",
      "2026-03-09T09:01:00.000Z completed",
    ]);
  });

  it("a waiting check older than 7 days is replaced by a fresh run", async () => {
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    expect(local.github.checkRuns(thread(pr))).toHaveLength(1);
    await local.advance(7 * DAY);
    expect(local.github.checkRuns(thread(pr))).toHaveLength(2);
    expect(local.github.latestCheck(thread(pr))).toMatchObject({ status: "in_progress", startedAt: "2026-03-09T09:01:00.000Z" });
  });

  it("after the verdict, a sweep and a redelivered review write nothing, and no timer is left", async () => {
    const pr = await approvedOnDay3();
    await local.advance(untilDeadline());
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
    const review = local.github
      .deliveries()
      .filter((d) => d.event === "pull_request_review")
      .at(-1);
    local.github.resetRequestCounts();
    await local.sweep();
    local.github.redeliver(review?.id ?? "");
    await local.settle();
    expect(writeRoutes(local)).toEqual([]);
    local.github.resetRequestCounts();
    await local.advance(30 * DAY);
    expect(local.github.requestCounts()).toEqual({});
  });
});

describe("on_change: restart", () => {
  const RESTART = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n    discussion: 14d\n    on_change: restart\n";

  /** A charter PR announced on day 0 under a `restart` rule; on day 5, a push changing `files`. */
  async function pushOnDay5(files: Record<string, string>): Promise<number> {
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": RESTART } });
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 0 of 5 approvals · discussion ends 2026-03-16 09:02 UTC");
    await local.advance(5 * DAY);
    local.github.push({ repo: REPO, number: pr, author: "zoe", files });
    await local.settle();
    return pr;
  }

  it("a push that changes GOVERNANCE.md posts a new announcement and starts the clock again", async () => {
    const pr = await pushOnDay5({ "GOVERNANCE.md": `${CHARTER}\nMore, and different.\n` });
    const bodies = appBodies({ local, repo: REPO, number: pr, marker: "gavel:announcement" });
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toContain("Governed files changed: the discussion period starts again");
    expect(local.github.latestCheck(thread(pr))).toMatchObject({
      headSha: local.github.headSha(thread(pr)),
      output: { title: "0 of 5 approvals · discussion ends 2026-03-21 09:03 UTC" },
    });
  });

  it("a push that leaves GOVERNANCE.md alone keeps the clock", async () => {
    const pr = await pushOnDay5({ "README.md": "# community!\n" });
    expect(appBodies({ local, repo: REPO, number: pr, marker: "gavel:announcement" })).toHaveLength(1);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 0 of 5 approvals · discussion ends 2026-03-16 09:02 UTC");
  });

  it("a draft whose restart is due does not pass on the old clock", async () => {
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": RESTART } });
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    await local.advance(13 * DAY);
    // Back to draft, and the charter change rewritten: the restart waits for the PR to be ready again.
    local.github.convertToDraft({ repo: REPO, number: pr, user: "zoe" });
    const head = local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "GOVERNANCE.md": `${CHARTER}\nRewritten.\n` } });
    await local.settle();
    await local.advance(DAY);
    await approve({ local, number: pr, users: FIVE });
    expect(appBodies({ local, repo: REPO, number: pr })).toHaveLength(1);
    expect(local.github.latestCheck(thread(pr))).toMatchObject({
      headSha: head,
      status: "in_progress",
      output: { title: "5 of 5 approvals · discussion starts when ready for review" },
    });
  });
});
