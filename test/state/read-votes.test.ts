import { describe, expect, it } from "@jest/globals";
import type { VoteRecord, VoteStatus } from "../../src/policy/vote-types.js";
import type { AppComment } from "../../src/state/announcement-marker.js";
import { readVotes, type CommentTampering } from "../../src/state/read-votes.js";
import { deriveMarkerKey, writeMarker } from "../../src/state/signed-marker.js";
import { decisionMarker, voidMarker, voteMarker } from "../../src/state/vote-marker.js";
import { minutes, voteRecord } from "../helpers/vote-record.js";

const key = deriveMarkerKey({ secret: "s" });
const scope = { threadId: 42 };
const T = minutes;

/** Vote `seq`, opened at minute 100·seq. */
const record = (seq: number, extra: Partial<VoteRecord> = {}): VoteRecord =>
  voteRecord({ seq, requestUrl: `req-${seq}`, openedAt: T(100 * seq), deadline: T(100 * seq + 10_080), ...extra });
let id = 1;
const comment = (body: string, createdAt: string, updatedAt = createdAt): AppComment => ({
  id: id++,
  body: `text\n${body}`,
  createdAt,
  updatedAt,
  url: `u${id}`,
});
/** Vote `r`'s comment, posted when it opened, last written by Gavel at `writtenAt` (and not touched since, unless `updatedAt` says so). */
const vote = (r: VoteRecord, writtenAt = r.openedAt, updatedAt = writtenAt) => comment(voteMarker({ key, scope, record: r, writtenAt }), r.openedAt, updatedAt);
const closed = (seq: number, status: VoteStatus) => record(seq, { status, closedAt: T(100 * seq + 50) });
const decision = (seq: number, outcome: VoteStatus) =>
  comment(decisionMarker({ key, scope, seq, outcome, closedAt: T(100 * seq + 50), cancelledBy: null }), T(100 * seq + 50));
const voided = (seq: number, at: string) => comment(voidMarker({ key, scope, seq }), at);

describe("readVotes: a vote's position is its signed seq", () => {
  it("reads votes by position, with the writtenAt Gavel stamped", () => {
    const thread = readVotes({ key, scope, comments: [vote(record(0)), vote(record(1), T(109))] });
    expect(thread.votes.map((v) => [v.record.seq, v.writtenAt])).toEqual([
      [0, T(0)],
      [1, T(109)],
    ]);
    expect(thread.nextSeq).toBe(2);
  });

  it.each([
    ["GitHub's clock 0.5 s behind Gavel's", -500],
    ["GitHub's clock 3 minutes ahead", 180_000],
  ])("a vote's times are GitHub's: it opens when its comment was created, and its deadline keeps its distance (%s)", (_name, skewMs) => {
    const r = record(0, { openedAt: "2026-03-02T09:00:00.500Z", deadline: "2026-03-09T09:00:00.500Z" });
    const created = new Date(Date.parse(r.openedAt) + skewMs).toISOString();
    const thread = readVotes({ key, scope, comments: [comment(voteMarker({ key, scope, record: r, writtenAt: created }), created)] });
    const [read] = thread.votes;
    expect(read?.record.openedAt).toBe(created);
    expect(Date.parse(read?.record.deadline ?? "") - Date.parse(created)).toBe(7 * 86_400_000);
  });

  const v0 = () => vote(closed(0, "cancelled"), T(50));
  const d0 = () => decision(0, "cancelled");
  it.each([
    ["no vote at all", () => [], "none", 0],
    ["the open vote is the highest position", () => [v0(), d0(), vote(record(1))], "open", 2],
    ["an old vote's comment deleted: a gap, and the newer vote stands", () => [d0(), vote(record(1))], "open", 2],
    ["an old vote's comment and record deleted: the newer vote stands", () => [vote(record(1))], "open", 2],
    ["the open vote's comment deleted, no word of it: the older vote looks current (the labels tell, see decideLostVote)", () => [v0(), d0()], "decided", 1],
    ["a notice voiding a deleted vote's position, posted after later comments: that position is void", () => [v0(), d0(), voided(1, T(300))], "void", 2],
    ["a decided vote whose comment was deleted: its record stands", () => [v0(), d0(), decision(1, "passed")], "decided", 2],
  ])("%s", (_name, comments, kind, nextSeq) => {
    const thread = readVotes({ key, scope, comments: comments() });
    expect(thread.current.kind).toBe(kind);
    expect(thread.nextSeq).toBe(nextSeq);
    expect(thread.repairs.tampered).toEqual([]);
  });

  it.each([
    ["an edit long after Gavel wrote it (a restored old version)", [vote(record(0), T(0), T(60 * 24))], "the comment was edited by someone other than Gavel"],
    [
      "a marker from another thread",
      [comment(voteMarker({ key, scope: { threadId: 7 }, record: record(0), writtenAt: T(0) }), T(0))],
      "the marker belongs to another thread",
    ],
    [
      "a marker with another key",
      [comment(voteMarker({ key: deriveMarkerKey({ secret: "x" }), scope, record: record(0), writtenAt: T(0) }), T(0))],
      "the signature does not verify",
    ],
    ["a malformed state", [comment(writeMarker({ key, kind: "vote", scope, data: { seq: 0 } }), T(0))], "the marker's state is malformed"],
    [
      "a later vote's marker copied into an earlier comment, within minutes of Gavel writing it",
      [comment(voteMarker({ key, scope, record: record(3, { openedAt: T(900) }), writtenAt: T(905) }), T(0), T(906))],
      "the marker belongs to another comment",
    ],
  ])("flags %s, at the next position", (_name, comments, reason) => {
    const thread = readVotes({ key, scope, comments });
    expect(thread.votes).toEqual([]);
    expect(thread.repairs.tampered.map((t) => [t.reason, t.seq])).toEqual([[reason, 0]]);
    expect(thread.current.kind).toBe("void");
  });

  it("a marker whose position is below an earlier comment's is out of sequence, and takes the next position", () => {
    const late = record(1, { openedAt: T(205) });
    const thread = readVotes({ key, scope, comments: [vote(record(2)), comment(voteMarker({ key, scope, record: late, writtenAt: T(205) }), T(205))] });
    expect(thread.repairs.tampered.map((t) => [t.reason, t.seq])).toEqual([["the marker is out of sequence", 3]]);
    expect(thread.votes.map((v) => v.record.seq)).toEqual([2]);
  });

  it("a later comment for a taken position is a race duplicate, whatever its request", () => {
    const thread = readVotes({ key, scope, comments: [vote(record(0)), vote(record(0, { requestUrl: "other", openedAt: T(1) }))] });
    expect(thread.votes).toHaveLength(1);
    expect(thread.repairs.duplicates.map((d) => d.record.requestUrl)).toEqual(["other"]);
    expect(thread.nextSeq).toBe(1);
  });

  it("a voided position counts among the positions", () => {
    const thread = readVotes({ key, scope, comments: [comment(voidMarker({ key, scope, seq: 0 }), T(0), T(3)), vote(record(1))] });
    expect(thread.voided).toEqual([0]);
    expect(thread.votes.map((v) => v.record.seq)).toEqual([1]);
  });

  it("a decided vote's comment restored long after (the marker verifies, its time doesn't): the record stands, the comment is written again, never voided", () => {
    const thread = readVotes({ key, scope, comments: [vote(record(0), T(10), T(60 * 24)), decision(0, "failed")] });
    expect(thread.repairs.tampered).toEqual([]);
    expect(thread.current).toMatchObject({ kind: "decided", decision: { outcome: "failed" }, vote: { altered: true, record: { status: "open" } } });
  });

  it("the earliest decision record of a vote is final; later ones are duplicates", () => {
    const first = decision(0, "cancelled");
    const later = comment(decisionMarker({ key, scope, seq: 0, outcome: "passed", closedAt: T(60), cancelledBy: null }), T(60));
    const thread = readVotes({ key, scope, comments: [vote(record(0)), later, first] });
    expect(thread.current).toMatchObject({ kind: "decided", decision: { outcome: "cancelled", closedAt: T(50) } });
    expect(thread.repairs.duplicateDecisions).toEqual([later.id]);
  });

  it("an edited decision record decides nothing: a vote comment that says closed has its record posted again, and that is reported", () => {
    const edited = decision(0, "passed");
    edited.updatedAt = T(51);
    const thread = readVotes({ key, scope, comments: [vote(closed(0, "passed"), T(50)), edited] });
    expect(thread.current).toMatchObject({ kind: "decided", decision: null });
    expect(thread.repairs.brokenDecisions.map((b) => b.reason)).toEqual(["the record was edited"]);
    expect(thread.repairs.notices).toMatchObject([{ kind: "record-missing", about: "record-missing:0", act: null, outcome: "passed" }]);
  });

  it("only the last marker in a comment counts, so quoted text can't shadow it", () => {
    const real = voteMarker({ key, scope, record: record(0), writtenAt: T(0) });
    const thread = readVotes({ key, scope, comments: [comment(`Title <!-- gavel:vote forged.x -->\n${real}`, T(0))] });
    expect(thread.votes).toHaveLength(1);
  });
});

describe("readVotes: a webhook's news that someone else edited or deleted Gavel's comment", () => {
  const by = { by: "mallory", url: "https://example.test/c" };
  const edited = (c: AppComment, former: string, at = T(300)): CommentTampering => ({ ...by, commentId: c.id, action: "edited", at, former });
  const deleted = (c: AppComment): CommentTampering => ({ ...by, commentId: c.id, action: "deleted", at: T(300), former: c.body });
  const read = (comments: AppComment[], tampering: CommentTampering) => readVotes({ key, scope, comments, tampering });

  it("an open vote's comment edited, whatever it says now: void in place, naming who and when", () => {
    const open = vote(record(0));
    const thread = read([{ ...open, updatedAt: T(1) }], edited(open, open.body, T(1)));
    expect(thread.current.kind).toBe("void");
    expect(thread.repairs.tampered).toMatchObject([{ seq: 0, act: { action: "edited", by: "mallory", at: T(1) } }]);
    expect(thread.repairs.notices).toEqual([]);
  });

  it("an open vote's comment deleted: a notice with a void marker takes its position, and no older vote comes back", () => {
    const older = vote(closed(0, "passed"), T(50));
    const open = vote(record(1));
    const thread = read([older, decision(0, "passed")], deleted(open));
    expect(thread.current.kind).toBe("void");
    expect(thread.repairs.tombstones).toMatchObject([{ seq: 1, act: { action: "deleted", by: "mallory" }, record: { seq: 1 } }]);
    expect(thread.nextSeq).toBe(2);
  });

  it("a decided vote's comment edited: the record stands, the comment is written again from it, and the edit reported", () => {
    const passed = vote(closed(0, "passed"), T(50));
    const rewritten = { ...passed, body: passed.body.replace("text", "it failed"), updatedAt: T(300) };
    const thread = read([rewritten, decision(0, "passed")], edited(passed, passed.body));
    expect(thread.repairs.tampered).toEqual([]);
    expect(thread.current).toMatchObject({ kind: "decided", decision: { outcome: "passed" }, vote: { altered: true, comment: { id: passed.id } } });
    expect(thread.repairs.notices).toMatchObject([{ about: `edited:${passed.id}:${T(300)}`, kind: "vote-edited", outcome: "passed" }]);
  });

  it("an old decided vote's comment deleted while a newer vote is open: reported, and the newer vote carries on", () => {
    const old = vote(closed(0, "cancelled"), T(50));
    const thread = read([decision(0, "cancelled"), vote(record(1))], deleted(old));
    expect(thread.current.kind).toBe("open");
    expect(thread.repairs.notices).toMatchObject([{ about: `deleted:${old.id}`, kind: "vote-deleted", outcome: "cancelled", voteUrl: null }]);
  });

  it("a decision record deleted: posted again as it was, reported; once it stands again, a redelivery posts nothing", () => {
    const v = vote(closed(0, "failed"), T(50));
    const record0 = decision(0, "failed");
    const first = read([v], deleted(record0));
    expect(first.repairs.reposts).toEqual([record0.body]);
    expect(first.current).toMatchObject({ kind: "decided", decision: { outcome: "failed" } });
    expect(first.repairs.notices).toMatchObject([{ kind: "record-deleted", outcome: "failed" }]);
    const again = read([v, decision(0, "failed")], deleted(record0));
    expect(again.repairs.reposts).toEqual([]);
  });

  it("restored to an open text within minutes of the close while its record was deleted: decided as Gavel last signed it, the record posted again", () => {
    const openText = vote(record(0), T(48));
    const failed = { ...openText, body: vote(closed(0, "failed"), T(50)).body, updatedAt: T(50) };
    const restored = { ...openText, updatedAt: T(52) };
    const thread = read([restored], edited(failed, failed.body, T(52)));
    expect(thread.repairs.tampered).toEqual([]);
    expect(thread.current).toMatchObject({ kind: "decided", decision: null, vote: { record: { status: "failed" }, altered: true } });
    expect(thread.repairs.notices.map((n) => n.kind)).toEqual(["vote-edited", "record-missing"]);
  });

  it("a void notice deleted: posted again, the position stays void", () => {
    const notice = voided(0, T(5));
    const thread = read([vote(record(0))], deleted(notice));
    expect(thread.repairs.reposts).toEqual([notice.body]);
    expect(thread.current.kind).toBe("void");
  });

  it("a comment that held no state (a reply, a notice): nothing to do", () => {
    const reply = comment("<!-- gavel:reply x.y -->", T(5));
    const thread = read([vote(record(0))], deleted(reply));
    expect(thread.current.kind).toBe("open");
    expect(thread.repairs.notices).toEqual([]);
  });
});
