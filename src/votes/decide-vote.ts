import { decisionRecord } from "../messages/decision-record.js";
import { voteComment } from "../messages/vote-comment.js";
import { advanceVote, cancelVote } from "../policy/advance-vote.js";
import { tallyVote } from "../policy/tally-vote.js";
import type { Login } from "../policy/types.js";
import type { Ballot, VoteRecord, VoteStatus } from "../policy/vote-types.js";
import type { MarkerKey } from "../state/signed-marker.js";
import { decisionMarker, voteMarker, type CurrentVote, type StoredVote } from "../state/vote-marker.js";

/** What a vote's decision reads of its thread: its global id (markers are bound to it), its title, and everyone's ballots. */
export interface ThreadView {
  id: number;
  title: string;
  ballots: Ballot[];
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
 * - decided with a record: closed with that outcome for good; its comment is
 *   only repaired, never re-tallied;
 * - open: tallied; `cancel` cancels it; once settled, its decision record is
 *   posted first, then the comment and the label follow;
 * - decided without a record (it was lost): the record is posted again.
 * Pure; `key` signs the markers.
 */
export function decideVote(params: { thread: ThreadView; current: CurrentVote; cancel: { by: Login } | null; now: Date; key: MarkerKey }): VoteOutcome {
  const { thread, current, now } = params;
  if (current.kind === "none") return { postRecord: null, rewrite: null, label: null, wakeAt: null };
  if (current.kind === "void") return { postRecord: null, rewrite: null, label: "failed", wakeAt: null };
  const { vote } = current;
  const render = (record: VoteRecord, at: Date) => rewrite({ vote, record, at, now, thread, key: params.key });
  if (current.kind === "decided" && current.decision) {
    const { decision } = current;
    const closed: VoteRecord = { ...vote.record, status: decision.outcome, closedAt: decision.closedAt, cancelledBy: decision.cancelledBy };
    const changed = vote.record.status !== decision.outcome || vote.record.closedAt !== decision.closedAt;
    return { postRecord: null, rewrite: changed ? render(closed, new Date(decision.closedAt)) : null, label: decision.outcome, wakeAt: null };
  }
  const base = current.kind === "open" && params.cancel ? cancelVote({ record: vote.record, by: params.cancel.by, now }) : vote.record;
  const tally = tallyVote({ vote: base, ballots: thread.ballots, now, voteCommentId: vote.comment.id });
  const record = advanceVote({ record: base, tally, now });
  if (record.status === "open") return { postRecord: null, rewrite: render(record, now), label: "open", wakeAt: tally.nextWakeAt };
  const closedAt = new Date(record.closedAt ?? now.toISOString());
  const final = tallyVote({ vote: record, ballots: thread.ballots, now: closedAt, voteCommentId: vote.comment.id });
  const scope = { threadId: thread.id };
  const marker = decisionMarker({
    key: params.key,
    scope,
    seq: record.seq,
    outcome: record.status,
    closedAt: closedAt.toISOString(),
    cancelledBy: record.cancelledBy,
  });
  const postRecord = decisionRecord({ question: thread.title, record, tally: final, voteUrl: vote.comment.url, marker });
  return { postRecord, rewrite: render(record, closedAt), label: record.status, wakeAt: null };
}

/**
 * The vote comment for `record` tallied at `at`, or null when the comment
 * already says exactly that. Its marker carries when Gavel wrote it, so an
 * unchanged text keeps its old `writtenAt` and a new one takes `now`.
 */
function rewrite(params: { vote: StoredVote; record: VoteRecord; at: Date; now: Date; thread: ThreadView; key: MarkerKey }): VoteOutcome["rewrite"] {
  const { vote, record, thread } = params;
  const scope = { threadId: thread.id };
  const tally = tallyVote({ vote: record, ballots: thread.ballots, now: params.at, voteCommentId: vote.comment.id });
  const body = (writtenAt: string) => voteComment({ question: thread.title, record, tally, marker: voteMarker({ key: params.key, scope, record, writtenAt }) });
  if (body(vote.writtenAt) === vote.comment.body) return null;
  return { commentId: vote.comment.id, current: vote.comment.body, body: body(params.now.toISOString()) };
}
