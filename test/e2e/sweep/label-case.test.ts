import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { VoteThread } from "../votes/vote-thread.js";
import { approve, CHARTER, checkState, DAY, REPO, withFreshStory } from "../story.js";

/**
 * GitHub's label names are case-insensitive: a repository that already has
 * "Vote: Open" gives that spelling to every issue Gavel labels "vote: open".
 * https://docs.github.com/rest/issues/labels#add-labels-to-an-issue
 * The sweep after a start, which finds its work by Gavel's labels, must
 * recognise them in any case.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
  local.github.createLabel({ repo: REPO, name: "Governance: Waiting" });
  local.github.createLabel({ repo: REPO, name: "Vote: Open" });
});

describe("labels spelled in another case", () => {
  it("a waiting PR is found by the first sweep after a restart and turns green at its deadline", async () => {
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", "erin"] });
    expect(local.github.labels({ repo: REPO, number: pr })).toEqual(["Governance: Waiting"]);
    await local.restart();
    await local.advance(15 * DAY);
    await local.sweep();
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
    expect(local.github.labels({ repo: REPO, number: pr })).toEqual([]);
  });

  it("an open vote whose timer a restart lost still closes at the sweep", async () => {
    const thread = VoteThread.open({ local, title: "Adopt the new release process" });
    await thread.say("alice", "/vote");
    expect(thread.labels()).toEqual(["Vote: Open"]);
    local.github.close({ repo: REPO, number: thread.number, user: "alice" });
    await local.restart();
    await local.advance(8 * DAY);
    await local.sweep();
    expect(thread.labels()).toEqual(["vote: failed"]);
  });
});
