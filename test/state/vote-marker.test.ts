import { describe, expect, it } from "@jest/globals";
import type { VoteRecord } from "../../src/policy/vote-types.js";
import type { AppComment } from "../../src/state/announcement-marker.js";
import { deriveMarkerKey, writeMarker } from "../../src/state/signed-marker.js";
import { decisionMarker, readVotes, voidMarker, voteMarker } from "../../src/state/vote-marker.js";

const key = deriveMarkerKey({ secret: "s" });
const scope = { threadId: 42 };
const T = (minutes: number) => new Date(Date.parse("2026-11-22T10:00:00.000Z") + minutes * 60_000).toISOString();

const record = (seq: number, extra: Partial<VoteRecord> = {}): VoteRecord => ({
  seq,
  type: "default",
  subject: null,
  recused: false,
  threshold: { kind: "majority" },
  electorate: ["a", "b", "c"],
  starter: "a",
  requestUrl: `req-${seq}`,
  openedAt: T(0),
  deadline: T(10_080),
  minDurationMs: 0,
  closeEarly: true,
  status: "open",
  closedAt: null,
  cancelledBy: null,
  ...extra,
});
let id = 1;
const comment = (body: string, createdAt: string, updatedAt = createdAt): AppComment => ({ id: id++, body: `text\n${body}`, createdAt, updatedAt, url: `u${id}` });
const vote = (r: VoteRecord, at: string, updatedAt = at, writtenAt = updatedAt) => comment(voteMarker({ key, scope, record: r, writtenAt }), at, updatedAt);
const decision = (seq: number, outcome: "passed" | "cancelled", at: string) => comment(decisionMarker({ key, scope, seq, outcome, closedAt: at, cancelledBy: null }), at);

describe("readVotes", () => {
  it("reads votes in sequence, with the writtenAt Gavel stamped", () => {
    const thread = readVotes({ key, scope, comments: [vote(record(0), T(0)), vote(record(1), T(5), T(9))] });
    expect(thread.votes.map((v) => [v.record.seq, v.writtenAt])).toEqual([[0, T(0)], [1, T(9)]]);
    expect(thread.nextSeq).toBe(2);
  });

  it.each([
    ["an edit after Gavel wrote it (a restored old version)", [vote(record(0), T(0), T(60 * 24), T(0))], "the comment was edited by someone other than Gavel"],
    ["a marker from another thread", [comment(voteMarker({ key, scope: { threadId: 7 }, record: record(0), writtenAt: T(0) }), T(0))], "the marker belongs to another thread"],
    ["a marker with another key", [comment(voteMarker({ key: deriveMarkerKey({ secret: "x" }), scope, record: record(0), writtenAt: T(0) }), T(0))], "the signature does not verify"],
    ["a marker out of sequence", [vote(record(1), T(0))], "the marker is out of sequence"],
    ["a malformed state", [comment(writeMarker({ key, kind: "vote", scope, data: { seq: 0 } }), T(0))], "the marker's state is malformed"],
  ])("flags %s", (_name, comments, reason) => {
    const thread = readVotes({ key, scope, comments });
    expect(thread.votes).toEqual([]);
    expect(thread.tampered.map((t) => [t.reason, t.seq])).toEqual([[reason, 0]]);
  });

  it("a later comment for a taken position is a race duplicate, whatever its request", () => {
    const thread = readVotes({ key, scope, comments: [vote(record(0), T(0)), vote(record(0, { requestUrl: "other" }), T(1))] });
    expect(thread.votes).toHaveLength(1);
    expect(thread.duplicates.map((d) => d.record.requestUrl)).toEqual(["other"]);
    expect(thread.nextSeq).toBe(1);
  });

  it("a voided position counts in the sequence", () => {
    const thread = readVotes({ key, scope, comments: [comment(voidMarker({ key, scope, seq: 0 }), T(0), T(3)), vote(record(1), T(5))] });
    expect(thread.voided).toEqual([0]);
    expect(thread.votes.map((v) => v.record.seq)).toEqual([1]);
  });

  it("the earliest decision record of a vote is final; later ones are duplicates", () => {
    const first = decision(0, "cancelled", T(10));
    const thread = readVotes({ key, scope, comments: [vote(record(0), T(0)), decision(0, "passed", T(20)), first] });
    expect(thread.decisions.get(0)).toMatchObject({ outcome: "cancelled", closedAt: T(10) });
    expect(thread.duplicateDecisions).toHaveLength(1);
  });

  it("an edited decision record decides nothing", () => {
    const edited = decision(0, "passed", T(10));
    edited.updatedAt = T(11);
    const thread = readVotes({ key, scope, comments: [vote(record(0), T(0)), edited] });
    expect(thread.decisions.size).toBe(0);
    expect(thread.brokenDecisions.map((b) => b.reason)).toEqual(["the record was edited"]);
  });

  it("only the last marker in a comment counts, so quoted text can't shadow it", () => {
    const real = voteMarker({ key, scope, record: record(0), writtenAt: T(0) });
    const thread = readVotes({ key, scope, comments: [comment(`Title <!-- gavel:vote forged.x -->\n${real}`, T(0))] });
    expect(thread.votes).toHaveLength(1);
  });
});
