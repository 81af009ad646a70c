import { describe, expect, it } from "@jest/globals";
import type { VoteRecord } from "../../src/policy/vote-types.js";
import type { AppComment } from "../../src/state/announcement-marker.js";
import { deriveMarkerKey, writeMarker } from "../../src/state/signed-marker.js";
import { decisionMarker, MAX_ELECTORATE, MAX_VOTE_MARKER_CHARS, readVotes, voidMarker, voteMarker, voteMarkerSize } from "../../src/state/vote-marker.js";

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
const comment = (body: string, createdAt: string, updatedAt = createdAt): AppComment => ({
  id: id++,
  body: `text\n${body}`,
  createdAt,
  updatedAt,
  url: `u${id}`,
});
const vote = (r: VoteRecord, at: string, updatedAt = at, writtenAt = updatedAt) => comment(voteMarker({ key, scope, record: r, writtenAt }), at, updatedAt);
const decision = (seq: number, outcome: "passed" | "cancelled", at: string) =>
  comment(decisionMarker({ key, scope, seq, outcome, closedAt: at, cancelledBy: null }), at);

describe("readVotes", () => {
  it("reads votes in sequence, with the writtenAt Gavel stamped", () => {
    const thread = readVotes({ key, scope, comments: [vote(record(0), T(0)), vote(record(1), T(5), T(9))] });
    expect(thread.votes.map((v) => [v.record.seq, v.writtenAt])).toEqual([
      [0, T(0)],
      [1, T(9)],
    ]);
    expect(thread.nextSeq).toBe(2);
  });

  it.each([
    ["an edit after Gavel wrote it (a restored old version)", [vote(record(0), T(0), T(60 * 24), T(0))], "the comment was edited by someone other than Gavel"],
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
    ["a marker out of sequence", [vote(record(1), T(0))], "the marker is out of sequence"],
    ["a malformed state", [comment(writeMarker({ key, kind: "vote", scope, data: { seq: 0 } }), T(0))], "the marker's state is malformed"],
  ])("flags %s", (_name, comments, reason) => {
    const thread = readVotes({ key, scope, comments });
    expect(thread.votes).toEqual([]);
    expect(thread.repairs.tampered.map((t) => [t.reason, t.seq])).toEqual([[reason, 0]]);
  });

  it("a later comment for a taken position is a race duplicate, whatever its request", () => {
    const thread = readVotes({ key, scope, comments: [vote(record(0), T(0)), vote(record(0, { requestUrl: "other" }), T(1))] });
    expect(thread.votes).toHaveLength(1);
    expect(thread.repairs.duplicates.map((d) => d.record.requestUrl)).toEqual(["other"]);
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
    expect(thread.current).toMatchObject({ kind: "decided", decision: { outcome: "cancelled", closedAt: T(10) } });
    expect(thread.repairs.duplicateDecisions).toHaveLength(1);
  });

  it("an edited decision record decides nothing", () => {
    const edited = decision(0, "passed", T(10));
    edited.updatedAt = T(11);
    const thread = readVotes({ key, scope, comments: [vote(record(0), T(0)), edited] });
    expect(thread.current).toMatchObject({ kind: "open" });
    expect(thread.repairs.brokenDecisions.map((b) => b.reason)).toEqual(["the record was edited"]);
  });

  it("only the last marker in a comment counts, so quoted text can't shadow it", () => {
    const real = voteMarker({ key, scope, record: record(0), writtenAt: T(0) });
    const thread = readVotes({ key, scope, comments: [comment(`Title <!-- gavel:vote forged.x -->\n${real}`, T(0))] });
    expect(thread.votes).toHaveLength(1);
  });
});

describe("the vote marker's size", () => {
  const payload = (marker: string): Record<string, unknown> => JSON.parse(Buffer.from(marker.split(" ")[2]?.split(".")[0] ?? "", "base64url").toString("utf8"));
  const logins = (n: number, length: number) => Array.from({ length: n }, (_, i) => `m${i}`.padEnd(length, "x"));
  /** The longest values a vote's other fields take: 39-character logins, GitHub's longest repository URL. */
  const longest = (electorate: string[]) =>
    record(0, {
      electorate,
      type: "nomination",
      subject: "s".repeat(39),
      starter: "a".repeat(39),
      requestUrl: `https://github.com/${"o".repeat(39)}/${"r".repeat(100)}/issues/1234567#issuecomment-123456789012`,
    });

  it("holds the electorate once, as one string of logins", () => {
    const marker = voteMarker({ key, scope, record: record(0, { electorate: ["alice", "bob", "carol"] }), writtenAt: T(0) });
    expect(payload(marker)).toMatchObject({ voters: "alice bob carol" });
    expect(payload(marker)).not.toHaveProperty("electorate");
    expect(readVotes({ key, scope, comments: [comment(marker, T(0))] }).votes[0]?.record.electorate).toEqual(["alice", "bob", "carol"]);
  });

  it("each voter costs the marker no more than its login and a space, in base64", () => {
    const [small, large] = [100, 1100].map((n) => voteMarker({ key, scope, record: record(0, { electorate: logins(n, 12) }), writtenAt: T(0) }).length);
    expect(((large ?? 0) - (small ?? 0)) / 1000).toBeLessThanOrEqual((13 * 4) / 3 + 0.01);
  });

  it("a marker written before, with the electorate as an array, still reads", () => {
    const { threshold: _threshold, ...rest } = record(0);
    const legacy = writeMarker({ key, kind: "vote", scope, data: { ...rest, threshold: "majority", writtenAt: T(0) } });
    expect(readVotes({ key, scope, comments: [comment(legacy, T(0))] }).votes[0]?.record.electorate).toEqual(["a", "b", "c"]);
  });

  it(`${MAX_ELECTORATE} voters is the largest electorate, in hundreds, whose marker fits with 15-character logins and the longest other fields`, () => {
    expect(voteMarkerSize(longest(logins(MAX_ELECTORATE, 15)))).toBeLessThanOrEqual(MAX_VOTE_MARKER_CHARS);
    expect(voteMarkerSize(longest(logins(MAX_ELECTORATE + 100, 15)))).toBeGreaterThan(MAX_VOTE_MARKER_CHARS);
  });

  it("is measured for the vote's whole life: closing and cancelling never make it outgrow what was checked at opening", () => {
    const opened = longest(logins(500, 15));
    const size = voteMarkerSize(opened);
    const cancelled = { ...opened, status: "cancelled" as const, closedAt: T(10_080), cancelledBy: "c".repeat(39) };
    expect(voteMarker({ key, scope: { threadId: Number.MAX_SAFE_INTEGER }, record: cancelled, writtenAt: T(10_080) }).length).toBeLessThanOrEqual(size);
    expect(voteMarker({ key, scope, record: opened, writtenAt: T(0) }).length).toBeLessThan(size);
  });
});
