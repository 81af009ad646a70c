import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { DAY, withFreshStory } from "../story.js";
import { createProcessRepo, PullThread } from "./pr-vote-story.js";

/**
 * A demanded vote decides the PR (issue 16, point 1): `/vote` by a
 * maintainer on a PR ties that vote to the PR's `governance` check. While it
 * is open the check waits, naming it; a failed or cancelled vote fails the
 * check; a passed vote satisfies each rule whose threshold it met over the
 * same electorate, and overrules a lazy-consensus objection. The discussion
 * period still applies.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
  createProcessRepo(local);
});

/** The story's start (see PullThread.objectedAndDemanded). */
const objectedAndDemanded = () => PullThread.objectedAndDemanded({ local });

describe("a vote demanded on a PR", () => {
  it("before the vote: the objection blocks the lazy-consensus rule (the issue's starting point)", async () => {
    const pr = await PullThread.open({ local, files: { "PROCESS.md": "# Process\n\nWe release every month.\n" } });
    await pr.review("bob", "REQUEST_CHANGES");
    expect(pr.check()).toBe("completed/failure: Blocked: process has an objection (1 request for changes)");
  });

  it("overrules a lazy-consensus objection once it passes, after the discussion period", async () => {
    const pr = await objectedAndDemanded();
    for (const user of ["alice", "carol", "dave"]) await pr.say(user, "/vote yes");
    expect(pr.records()[0]).toContain("**Outcome: passed.** 3 yes of the 3 needed");
    expect(pr.check()).toBe("in_progress/-: vote passed · discussion ends 2026-03-05 09:01 UTC");
    await local.advance(3 * DAY);
    expect(pr.check()).toBe("completed/success: Approved: process");
    expect(pr.summary()).toContain(`[vote](${pr.urlOf("gavel:vote ")})`);
    expect(pr.summary()).toContain(`[decision record](${pr.urlOf("gavel:decision")})`);
  });

  it("keeps the check waiting while the vote is open, naming the vote", async () => {
    const pr = await objectedAndDemanded();
    await pr.say("carol", "/vote yes");
    expect(pr.check()).toBe("in_progress/-: Waiting for the vote on this pull request (closes 2026-03-09 09:03 UTC)");
    expect(pr.summary()).toContain(`[vote](${pr.urlOf("gavel:vote ")})`);
    expect(pr.labels()).toContain("governance: waiting");
  });

  it("fails the check when the vote fails", async () => {
    const pr = await objectedAndDemanded();
    for (const user of ["bob", "carol", "dave"]) await pr.say(user, "/vote no");
    expect(pr.records()[0]).toContain("**Outcome: failed.**");
    expect(pr.check()).toBe("completed/failure: Blocked: the vote on this pull request failed");
    await local.advance(3 * DAY);
    expect(pr.check()).toBe("completed/failure: Blocked: the vote on this pull request failed");
  });

  it("a new vote that passes takes the failed one's place: the latest vote counts", async () => {
    const pr = await objectedAndDemanded();
    for (const user of ["bob", "carol", "dave"]) await pr.say(user, "/vote no");
    expect(pr.check()).toBe("completed/failure: Blocked: the vote on this pull request failed");
    await pr.say("erin", "/vote");
    expect(pr.check()).toMatch(/^in_progress\/-: Waiting for the vote on this pull request/);
    for (const user of ["alice", "carol", "erin"]) await pr.say(user, "/vote yes");
    await local.advance(3 * DAY);
    expect(pr.check()).toBe("completed/success: Approved: process");
    expect(pr.summary()).toContain(`[vote](${pr.urlOf("gavel:vote ")})`);
  });

  it("fails the check when the vote is cancelled", async () => {
    const pr = await objectedAndDemanded();
    await pr.say("alice", "/vote cancel");
    expect(pr.records()[0]).toContain("**Outcome: cancelled.**");
    expect(pr.check()).toBe("completed/failure: Blocked: the vote on this pull request was cancelled");
  });

  it("links the PR's check from the vote's decision record", async () => {
    const pr = await objectedAndDemanded();
    for (const user of ["alice", "carol", "dave"]) await pr.say(user, "/vote yes");
    expect(pr.records()[0]).toContain(`(https://github.com/acme/process/pull/${pr.number}/checks)`);
  });
});
