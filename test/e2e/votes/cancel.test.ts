import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { DAY, REPO, withFreshStory } from "../story.js";
import { VoteThread } from "./vote-thread.js";

/** `/vote cancel`: only a maintainer may cancel; a cancelled vote decides nothing, and stays cancelled. */
let local: LocalGavel;
let thread: VoteThread;
withFreshStory((started) => {
  local = started;
  thread = VoteThread.open({ local, title: "Adopt the new release process" });
});

describe("cancelling a vote", () => {
  it("is recorded as cancelled, never as passed; a non-maintainer can't cancel", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["alice", "bob", "carol"]) await thread.say(user, "/vote yes");
    await thread.say("mallory", "/vote cancel");
    expect(thread.vote()).toContain("Vote open");
    await thread.say("bob", "/vote cancel");
    expect(thread.records()[0]).toContain("**Outcome: cancelled.** Cancelled by @bob; it decides nothing.");
    expect(thread.labels()).toEqual(["vote: cancelled"]);
  });

  it("restoring a cancelled vote's old text does not reopen it", async () => {
    await thread.say("alice", "/vote");
    const [vote] = local.github.appComments({ repo: REPO, number: thread.number });
    const original = vote?.body ?? "";
    await thread.say("alice", "/vote cancel");
    await local.advance(DAY);
    // Anyone with write access can edit the app's comment back to its open state.
    local.github.editComment({ repo: REPO, commentId: vote?.id ?? 0, user: "mallory", body: original });
    for (const user of ["bob", "carol", "dave", "erin"]) await thread.say(user, "/vote yes");
    expect(thread.labels()).not.toContain("vote: passed");
    expect(thread.outcomes()).toEqual(["cancelled"]);
  });
});
