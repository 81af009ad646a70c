import { describe, expect, it } from "@jest/globals";
import type { VoteRecord } from "../../src/policy/vote-types.js";
import { deriveMarkerKey, writeMarker } from "../../src/state/signed-marker.js";
import { MAX_ELECTORATE, MAX_VOTE_MARKER_CHARS, readVoteMarker, voteMarker, voteMarkerSize } from "../../src/state/vote-marker.js";
import { minutes, voteRecord } from "../helpers/vote-record.js";

const key = deriveMarkerKey({ secret: "s" });
const scope = { threadId: 42 };
const T = minutes;
const record = (seq: number, extra: Partial<VoteRecord> = {}): VoteRecord => voteRecord({ seq, requestUrl: `req-${seq}`, ...extra });
/** The record a marker holds, as readVotes reads it. */
const reread = (marker: string): VoteRecord | null => {
  const reading = readVoteMarker({ key, scope, body: `text\n${marker}` });
  return reading.found && reading.valid ? reading.record : null;
};

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
    expect(reread(marker)?.electorate).toEqual(["alice", "bob", "carol"]);
  });

  it("each voter costs the marker no more than its login and a space, in base64", () => {
    const [small, large] = [100, 1100].map((n) => voteMarker({ key, scope, record: record(0, { electorate: logins(n, 12) }), writtenAt: T(0) }).length);
    expect(((large ?? 0) - (small ?? 0)) / 1000).toBeLessThanOrEqual((13 * 4) / 3 + 0.01);
  });

  it("a marker written before, with the electorate as an array, still reads", () => {
    const { threshold: _threshold, ...rest } = record(0);
    const legacy = writeMarker({ key, kind: "vote", scope, data: { ...rest, threshold: "majority", writtenAt: T(0) } });
    expect(reread(legacy)).toMatchObject({ electorate: ["a", "b", "c"], counted: [] });
  });

  it("holds the counted ballots once per voter, in the electorate's order, and reads them back", () => {
    const counted = [
      { voter: "b", choice: "no" as const, commentId: 1_234_567_890 },
      { voter: "a", choice: "yes" as const, commentId: 42 },
      { voter: "d", choice: "abstain" as const, commentId: Number.MAX_SAFE_INTEGER },
    ];
    const marker = voteMarker({ key, scope, record: record(0, { electorate: ["a", "b", "c", "d", "e"], counted }), writtenAt: T(0) });
    expect(payload(marker)).toMatchObject({ ballots: `Y16N${(1_234_567_890).toString(36)}.A${Number.MAX_SAFE_INTEGER.toString(36)}` });
    expect(reread(marker)?.counted).toEqual([counted[1], counted[0], counted[2]]);
  });

  it.each([
    ["more entries than voters", "Y1Y2Y3Y4"],
    ["a letter that is no choice", "X1"],
    ["a choice without a comment", "Y"],
    ["an id beyond what JavaScript holds exactly", `Y${"z".repeat(12)}`],
  ])("a marker whose ballots hold %s is malformed", (_name, ballots) => {
    const { threshold: _threshold, electorate, counted: _counted, ...rest } = record(0);
    const forged = writeMarker({ key, kind: "vote", scope, data: { ...rest, voters: electorate.join(" "), ballots, threshold: "majority", writtenAt: T(0) } });
    expect(readVoteMarker({ key, scope, body: forged })).toEqual({ found: true, valid: false, reason: "the marker's state is malformed" });
  });

  it(`${MAX_ELECTORATE} voters is the largest electorate, in hundreds, whose marker fits with 15-character logins, the longest other fields and every ballot recorded`, () => {
    expect(voteMarkerSize(longest(logins(MAX_ELECTORATE, 15)))).toBeLessThanOrEqual(MAX_VOTE_MARKER_CHARS);
    expect(voteMarkerSize(longest(logins(MAX_ELECTORATE + 100, 15)))).toBeGreaterThan(MAX_VOTE_MARKER_CHARS);
  });

  it("is measured for the vote's whole life: every ballot recorded, closing and cancelling never make it outgrow what was checked at opening", () => {
    const opened = longest(logins(500, 15));
    const size = voteMarkerSize(opened);
    const counted = opened.electorate.map((voter) => ({ voter, choice: "abstain" as const, commentId: Number.MAX_SAFE_INTEGER }));
    const cancelled = { ...opened, status: "cancelled" as const, closedAt: T(10_080), cancelledBy: "c".repeat(39), counted };
    expect(voteMarker({ key, scope: { threadId: Number.MAX_SAFE_INTEGER }, record: cancelled, writtenAt: T(10_080) }).length).toBeLessThanOrEqual(size);
    expect(voteMarker({ key, scope, record: opened, writtenAt: T(0) }).length).toBeLessThan(size);
  });
});
