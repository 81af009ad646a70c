import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { DAY, REPO, withFreshStory } from "../story.js";
import { VoteThread } from "./vote-thread.js";

/**
 * A vote's state lives in the app's own comment, signed (DESIGN.md): a marker
 * whose signature fails voids that vote, with an alert; nothing else on the
 * thread can pass for a marker.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

/** Rewrites the signed payload of a vote marker in `body`, keeping the old signature. */
function forgeVoters(body: string): string {
  return body.replace(/gavel:vote (\S+)\.(\S+)/, (_m, payload: string, sig: string) => {
    const data: Record<string, unknown> = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    data.voters = "alice";
    return `gavel:vote ${Buffer.from(JSON.stringify(data)).toString("base64url")}.${sig}`;
  });
}

describe("a tampered vote", () => {
  it("a tampered state marker voids the vote, closed, with an alert", async () => {
    const thread = VoteThread.open({ local, title: "Remove @grace" });
    await thread.say("alice", "/vote removal @grace");
    const [vote] = local.github.appComments({ repo: REPO, number: thread.number });
    local.github.editComment({ repo: REPO, commentId: vote?.id ?? 0, user: "alice", body: forgeVoters(vote?.body ?? "") });
    await thread.say("alice", "/vote yes");
    expect(local.github.comments({ repo: REPO, number: thread.number }).find((c) => c.id === vote?.id)?.body).toContain("**This vote is void.**");
    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(thread.records()).toEqual([]);
  });

  it("tampering with an old, closed vote: its record stands, and the open one, and its deadline, are left alone", async () => {
    const thread = VoteThread.open({ local, title: "Adopt the new release process" });
    await thread.say("alice", "/vote");
    await thread.say("alice", "/vote cancel");
    await thread.say("alice", "/vote lazy");
    const [old] = local.github.appComments({ repo: REPO, number: thread.number });
    const forged = (old?.body ?? "").replace(/\.([\w-]+) -->/, ".AAAA -->");
    local.github.editComment({ repo: REPO, commentId: old?.id ?? 0, user: "mallory", body: forged });
    await thread.say("bob", "/vote yes");
    // Its decision record stands (issue 14): the comment is written again from it, never voided, and the edit reported.
    const now = local.github.comments({ repo: REPO, number: thread.number }).find((c) => c.id === old?.id)?.body;
    expect(now).toContain("🚫 Vote cancelled");
    expect(now).not.toBe(forged);
    expect(thread.votes()).toHaveLength(2);
    expect(local.github.appComments({ repo: REPO, number: thread.number }).some((c) => c.body.includes("@mallory edited"))).toBe(true);
    expect(thread.labels()).toEqual(["vote: open"]);
    await local.advance(3 * DAY);
    expect(thread.outcomes()).toEqual(["cancelled", "passed"]);
  });

  it("a title carrying a fake marker can't void the vote", async () => {
    const thread = VoteThread.open({ local, title: "Adopt <!-- gavel:vote x.y --> it" });
    await thread.say("alice", "/vote");
    await thread.say("bob", "/vote yes");
    await thread.say("carol", "/vote yes");
    expect(thread.vote()).toContain("2 yes · 0 no");
    expect(thread.vote()).toContain("Adopt &lt;!-- gavel:vote x.y --> it");
    expect(thread.labels()).toEqual(["vote: open"]);
  });
});
