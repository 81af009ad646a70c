import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { ROUTE } from "../requests.js";
import { DAY, withFreshStory } from "../story.js";
import { createProcessRepo, PullThread } from "./pr-vote-story.js";

/**
 * The vote and the PR are two items: the vote closing is what evaluates the
 * PR's check again. When that chain breaks (the process dies between them,
 * or is down when the vote's deadline comes), the check still catches up:
 * the PR waits with `governance: waiting`, which the sweep after a start
 * finds, and the vote's `vote: open` brings its close.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
  createProcessRepo(local);
});

describe("restarts around a vote on a PR", () => {
  it("the process dies after the vote closed, before the PR's check followed: the sweep after the restart evaluates it", async () => {
    const pr = await PullThread.objectedAndDemanded({ local });
    for (const user of ["alice", "carol"]) await pr.say(user, "/vote yes");
    // Every read of the PR fails from the closing ballot on, as if the process had died right after closing the vote.
    const heal = local.github.injectFault({ route: ROUTE.pull, status: 502 });
    await pr.say("dave", "/vote yes");
    expect(pr.records()[0]).toContain("**Outcome: passed.**");
    expect(pr.labels()).toContain("governance: waiting");
    heal();
    await local.restart();
    local.github.advanceClock(3 * DAY);
    await local.sweep();
    expect(pr.check()).toBe("completed/success: Approved: process");
  });

  it("the vote's deadline passes while Gavel is down: the sweep closes the vote, and the PR's check follows", async () => {
    const pr = await PullThread.objectedAndDemanded({ local });
    for (const user of ["alice", "carol"]) await pr.say(user, "/vote yes");
    await local.restart();
    local.github.advanceClock(8 * DAY);
    await local.sweep();
    expect(pr.records()[0]).toContain("**Outcome: failed.** 2 yes of the 3 needed, decided at the deadline.");
    expect(pr.check()).toBe("completed/failure: Blocked: the vote on this pull request failed");
    expect(pr.labels()).not.toContain("governance: waiting");
  });

  it("the vote's deadline comes by Gavel's own timer: the PR's check follows with no event", async () => {
    // A lazy-consensus vote passes at its deadline (72h) when no maintainer objects in it: it decides, whatever the reviews said.
    const pr = await PullThread.objectedAndDemanded({ local, vote: "/vote lazy" });
    local.github.resetRequestCounts();
    await local.advance(3 * DAY);
    expect(pr.records()[0]).toContain("**Outcome: passed.** No objection by the deadline.");
    expect(pr.check()).toBe("completed/success: Approved: process");
    expect(local.github.requestCounts()[ROUTE.search]).toBeUndefined();
  });
});
