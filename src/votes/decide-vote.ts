import { decisionRecord } from "../messages/decision-record.js";
import { voteComment } from "../messages/vote-comment.js";
import { advanceVote, cancelVote } from "../policy/advance-vote.js";
import { tallyVote } from "../policy/tally-vote.js";
import type { Login } from "../policy/types.js";
import type { Ballot, VoteRecord, VoteStatus } from "../policy/vote-types.js";
import type { MarkerKey } from "../state/signed-marker.js";
import type { CurrentVote, Decision, StoredVote } from "../state/read-votes.js";
import { decisionMarker, voteMarker } from "../state/vote-marker.js";

/** What a vote's decision reads of its thread: its global id (markers are bound to it), its title, everyone's ballots, and which of people's comments are still there. */
export interface ThreadView {
  id: number;
  title: string;
  ballots: Ballot[];
  /** Ids of every comment people have on the thread now, ballots or not (see tallyVote's `standing`). */
  standing: ReadonlySet<number>;
}

/** What bringing a thread's latest vote up to date takes, decided without GitHub. */
export interface VoteOutcome {
  /** The decision record to post FIRST: it is the final word, whatever the vote comment later says. */
  postRecord: string | null;
  /** The vote comment's new text, or null when it already says it. */
  rewrite: { commentId: number; current: string; body: string } | null;
  /** The one vote label the thread carries; null: no vote here, no label. */
  label: VoteStatus | null;
  /** When time alone could change the outcome; null once decided. */
  wakeAt: string | null;
}

/**
 * A thread's latest vote at `now` (see CurrentVote). Safe to decide again
 * and again:
 * - none: nothing; void: labelled failed, for good;
 * - decided with a record: closed with that outcome for good; its comment,
 *   if there, is written again from the record when it says another state
 *   or someone else changed it, never re-tallied;
 * - open: tallied, and the ballots counted recorded in its signed state;
 *   `cancel` cancels it; once settled, its decision record is posted first,
 *   then the comment and the label follow;
 * - decided without a record (it was deleted): the record is posted again
 *   from the vote's signed state.
 * Pure; `key` signs the markers.
 */
export function decideVote(params: { thread: ThreadView; current: CurrentVote; cancel: { by: Login } | null; now: Date; key: MarkerKey }): VoteOutcome {
  const { thread, current, now } = params;
  const failed: VoteOutcome = { postRecord: null, rewrite: null, label: "failed", wakeAt: null };
  if (current.kind === "none") return { ...failed, label: null };
  if (current.kind === "void" || !current.vote) return current.kind === "decided" && current.decision ? { ...failed, label: current.decision.outcome } : failed;
  const { vote } = current;
  const render = (record: VoteRecord, at: Date) => (vote.gone ? null : rewrite({ vote, record, at, now, thread, key: params.key }));
  if (current.kind === "decided" && current.decision) {
    return { ...failed, rewrite: restoreDecided({ thread, vote, decision: current.decision, now, key: params.key }), label: current.decision.outcome };
  }
  const tallied = (record: VoteRecord, at: Date) =>
    tallyVote({ vote: record, ballots: thread.ballots, now: at, voteCommentId: vote.comment.id, standing: thread.standing });
  const base = current.kind === "open" && params.cancel ? cancelVote({ record: vote.record, by: params.cancel.by, now }) : vote.record;
  const tally = tallied(base, now);
  const record = advanceVote({ record: { ...base, counted: tally.counted }, tally, now });
  if (record.status === "open") return { postRecord: null, rewrite: render(record, now), label: "open", wakeAt: tally.nextWakeAt };
  const closedAt = new Date(record.closedAt ?? now.toISOString());
  const final = tallied(record, closedAt);
  const closed: VoteRecord = { ...record, counted: final.counted };
  const marker = decisionMarker({
    key: params.key,
    scope: { threadId: thread.id },
    seq: closed.seq,
    outcome: closed.status,
    closedAt: closedAt.toISOString(),
    cancelledBy: closed.cancelledBy,
  });
  const postRecord = decisionRecord({ question: thread.title, record: closed, tally: final, voteUrl: vote.comment.url, marker });
  return { postRecord, rewrite: render(closed, closedAt), label: closed.status, wakeAt: null };
}

/**
 * A decided vote's comment written again from its decision record, when it
 * says another state or someone other than Gavel changed it; null when it
 * already says so, or is gone. Never re-tallied: counted until it closed. Pure.
 */
export function restoreDecided(params: { thread: ThreadView; vote: StoredVote; decision: Decision; now: Date; key: MarkerKey }): VoteOutcome["rewrite"] {
  const { vote } = params;
  const { outcome, closedAt, cancelledBy } = params.decision;
  if (vote.gone || !(vote.altered || vote.record.status !== outcome || vote.record.closedAt !== closedAt)) return null;
  const record: VoteRecord = { ...vote.record, status: outcome, closedAt, cancelledBy };
  return rewrite({ vote, record, at: new Date(closedAt), now: params.now, thread: params.thread, key: params.key });
}

/**
 * The vote comment for `record` tallied at `at`, or null when the comment
 * already says exactly that. Its marker carries when Gavel wrote it, so an
 * unchanged text keeps its old `writtenAt` and a new one takes `now`.
 */
function rewrite(params: { vote: StoredVote; record: VoteRecord; at: Date; now: Date; thread: ThreadView; key: MarkerKey }): VoteOutcome["rewrite"] {
  const { vote, record, thread } = params;
  const scope = { threadId: thread.id };
  const tally = tallyVote({ vote: record, ballots: thread.ballots, now: params.at, voteCommentId: vote.comment.id, standing: thread.standing });
  const body = (writtenAt: string) => voteComment({ question: thread.title, record, tally, marker: voteMarker({ key: params.key, scope, record, writtenAt }) });
  if (body(vote.writtenAt) === vote.comment.body) return null;
  return { commentId: vote.comment.id, current: vote.comment.body, body: body(params.now.toISOString()) };
}
