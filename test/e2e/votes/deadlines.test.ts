import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { ROUTE } from "../requests.js";
import { DAY, REPO, withFreshStory } from "../story.js";
import { VoteThread } from "./vote-thread.js";

/**
 * A vote closes at its deadline by Gavel's own timer, with no event needed,
 * and the deadline survives what goes wrong around it: a failed write, a
 * closed thread, a lost process.
 */
let local: LocalGavel;
let thread: VoteThread;
withFreshStory((started) => {
  local = started;
  thread = VoteThread.open({ local, title: "Adopt the new release process" });
});

describe("the deadline", () => {
  it("closes the vote by Gavel's timer: no webhook, no sweep", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    local.github.resetRequestCounts();
    await local.advance(7 * DAY);
    expect(thread.records()[0]).toContain("**Outcome: failed.** 3 yes of the 4 needed");
    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(local.github.requestCounts()[ROUTE.search]).toBeUndefined();
  });

  it("a vote on an item closed before its deadline still closes, even after a restart lost its timer", async () => {
    await thread.say("alice", "/vote");
    local.github.close({ repo: REPO, number: thread.number, user: "alice" });
    await local.restart();
    await local.advance(8 * DAY);
    await local.sweep();
    expect(thread.labels()).toEqual(["vote: failed"]);
  });

  it("a label write that fails after the vote opened still leaves the deadline armed", async () => {
    const heal = local.github.injectFault({ route: ROUTE.addLabels, status: 502 });
    await thread.say("alice", "/vote");
    expect(thread.votes()).toHaveLength(1);
    expect(local.github.deliveries().find((d) => d.event === "issue_comment" && d.sender === "alice")?.status).toBeGreaterThanOrEqual(500);
    heal();
    local.github.resetRequestCounts();
    await local.advance(7 * DAY);
    expect(thread.outcomes()).toEqual(["failed"]);
    expect(local.github.requestCounts()[ROUTE.search]).toBeUndefined();
  });
});

describe("lazy consensus", () => {
  it("passes at the deadline with no objection", async () => {
    await thread.say("alice", "/vote lazy");
    await local.advance(3 * DAY);
    expect(thread.records()[0]).toContain("**Outcome: passed.** No objection by the deadline.");
  });

  it("fails at the first objection", async () => {
    await thread.say("alice", "/vote lazy");
    await local.advance(DAY);
    await thread.say("frank", "/vote no");
    expect(thread.records()[0]).toContain('**Outcome: failed.** 1 objection: lazy consensus fails at the first "no".');
    expect(thread.labels()).toEqual(["vote: failed"]);
  });
});
