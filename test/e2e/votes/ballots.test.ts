import { describe, expect, it } from "@jest/globals";
import { maintainersFile } from "../../../sandbox/driver.js";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { costs, maskSignature, ROUTE, writeRoutes } from "../requests.js";
import { DAY, MAINTAINERS, REPO, withFreshStory } from "../story.js";
import { VoteThread } from "./vote-thread.js";

/**
 * Ballots and the tally (DESIGN.md, "Ballots"; issue 14): each voter's latest
 * ballot counts, and once counted stays counted until its voter casts another
 * (editing or deleting it changes nothing); a ballot edited before it was
 * counted is void; ballots after the deadline don't count, only the electorate
 * fixed when the vote opened votes, and a vote closes as soon as its outcome
 * can't change.
 */
let local: LocalGavel;
let thread: VoteThread;
withFreshStory((started) => {
  local = started;
  thread = VoteThread.open({ local, title: "Nominate @zed as a maintainer" });
});

describe("a vote", () => {
  it("a nomination passes by majority before its deadline, and nothing changes it after", async () => {
    await thread.say("alice", "I propose @zed.\n\n/vote nomination @zed");
    expect(maskSignature(thread.vote())).toMatchSnapshot("vote opened");
    expect(thread.labels()).toEqual(["vote: open"]);
    for (const user of ["alice", "bob", "carol"]) {
      await local.advance(DAY);
      await thread.say(user, "/vote yes");
    }
    expect(thread.vote()).toContain("3 yes · 0 no · 0 abstain · 4 not yet — 4 yes needed");
    expect(thread.records()).toEqual([]);

    await local.advance(DAY);
    local.github.resetRequestCounts();
    await thread.say("dave", "+1 from me\n/vote +1");
    // The thread and its comments, read together; before closing, GitHub's label history (once per vote: a vote Gavel had
    // closed before must not close again, issue 14); then the decision record first: it is the final word, even if what follows fails.
    expect(costs(local)).toEqual({
      [ROUTE.issue]: 1,
      [ROUTE.comments]: 1,
      [ROUTE.issueEvents]: 1,
      [ROUTE.postComment]: 1,
      [ROUTE.editComment]: 1,
      [ROUTE.removeLabel]: 1,
      [ROUTE.addLabels]: 1,
    });
    expect(writeRoutes(local)).toEqual([ROUTE.postComment, ROUTE.editComment, ROUTE.removeLabel, ROUTE.addLabels]);
    expect(thread.labels()).toEqual(["vote: passed"]);
    expect(maskSignature(thread.records()[0] ?? "")).toMatchSnapshot("decision record");

    // Nothing changes a closed vote: a late ballot gets a reply, and that is all.
    local.github.resetRequestCounts();
    await thread.say("erin", "/vote no");
    expect(writeRoutes(local)).toEqual([ROUTE.postComment]);
    expect(thread.replies().at(-1)).toBe("There is no open vote on this thread. A maintainer can start one with `/vote`.");
  });

  it("lists all seven maintainers as not yet voted", async () => {
    await thread.say("alice", "/vote");
    for (const login of MAINTAINERS) expect(thread.vote()).toContain(`| @${login} | ⏳ not yet |`);
  });

  it("a removal leaves its subject out, and fails once 2/3 of the other six can't be reached", async () => {
    await thread.say("alice", "/vote removal @grace");
    expect(thread.vote()).toContain("⌈2/3 × 6⌉ = 4 of 6 eligible maintainers");
    expect(thread.vote()).toContain("@grace recused as the subject");
    await thread.say("grace", "/vote no");
    expect(thread.replies().at(-1)).toContain("Only the maintainers listed in the vote can cast a ballot");
    for (const user of ["bob", "carol"]) await thread.say(user, "/vote no");
    expect(thread.records()).toEqual([]);
    await thread.say("dave", "/vote abstain");
    expect(thread.records()[0]).toContain("**Outcome: failed.**");
    expect(thread.labels()).toEqual(["vote: failed"]);
  });

  it("the closed vote's tally no longer changes", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["alice", "bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    const closed = thread.vote();
    await thread.say("erin", "/vote no");
    await thread.say("frank", "/vote status");
    expect(thread.vote()).toBe(closed);
    expect(closed).toContain("4 yes · 0 no");
  });

  it("a comment with a command and a ballot has both carried out", async () => {
    await thread.say("alice", "/vote");
    await thread.say("bob", "/vote nomination @zed\n/vote yes");
    expect(thread.vote()).toContain("1 yes · 0 no");
    expect(thread.replies().at(-1)).toContain("A vote is already open on this thread");
  });
});

describe("ballots that don't count", () => {
  it("a ballot edited after Gavel counted it keeps its counted value: its voter changes it with a new one", async () => {
    await thread.say("alice", "/vote");
    const ballot = await thread.say("bob", "/vote yes");
    await local.advance(DAY);
    local.github.editComment({ repo: REPO, commentId: ballot, user: "bob", body: "/vote no\n\n(changed my mind)" });
    await local.settle();
    expect(thread.vote()).toMatch(/\| @bob \| ✅ yes \(\[ballot\]\([^)]+\), [^;]+; edited after it was counted; the counted value stands\) \|/);
    expect(thread.vote()).toContain("1 yes · 0 no");
    await thread.say("bob", "/vote no");
    expect(thread.vote()).toContain("0 yes · 1 no");
  });

  it("a ballot edited before Gavel counted it (its webhook lost) is void, and the voter can vote again", async () => {
    await thread.say("alice", "/vote");
    local.github.dropDeliveries({ event: "issue_comment.created", times: 1, unlogged: true });
    const ballot = await thread.say("bob", "/vote yes");
    local.github.editComment({ repo: REPO, commentId: ballot, user: "bob", body: "/vote yes\n\n(typo fixed)" });
    await local.settle();
    expect(thread.vote()).toContain("| @bob | ⚠️ void (edited before it was counted; cast a new ballot)");
    expect(thread.vote()).toContain("0 yes · 0 no");
    await thread.say("bob", "/vote yes");
    expect(thread.vote()).toContain("1 yes · 0 no");
  });

  it("a ballot after the deadline does not count, even when it arrives before the deadline's timer", async () => {
    await thread.say("alice", "/vote");
    await thread.say("bob", "/vote yes");
    // The deadline's timer is lost with the process; the late ballot is the first event after the deadline.
    await local.restart();
    local.github.advanceClock(7 * DAY);
    await thread.say("carol", "/vote yes");
    const [record] = thread.records();
    expect(record).toContain("**Outcome: failed.** 1 yes of the 4 needed, decided at the deadline.");
    expect(record).toContain("@carol ([ballot]");
    expect(record).toContain("cast after the deadline");
  });

  it("the electorate is fixed when the vote opens", async () => {
    await thread.say("alice", "/vote");
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "MAINTAINERS.md": maintainersFile([...MAINTAINERS, "zed"]) } });
    await thread.say("zed", "/vote yes");
    expect(thread.replies().at(-1)).toContain("Only the maintainers listed in the vote can cast a ballot");
    expect(thread.vote()).not.toContain("@zed |");
  });

  it("a redelivered ballot writes nothing new", async () => {
    await thread.say("alice", "/vote");
    await thread.say("bob", "/vote yes");
    const ballot = local.github.deliveries().find((d) => d.event === "issue_comment" && d.sender === "bob");
    local.github.resetRequestCounts();
    local.github.redeliver(ballot?.id ?? "");
    await local.settle();
    expect(writeRoutes(local)).toEqual([]);
    expect(thread.vote()).toContain("1 yes · 0 no");
  });
});
