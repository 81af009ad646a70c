import { describe, expect, it } from "@jest/globals";
import { tallyVote } from "../../src/policy/tally-vote.js";
import type { Ballot, VoteRecord } from "../../src/policy/vote-types.js";
import { voteComment } from "../../src/messages/vote-comment.js";
import { deriveMarkerKey } from "../../src/state/signed-marker.js";
import { readVotes, type CurrentVote, type Decision, type StoredVote } from "../../src/state/read-votes.js";
import { readVoteMarker, voteMarker } from "../../src/state/vote-marker.js";
import { decideVote, type ThreadView } from "../../src/votes/decide-vote.js";
import { voteRecord } from "../helpers/vote-record.js";

const key = deriveMarkerKey({ secret: "decide-vote-test" });
const OPENED = "2026-11-22T10:00:00.000Z";
const at = (hours: number) => new Date(Date.parse(OPENED) + hours * 3_600_000);
const VOTERS = ["alice", "bob", "carol", "dave", "erin"];
const thread = (ballots: Ballot[] = []): ThreadView => ({ id: 77, title: "Nominate @frank", ballots, standing: new Set(ballots.map((b) => b.commentId)) });

const record = (extra: Partial<VoteRecord> = {}): VoteRecord =>
  voteRecord({
    type: "nomination",
    subject: "frank",
    electorate: VOTERS,
    starter: "alice",
    requestUrl: "https://github.com/acme/widgets/issues/3#issuecomment-1",
    openedAt: OPENED,
    deadline: at(168).toISOString(),
    ...extra,
  });

/** A vote comment as Gavel last wrote it, tallied at `writtenAt` over `ballots`. */
function stored(params: { record: VoteRecord; writtenAt: Date; ballots?: Ballot[] }): StoredVote {
  const tally = tallyVote({ vote: params.record, ballots: params.ballots ?? [], now: params.writtenAt, voteCommentId: 10 });
  const body = voteComment({
    question: "Nominate @frank",
    record: params.record,
    tally,
    marker: voteMarker({ key, scope: { threadId: 77 }, record: params.record, writtenAt: params.writtenAt.toISOString() }),
  });
  return {
    record: params.record,
    comment: { id: 10, body, createdAt: OPENED, updatedAt: params.writtenAt.toISOString(), url: "https://github.com/acme/widgets/issues/3#issuecomment-10" },
    writtenAt: params.writtenAt.toISOString(),
    gone: false,
    altered: false,
  };
}

let ballotId = 100;
const ballot = (author: string, choice: Ballot["choice"], hours: number): Ballot => {
  const createdAt = at(hours).toISOString();
  return { commentId: ballotId++, author, choice, createdAt, updatedAt: createdAt, url: `https://github.com/acme/widgets/issues/3#issuecomment-${ballotId}` };
};

describe("decideVote: bringing a thread's latest vote up to date", () => {
  it("no vote: nothing to write, no label", () => {
    expect(decideVote({ thread: thread(), current: { kind: "none" }, cancel: null, now: at(1), key })).toEqual({
      postRecord: null,
      rewrite: null,
      label: null,
      wakeAt: null,
    });
  });

  it("a void vote: labelled failed for good, nothing else", () => {
    expect(decideVote({ thread: thread(), current: { kind: "void" }, cancel: null, now: at(1), key })).toEqual({
      postRecord: null,
      rewrite: null,
      label: "failed",
      wakeAt: null,
    });
  });

  it("an open vote whose comment is current: nothing to rewrite, the deadline armed", () => {
    const vote = stored({ record: record(), writtenAt: at(1) });
    const outcome = decideVote({ thread: thread(), current: { kind: "open", vote }, cancel: null, now: at(2), key });
    expect(outcome).toEqual({ postRecord: null, rewrite: null, label: "open", wakeAt: record().deadline });
  });

  it("an open vote with a new ballot: the tally is rewritten with the time Gavel wrote it", () => {
    const vote = stored({ record: record(), writtenAt: at(1) });
    const outcome = decideVote({ thread: thread([ballot("bob", "yes", 2)]), current: { kind: "open", vote }, cancel: null, now: at(3), key });
    expect(outcome.postRecord).toBeNull();
    expect(outcome.label).toBe("open");
    expect(outcome.rewrite?.body).toContain("1 yes");
    const reread = readVotes({
      key,
      scope: { threadId: 77 },
      comments: [{ ...vote.comment, body: outcome.rewrite?.body ?? "", updatedAt: at(3).toISOString() }],
    });
    expect(reread.votes[0]?.writtenAt).toBe(at(3).toISOString());
  });

  it("an open vote with a new ballot: the ballot is recorded in the vote's signed state, and stays counted once its comment is deleted", () => {
    const vote = stored({ record: record(), writtenAt: at(1) });
    const bob = ballot("bob", "no", 2);
    const outcome = decideVote({ thread: thread([bob]), current: { kind: "open", vote }, cancel: null, now: at(3), key });
    const reread = readVoteMarker({ key, scope: { threadId: 77 }, body: outcome.rewrite?.body ?? "" });
    expect(reread).toMatchObject({ valid: true, record: { counted: [{ voter: "bob", choice: "no", commentId: bob.commentId }] } });
    if (!reread.found || !reread.valid) throw new Error("no marker");
    const after = { ...vote, record: reread.record, comment: { ...vote.comment, body: outcome.rewrite?.body ?? "" }, writtenAt: at(3).toISOString() };
    const deleted = decideVote({ thread: thread([]), current: { kind: "open", vote: after }, cancel: null, now: at(4), key });
    expect(deleted.rewrite?.body).toContain("| @bob | ❌ no (ballot deleted; counted as recorded) |");
    expect(deleted.rewrite?.body).toContain("0 yes · 1 no");
  });

  it("an open vote that a majority settles: the decision record first, then the comment and the label", () => {
    const vote = stored({ record: record(), writtenAt: at(1) });
    const ballots = [ballot("bob", "yes", 2), ballot("carol", "yes", 2), ballot("dave", "yes", 3)];
    const outcome = decideVote({ thread: thread(ballots), current: { kind: "open", vote }, cancel: null, now: at(4), key });
    expect(outcome.postRecord).toContain("Decision record");
    expect(outcome.postRecord).toContain("**Outcome: passed.**");
    expect(outcome.rewrite?.body).toContain("Vote passed");
    expect(outcome).toMatchObject({ label: "passed", wakeAt: null });
  });

  it("a cancel on an open vote: recorded as cancelled, by whom, never passed", () => {
    const vote = stored({ record: record(), writtenAt: at(1) });
    const outcome = decideVote({
      thread: thread([ballot("bob", "yes", 2), ballot("carol", "yes", 2), ballot("dave", "yes", 2)]),
      current: { kind: "open", vote },
      cancel: { by: "bob" },
      now: at(3),
      key,
    });
    expect(outcome.label).toBe("cancelled");
    expect(outcome.postRecord).toContain("Cancelled by @bob");
  });

  it("a decided vote whose comment says so: only its label", () => {
    const closed = record({ status: "failed", closedAt: at(5).toISOString() });
    const vote = stored({ record: closed, writtenAt: at(5) });
    const decision: Decision = { outcome: "failed", closedAt: at(5).toISOString(), cancelledBy: null, comment: vote.comment };
    expect(decideVote({ thread: thread(), current: { kind: "decided", vote, decision }, cancel: null, now: at(50), key })).toEqual({
      postRecord: null,
      rewrite: null,
      label: "failed",
      wakeAt: null,
    });
  });

  it("a vote comment still open after its record says failed (restored from history): rewritten to the record, never re-tallied", () => {
    const vote = stored({ record: record(), writtenAt: at(1) });
    const decision: Decision = { outcome: "failed", closedAt: at(5).toISOString(), cancelledBy: null, comment: vote.comment };
    const current: CurrentVote = { kind: "decided", vote, decision };
    const ballots = [ballot("bob", "yes", 6), ballot("carol", "yes", 6), ballot("dave", "yes", 6)];
    const outcome = decideVote({ thread: thread(ballots), current, cancel: null, now: at(7), key });
    expect(outcome).toMatchObject({ postRecord: null, label: "failed" });
    expect(outcome.rewrite?.body).toContain("Vote failed");
  });

  it("a decided vote whose comment someone else changed, though it still says the outcome: written again from the record", () => {
    const closed = record({ status: "passed", closedAt: at(5).toISOString() });
    const vote = stored({ record: closed, writtenAt: at(5) });
    const decision: Decision = { outcome: "passed", closedAt: at(5).toISOString(), cancelledBy: null, comment: vote.comment };
    const altered: StoredVote = { ...vote, comment: { ...vote.comment, body: vote.comment.body.replace("Vote passed", "Vote failed") }, altered: true };
    const outcome = decideVote({ thread: thread(), current: { kind: "decided", vote: altered, decision }, cancel: null, now: at(50), key });
    expect(outcome).toMatchObject({ postRecord: null, label: "passed" });
    expect(outcome.rewrite?.body).toContain("✅ Vote passed");
    expect(outcome.rewrite?.body).not.toContain("Vote failed");
  });

  it("a decided vote known by its record alone (its comment deleted): its label, nothing to write", () => {
    const decision: Decision = {
      outcome: "failed",
      closedAt: at(5).toISOString(),
      cancelledBy: null,
      comment: stored({ record: record(), writtenAt: at(1) }).comment,
    };
    expect(decideVote({ thread: thread(), current: { kind: "decided", vote: null, decision }, cancel: null, now: at(50), key })).toEqual({
      postRecord: null,
      rewrite: null,
      label: "failed",
      wakeAt: null,
    });
  });

  it("a closed vote whose comment and record were both deleted (the webhook held its last text): the record is posted again, nothing rewritten", () => {
    const closed = record({ status: "failed", closedAt: at(5).toISOString() });
    const gone: StoredVote = { ...stored({ record: closed, writtenAt: at(5) }), gone: true };
    const outcome = decideVote({ thread: thread(), current: { kind: "decided", vote: gone, decision: null }, cancel: null, now: at(9), key });
    expect(outcome.postRecord).toContain("**Outcome: failed.**");
    expect(outcome).toMatchObject({ rewrite: null, label: "failed" });
  });

  it("a closed vote whose record is missing: the record is posted again", () => {
    const closed = record({ status: "passed", closedAt: at(5).toISOString() });
    const vote = stored({ record: closed, writtenAt: at(5), ballots: [ballot("bob", "yes", 2), ballot("carol", "yes", 2), ballot("dave", "yes", 2)] });
    const outcome = decideVote({
      thread: thread([ballot("bob", "yes", 2), ballot("carol", "yes", 2), ballot("dave", "yes", 2)]),
      current: { kind: "decided", vote, decision: null },
      cancel: null,
      now: at(9),
      key,
    });
    expect(outcome.postRecord).toContain("**Outcome: passed.**");
    expect(outcome.label).toBe("passed");
  });
});
