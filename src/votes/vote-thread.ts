import { LABELS } from "../constants.js";
import type { Thread } from "../github/load-thread.js";
import type { RepoGateway } from "../github/repo-gateway.js";
import type { GavelDeps } from "../items/gavel-deps.js";
import type { ItemRef } from "../items/item-ref.js";
import { tamperedVoteAlert, voteReplies } from "../messages/vote-replies.js";
import type { VoteStatus } from "../policy/vote-types.js";
import { seenUntil } from "../schedule/wake-scheduler.js";
import { replyDue, replyMarker, type Refusal } from "../state/reply-marker.js";
import { readVotes, voidMarker, type VoteThread } from "../state/vote-marker.js";

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

/** Reads a thread and the votes in it. */
export async function readThread(params: { target: ThreadTarget; deps: GavelDeps }): Promise<ThreadState> {
  const readStart = params.deps.now();
  const thread = await params.target.gateway.loadThread(params.target.item.number);
  const votes = readVotes({ key: params.deps.markerKey, scope: { threadId: thread.id }, comments: thread.appComments });
  return { thread, votes, seenUntil: seenUntil({ updatedAt: thread.updatedAt, readStart }) };
}

/**
 * Repairs what races and tampering left in a thread, before any vote is
 * tallied: later copies of a vote comment or decision record (two replicas)
 * are deleted, the requester of a deleted vote is told which vote stands, and
 * every tampered vote comment is voided with an alert. Decision records that
 * fail verification are logged; they decide nothing.
 */
export async function repairThread(params: { target: ThreadTarget; deps: GavelDeps; state: ThreadState }): Promise<void> {
  const { gateway, item } = params.target;
  const { number } = item;
  const { thread, votes } = params.state;
  const { repairs } = votes;
  for (const duplicate of repairs.duplicates) {
    await gateway.deleteComments({ number, commentIds: [duplicate.comment.id] });
    const standing = votes.votes.find((v) => v.record.seq === duplicate.record.seq);
    if (standing && standing.record.requestUrl !== duplicate.record.requestUrl) {
      await gateway.postComment({ number, body: voteReplies.raced({ login: duplicate.record.starter, url: standing.comment.url }) });
    }
  }
  await gateway.deleteComments({ number, commentIds: repairs.duplicateDecisions });
  for (const { comment, reason, seq } of repairs.tampered) {
    const marker = voidMarker({ key: params.deps.markerKey, scope: { threadId: thread.id }, seq });
    await gateway.updateComment({ commentId: comment.id, current: comment.body, body: tamperedVoteAlert({ reason, original: comment.body, marker }) });
  }
  for (const broken of repairs.brokenDecisions) {
    const message: string = `decision record ${broken.comment.id} on ${gateway.where(number)} is ignored: ${broken.reason}`;
    params.deps.log.warn(message);
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

const STATUS_LABELS: Record<VoteStatus, string> = {
  open: LABELS.voteOpen,
  passed: LABELS.votePassed,
  failed: LABELS.voteFailed,
  cancelled: LABELS.voteCancelled,
};

/** Exactly one vote label, the latest vote's; removals first so the sweep never sees a closed vote as open. */
export async function syncVoteLabels(params: { target: ThreadTarget; status: VoteStatus; current: string[] }): Promise<void> {
  const { gateway, item } = params.target;
  for (const [status, label] of Object.entries(STATUS_LABELS)) {
    if (status !== params.status) await gateway.syncLabel({ number: item.number, label, present: false, current: params.current });
  }
  await gateway.syncLabel({ number: item.number, label: STATUS_LABELS[params.status], present: true, current: params.current });
}
