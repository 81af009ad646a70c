import { describe, expect, it } from "@jest/globals";
import { decisionRecord } from "../../src/messages/decision-record.js";
import { voteComment } from "../../src/messages/vote-comment.js";
import { tamperedVoteAlert, voteReplies } from "../../src/messages/vote-replies.js";
import { tallyVote } from "../../src/policy/tally-vote.js";
import type { Ballot, VoteRecord } from "../../src/policy/vote-types.js";

const base: VoteRecord = {
  seq: 0,
  type: "removal",
  subject: "grace",
  recused: true,
  threshold: { kind: "fraction", numerator: 2, denominator: 3 },
  electorate: ["alice", "bob", "carol", "dave", "erin", "frank"],
  starter: "alice",
  requestUrl: "https://github.com/acme/widgets/issues/3#issuecomment-1",
  openedAt: "2026-11-22T10:00:00.000Z",
  deadline: "2026-11-29T10:00:00.000Z",
  minDurationMs: 0,
  closeEarly: true,
  status: "open",
  closedAt: null,
  cancelledBy: null,
};
const ballot = (commentId: number, author: string, choice: Ballot["choice"], hours: number, edited = false): Ballot => {
  const createdAt = new Date(Date.parse(base.openedAt) + hours * 3_600_000).toISOString();
  return { commentId, author, choice, createdAt, updatedAt: edited ? "2026-11-24T00:00:00.000Z" : createdAt, url: `https://github.com/acme/widgets/issues/3#issuecomment-${commentId}` };
};
const ballots = [ballot(11, "alice", "yes", 1), ballot(12, "bob", "no", 2), ballot(13, "carol", "abstain", 3), ballot(14, "dave", "yes", 4, true), ballot(15, "mallory", "yes", 5)];
const now = new Date("2026-11-23T10:00:00.000Z");
const MARKER = "<!-- gavel:vote test -->";

describe("vote messages", () => {
  it("an open vote with every kind of ballot", () => {
    const tally = tallyVote({ vote: base, ballots, now, voteCommentId: 10 });
    expect(voteComment({ question: "Remove @grace (inactive for a year)", record: base, tally, marker: MARKER })).toMatchSnapshot();
  });

  it.each([
    ["passed", { ...base, status: "passed" as const, closedAt: "2026-11-25T10:00:00.000Z" }],
    ["failed at the deadline", { ...base, status: "failed" as const, closedAt: "2026-11-29T10:00:00.000Z" }],
    ["cancelled", { ...base, status: "cancelled" as const, closedAt: "2026-11-23T12:00:00.000Z", cancelledBy: "bob" }],
    ["lazy, objected", { ...base, type: "lazy", subject: null, recused: false, threshold: { kind: "lazy-consensus" as const }, status: "failed" as const, closedAt: "2026-11-22T12:00:00.000Z" }],
    ["impossible count", { ...base, type: "default", subject: null, recused: false, threshold: { kind: "count" as const, count: 9 }, status: "failed" as const, closedAt: "2026-11-22T10:00:00.000Z" }],
  ])("closed vote and decision record: %s", (_name, record) => {
    const at = new Date(record.closedAt ?? now);
    const tally = tallyVote({ vote: record, ballots, now: at, voteCommentId: 10 });
    expect(voteComment({ question: "Remove @grace", record, tally, marker: MARKER })).toMatchSnapshot("vote comment");
    expect(decisionRecord({ question: "Remove @grace", record, tally, voteUrl: "https://github.com/acme/widgets/issues/3#issuecomment-10", marker: "<!-- gavel:decision test -->" })).toMatchSnapshot("decision record");
  });

  it("replies", () => {
    expect({
      notMaintainer: voteReplies.notMaintainer("mallory"),
      notInElectorate: voteReplies.notInElectorate("mallory"),
      alreadyOpen: voteReplies.alreadyOpen("https://example.test/vote"),
      noOpenVote: voteReplies.noOpenVote(),
      cannotOpen: voteReplies.cannotOpen("there is no vote type `coup`"),
      invalid: voteReplies.invalid({ text: "/vote removal `x`", reason: "too many words" }),
      configError: voteReplies.configError(".github/governance.yml line 3: unknown key"),
      electorateError: voteReplies.electorateError("The team `@acme/core` does not exist."),
    }).toMatchSnapshot();
  });

  it("the alert that voids a tampered vote", () => {
    expect(tamperedVoteAlert({ reason: "the signature does not verify", original: "### 🗳️ Vote open: X\n\nbody\n<!-- gavel:vote forged -->", marker: "<!-- gavel:vote-void test -->" })).toMatchSnapshot();
  });
});
