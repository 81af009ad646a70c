import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { withFreshStory } from "../story.js";
import { VoteThread } from "./vote-thread.js";

/**
 * GitHub stamps comments to the second and numbers them in the order they
 * were made. A vote opens with its comment: a ballot GitHub numbers after it
 * was cast after it, even within the same second, whatever Gavel's own clock
 * read when it wrote the vote. The vote's times are GitHub's.
 * https://docs.github.com/rest/issues/comments#list-issue-comments ("sorted by ascending ID")
 */
let local: LocalGavel;
let thread: VoteThread;
withFreshStory(
  (started) => {
    local = started;
    thread = VoteThread.open({ local, title: "Nominate @zed as a maintainer" });
  },
  // People act within the same second.
  { tickMs: 0 },
);

describe("a vote and a ballot in the same second", () => {
  it("the ballot counts", async () => {
    // Half a second into a second: GitHub stamps both comments 09:00:00, Gavel's clock reads .500.
    await local.advance(500);
    await thread.say("alice", "/vote");
    await thread.say("bob", "/vote yes");
    expect(thread.vote()).toContain("1 yes · 0 no");
    expect(thread.vote()).not.toContain("cast before the vote opened");
  });
});
