import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { DAY, REPO, withFreshStory } from "../story.js";
import { VoteThread } from "../votes/vote-thread.js";

/**
 * Issue 14, guarantee 4: no silent outcome change through comment edits or
 * deletions. Anyone with write access (here @mallory, who is no voter) can
 * edit or delete any comment, Gavel's included, and GitHub keeps every
 * earlier text of a comment in its edit history. A ballot once counted stays
 * counted until its voter casts another; a vote comment restored to an older
 * text is caught at any age; a deleted vote comment or decision record is
 * reported on the thread and the labels keep the true state. At worst an
 * admin's edit fails a vote closed, with an alert saying what happened; it
 * never flips one.
 */
let local: LocalGavel;
let thread: VoteThread;
withFreshStory((started) => {
  local = started;
  thread = VoteThread.open({ local, title: "Adopt the new release process" });
});

/** Gavel's comments holding `marker`, oldest first, with their ids. */
const gavelComments = (marker: string) => local.github.appComments({ repo: REPO, number: thread.number }).filter((c) => c.body.includes(marker));
/** Everything Gavel wrote on the thread, for what it reports. */
const gavelText = () =>
  local.github
    .appComments({ repo: REPO, number: thread.number })
    .map((c) => c.body)
    .join("\n\n");
const mallory = { repo: REPO, user: "mallory" };

describe("attack: deleting ballots", () => {
  it("three voters' changes of mind to no, deleted by someone else, stay counted: their earlier yes doesn't come back, and three more yes don't pass it", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    const noes: number[] = [];
    for (const user of ["bob", "carol", "dave"]) noes.push(await thread.say(user, "I changed my mind.\n/vote no"));
    expect(thread.vote()).toContain("0 yes · 3 no");

    for (const commentId of noes) local.github.deleteComment({ ...mallory, commentId });
    await local.settle();
    for (const user of ["erin", "frank", "grace"]) await thread.say(user, "/vote yes");

    expect(thread.labels()).toEqual(["vote: open"]);
    expect(thread.records()).toEqual([]);
    expect(thread.vote()).toContain("3 yes · 3 no · 0 abstain · 1 not yet");
    for (const user of ["bob", "carol", "dave"]) expect(thread.vote()).toContain(`| @${user} | ❌ no (ballot deleted; counted as recorded) |`);
  });
});

describe("attack: restoring a closed vote's comment and deleting its decision record", () => {
  /** A vote that fails early at erin's no (4 of 7), then erin's yes after the close; returns the vote comment's open text from before that no. */
  async function failedVote(): Promise<{ voteId: number; openBody: string; recordId: number }> {
    await thread.say("alice", "/vote");
    for (const user of ["alice", "frank", "grace"]) await thread.say(user, "/vote yes");
    for (const user of ["bob", "carol", "dave"]) await thread.say(user, "/vote no");
    const [vote] = gavelComments("gavel:vote ");
    const openBody = vote?.body ?? "";
    await thread.say("erin", "/vote no");
    expect(thread.outcomes()).toEqual(["failed"]);
    await thread.say("erin", "Sorry, I meant yes.\n/vote yes");
    expect(thread.replies().at(-1)).toContain("There is no open vote on this thread");
    const [record] = gavelComments("gavel:decision");
    return { voteId: vote?.id ?? 0, openBody, recordId: record?.id ?? 0 };
  }

  /**
   * The failed vote, then, within minutes of Gavel's last write of its open text (so its signed time still matches
   * GitHub's updated_at): that text restored, and the decision record deleted, both before Gavel hears of either;
   * `lost`: GitHub never delivers either webhook.
   */
  async function reopen(params: { lost: boolean }): Promise<void> {
    const { voteId, openBody, recordId } = await failedVote();
    if (params.lost) {
      local.github.dropDeliveries({ event: "issue_comment.edited", times: 1, unlogged: true });
      local.github.dropDeliveries({ event: "issue_comment.deleted", times: 1, unlogged: true });
    }
    local.github.editComment({ ...mallory, commentId: voteId, body: openBody });
    local.github.deleteComment({ ...mallory, commentId: recordId });
  }

  it("within 10 minutes of the close, both before Gavel hears of either: the vote stays failed, its record is posted again", async () => {
    await reopen({ lost: false });
    await local.settle();

    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(thread.outcomes()).toEqual(["failed"]);
    expect(thread.vote()).toContain("❌ Vote failed");
    expect(gavelText()).toContain("@mallory deleted");
    await thread.say("bob", "/vote yes");
    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(thread.outcomes()).toEqual(["failed"]);
  });

  it("with both webhooks lost: the labels say Gavel closed the vote, so the reopened vote is void, failed, with an alert", async () => {
    await reopen({ lost: true });
    await local.settle();

    await thread.say("bob", "/vote status");
    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(thread.records()).toEqual([]);
    expect(gavelText()).toContain("**This vote is void.**");
    expect(gavelText()).not.toContain("Outcome: passed");
  });

  it("with both webhooks lost and the labels put back to `vote: open`: when the reopened vote would close, the label history shows Gavel had closed it, so it is void", async () => {
    await reopen({ lost: true });
    local.github.label({ ...mallory, number: thread.number, label: "vote: failed", remove: true });
    local.github.label({ ...mallory, number: thread.number, label: "vote: open" });
    await local.settle();

    await thread.say("bob", "/vote status");
    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(thread.records()).toEqual([]);
    expect(gavelText()).toContain("**This vote is void.**");
  });
});

describe("attack: deleting a vote comment", () => {
  it("an open vote's comment, deleted: the vote is void and labelled failed, with a notice of who did it", async () => {
    await thread.say("alice", "/vote");
    await thread.say("bob", "/vote yes");
    const [vote] = gavelComments("gavel:vote ");
    local.github.deleteComment({ ...mallory, commentId: vote?.id ?? 0 });
    await local.settle();

    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(gavelText()).toContain("**A vote on this thread is void.**");
    expect(gavelText()).toContain("@mallory deleted");
    await thread.say("carol", "/vote yes");
    expect(thread.replies().at(-1)).toContain("There is no open vote on this thread");
    expect(thread.labels()).toEqual(["vote: failed"]);
  });

  it("the open vote's comment, deleted after an older vote passed: the older vote's label doesn't come back", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["alice", "bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    expect(thread.labels()).toEqual(["vote: passed"]);
    await thread.say("alice", "/vote lazy");
    const newer = gavelComments("gavel:vote ").at(-1);
    local.github.deleteComment({ ...mallory, commentId: newer?.id ?? 0 });
    await local.settle();

    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(gavelText()).toContain("**A vote on this thread is void.**");
  });

  it("an old vote's comment, deleted while a newer vote is open: the newer vote carries on, and the deletion is reported", async () => {
    await thread.say("alice", "/vote");
    await thread.say("alice", "/vote cancel");
    await thread.say("alice", "/vote");
    const [old] = gavelComments("gavel:vote ");
    local.github.deleteComment({ ...mallory, commentId: old?.id ?? 0 });
    await local.settle();

    await thread.say("bob", "/vote yes");
    expect(thread.labels()).toEqual(["vote: open"]);
    expect(thread.votes().at(-1)).toContain("1 yes · 0 no");
    expect(gavelText()).toContain("@mallory deleted");
    expect(gavelText()).not.toContain("**This vote is void.**");
  });

  it("the open vote's comment, deleted while its webhook is lost: after a restart the sweep finds `vote: open`, and GitHub's label history shows Gavel labelled a vote newer than the one left", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["alice", "bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    await thread.say("alice", "/vote");
    expect(thread.labels()).toEqual(["vote: open"]);
    const newer = gavelComments("gavel:vote ").at(-1);
    local.github.dropDeliveries({ event: "issue_comment.deleted", times: 1, unlogged: true });
    local.github.deleteComment({ ...mallory, commentId: newer?.id ?? 0 });
    await local.settle();

    await local.restart();
    await local.sweep();
    expect(thread.labels()).toEqual(["vote: failed"]);
    expect(gavelText()).toContain("**A vote on this thread is void.**");
  });
});

describe("attack: deleting a decision record", () => {
  it("it is posted again as it was, and the deletion reported once, even when GitHub delivers the webhook twice", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["alice", "bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    const [record] = gavelComments("gavel:decision");
    const text = record?.body ?? "";
    local.github.deleteComment({ ...mallory, commentId: record?.id ?? 0 });
    await local.settle();

    expect(thread.records()).toEqual([text]);
    expect(thread.labels()).toEqual(["vote: passed"]);
    const notices = () => gavelComments("gavel:notice ");
    expect(notices().map((c) => c.body)).toEqual([expect.stringContaining("@mallory deleted the decision record of a vote (`default`, asked for by @alice)")]);
    const deletion = local.github.deliveries().find((d) => d.event === "issue_comment" && d.action === "deleted");
    local.github.redeliver(deletion?.id ?? "");
    await local.settle();
    expect(thread.records()).toEqual([text]);
    expect(notices()).toHaveLength(1);
  });
});

describe("attack: editing a decided vote's comment", () => {
  it("a day after it passed, an admin rewrites it to say failed: the record stands, the comment is rewritten from it, and the edit is reported", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["alice", "bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    expect(thread.labels()).toEqual(["vote: passed"]);
    await local.advance(DAY);
    const [vote] = gavelComments("gavel:vote ");
    local.github.editComment({ ...mallory, commentId: vote?.id ?? 0, body: (vote?.body ?? "").replace("✅ Vote passed", "❌ Vote failed") });
    await local.settle();

    expect(thread.labels()).toEqual(["vote: passed"]);
    expect(thread.outcomes()).toEqual(["passed"]);
    expect(thread.vote()).toContain("✅ Vote passed");
    expect(gavelText()).toContain("@mallory edited");
  });
});
