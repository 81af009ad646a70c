import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { REPO, withFreshStory } from "../story.js";
import { VoteThread } from "./vote-thread.js";

/**
 * Asking for a vote: a request that can't be carried out gets a reply saying
 * why and opens nothing; a redelivered request is carried out, or answered, once.
 */
let local: LocalGavel;
let thread: VoteThread;
withFreshStory((started) => {
  local = started;
  thread = VoteThread.open({ local, title: "Adopt the new release process" });
});

/** `user` asks for a vote, and GitHub delivers the comment twice. */
async function askTwice(user: string): Promise<void> {
  await thread.say(user, "/vote");
  const request = local.github
    .deliveries()
    .filter((d) => d.event === "issue_comment" && d.sender === user)
    .at(-1);
  local.github.redeliver(request?.id ?? "");
  await local.settle();
}

describe("asking for a vote", () => {
  it("a second /vote points to the open one", async () => {
    await thread.say("alice", "/vote");
    await thread.say("bob", "/vote nomination @zed");
    expect(thread.votes()).toHaveLength(1);
    expect(thread.replies().at(-1)).toContain("A vote is already open on this thread");
  });

  it("a vote whose count can't be reached is refused at once", async () => {
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": "votes:\n  types:\n    default: { approvals: 9 }\n" } });
    await thread.say("alice", "/vote");
    expect(thread.votes()).toEqual([]);
    expect(thread.replies()[0]).toContain("needs 9 yes, but only 7 maintainers would vote");
  });

  it("a redelivered /vote opens nothing more and replies nothing", async () => {
    await askTwice("alice");
    expect(thread.votes()).toHaveLength(1);
    expect(thread.replies()).toEqual([]);
  });

  it("a redelivered refused command is answered once", async () => {
    await askTwice("mallory");
    expect(thread.replies()).toHaveLength(1);
  });
});
