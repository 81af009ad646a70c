import type { Thread } from "../github/load-thread.js";
import type { RepoGateway } from "../github/repo-gateway.js";
import type { GavelDeps } from "../items/gavel-deps.js";
import type { ItemRef } from "../items/item-ref.js";
import { tamperedVoteAlert, voteReplies } from "../messages/vote-replies.js";
import { deletedVoteNotice, tamperingNotice, voidCauses } from "../messages/vote-tampering.js";
import type { VoteStatus } from "../policy/vote-types.js";
import { seenUntil } from "../schedule/wake-scheduler.js";
import { replyDue, replyMarker, type Refusal } from "../state/reply-marker.js";
import { noticeMarker, noticePosted } from "../state/notice-marker.js";
import { readVotes, type CommentTampering, type Notice, type VoteThread } from "../state/read-votes.js";
import { voidMarker } from "../state/vote-marker.js";
import { VOTE_LABELS } from "./decide-lost-vote.js";
import { restoreDecided } from "./decide-vote.js";

/** The votes of one issue or PR thread, and the gateway to its repository. */
export interface ThreadTarget {
  item: ItemRef;
  gateway: RepoGateway;
}

export interface ThreadState {
  thread: Thread;
  votes: VoteThread;
  /** The instant up to which this read saw the thread (see `seenUntil`). */
  seenUntil: Date;
}

/** Reads a thread and the votes in it; `tampering`, a webhook's news of someone else editing or deleting Gavel's comment, is read with them. */
export async function readThread(params: { target: ThreadTarget; deps: GavelDeps; tampering?: CommentTampering | null }): Promise<ThreadState> {
  const readStart = params.deps.now();
  const thread = await params.target.gateway.loadThread(params.target.item.number);
  const votes = readVotes({ key: params.deps.markerKey, scope: { threadId: thread.id }, comments: thread.appComments, tampering: params.tampering ?? null });
  return { thread, votes, seenUntil: seenUntil({ updatedAt: thread.updatedAt, readStart }) };
}

/**
 * Repairs what races and tampering left in a thread, before any vote is
 * tallied: later copies of a vote comment or decision record (two replicas)
 * are deleted, the requester of a deleted vote is told which vote stands,
 * every tampered open vote's comment is voided with an alert, a deleted open
 * vote's comment gets a notice with a void marker in its place, a decision
 * record or void notice someone deleted or edited is posted again, and an
 * older decided vote's comment someone changed is written again from its
 * record (the current vote's is decideVote's).
 * Decision records that fail verification are logged; they decide nothing.
 */
export async function repairThread(params: { target: ThreadTarget; deps: GavelDeps; state: ThreadState }): Promise<void> {
  const { gateway, item } = params.target;
  const { number } = item;
  const { thread, votes } = params.state;
  const { repairs } = votes;
  const key = params.deps.markerKey;
  const scope = { threadId: thread.id };
  for (const duplicate of repairs.duplicates) {
    await gateway.deleteComments({ number, commentIds: [duplicate.comment.id] });
    const standing = votes.votes.find((v) => v.record.seq === duplicate.record.seq);
    if (standing && standing.record.requestUrl !== duplicate.record.requestUrl) {
      await gateway.postComment({ number, body: voteReplies.raced({ login: duplicate.record.starter, url: standing.comment.url }) });
    }
  }
  await gateway.deleteComments({ number, commentIds: repairs.duplicateDecisions });
  for (const body of repairs.reposts) await gateway.postComment({ number, body });
  for (const { comment, reason, seq, act } of repairs.tampered) {
    const why = act ? voidCauses.edited(act) : voidCauses.marker(reason);
    const body = tamperedVoteAlert({ why, original: comment.body, marker: voidMarker({ key, scope, seq }) });
    await gateway.updateComment({ number, commentId: comment.id, current: comment.body, body });
  }
  for (const { seq, act, record } of repairs.tombstones) {
    await gateway.postComment({ number, body: deletedVoteNotice({ act, record, marker: voidMarker({ key, scope, seq }) }) });
  }
  for (const { vote, decision } of repairs.restores) {
    const rewrite = restoreDecided({ thread, vote, decision, now: params.deps.now(), key });
    if (rewrite) await gateway.updateComment({ number, ...rewrite });
  }
  for (const broken of repairs.brokenDecisions) {
    const message: string = `decision record ${broken.comment.id} on ${gateway.where(number)} is ignored: ${broken.reason}`;
    params.deps.log.warn(message);
  }
}

/** Posts each notice of `notices` that the thread doesn't hold yet (by its marker): what someone else did to Gavel's comments, once. */
export async function postNotices(params: { target: ThreadTarget; deps: GavelDeps; state: ThreadState; notices: Notice[] }): Promise<void> {
  const key = params.deps.markerKey;
  const scope = { threadId: params.state.thread.id };
  const comments = params.state.thread.appComments;
  const posted = new Set<string>();
  for (const notice of params.notices) {
    if (posted.has(notice.about) || noticePosted({ key, scope, comments, about: notice.about })) continue;
    posted.add(notice.about);
    const marker = noticeMarker({ key, scope, about: notice.about });
    await params.target.gateway.postComment({ number: params.target.item.number, body: tamperingNotice({ notice, marker }) });
  }
}

/**
 * Replies to the comment `to` when replyDue says so: once (a redelivered
 * command finds Gavel's earlier reply by its marker and posts nothing), and a
 * `refusal` at most once an hour per person on the thread.
 */
export async function replyOnce(params: {
  target: ThreadTarget;
  deps: GavelDeps;
  state: ThreadState;
  to: number;
  body: string;
  refusal: Refusal | null;
}): Promise<void> {
  const { gateway, item } = params.target;
  const scope = { threadId: params.state.thread.id };
  const key = params.deps.markerKey;
  if (!replyDue({ key, scope, comments: params.state.thread.appComments, to: params.to, refusal: params.refusal })) return;
  const marker = replyMarker({ key, scope, to: params.to, refused: params.refusal?.login ?? null });
  await gateway.postComment({ number: item.number, body: `${params.body}\n\n${marker}` });
}

/** Exactly one vote label, the latest vote's; removals first so the sweep never sees a closed vote as open. */
export async function syncVoteLabels(params: { target: ThreadTarget; status: VoteStatus; current: string[] }): Promise<void> {
  const { gateway, item } = params.target;
  for (const [status, label] of Object.entries(VOTE_LABELS)) {
    if (status !== params.status) await gateway.syncLabel({ number: item.number, label, present: false, current: params.current });
  }
  await gateway.syncLabel({ number: item.number, label: VOTE_LABELS[params.status], present: true, current: params.current });
}
