import { LABELS } from "../constants.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { deleteComment } from "../github/delete-comment.js";
import { loadThread, type Thread } from "../github/load-thread.js";
import { postComment } from "../github/post-comment.js";
import { syncLabel } from "../github/sync-label.js";
import { updateComment } from "../github/update-comment.js";
import { tamperedVoteAlert, voteReplies } from "../messages/vote-replies.js";
import type { VoteStatus } from "../policy/vote-types.js";
import { readMarker, writeMarker } from "../state/signed-marker.js";
import { readVotes, voidMarker, type VoteThread } from "../state/vote-marker.js";
import { seenUntil } from "../schedule/wake-scheduler.js";
import type { GavelDeps } from "./deps.js";

export interface ThreadTarget {
  github: GitHub;
  installationId: number;
  repo: RepoRef;
  number: number;
}

export interface ThreadState {
  thread: Thread;
  votes: VoteThread;
  /** The instant up to which this read saw the thread (see `seenUntil`). */
  seenUntil: Date;
}

/** Reads a thread and the votes in it. */
export async function readThread(params: { target: ThreadTarget; deps: GavelDeps }): Promise<ThreadState> {
  const { github, repo, number } = params.target;
  const readStart = params.deps.now();
  const thread = await loadThread({ github, repo, number, appId: params.deps.appId });
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
  const { github, repo, number } = params.target;
  const { thread, votes } = params.state;
  for (const duplicate of votes.duplicates) {
    await deleteComment({ github, repo, commentId: duplicate.comment.id });
    const standing = votes.votes.find((v) => v.record.seq === duplicate.record.seq);
    if (standing && standing.record.requestUrl !== duplicate.record.requestUrl) {
      await postComment({ github, repo, number, body: voteReplies.raced({ login: duplicate.record.starter, url: standing.comment.url }) });
    }
  }
  await Promise.all(votes.duplicateDecisions.map((commentId) => deleteComment({ github, repo, commentId })));
  for (const { comment, reason, seq } of votes.tampered) {
    const marker = voidMarker({ key: params.deps.markerKey, scope: { threadId: thread.id }, seq });
    await updateComment({ github, repo, commentId: comment.id, current: comment.body, body: tamperedVoteAlert({ reason, original: comment.body, marker }) });
  }
  for (const broken of votes.brokenDecisions) {
    const message: string = `decision record ${broken.comment.id} on ${repo.owner}/${repo.repo}#${number} is ignored: ${broken.reason}`;
    params.deps.log.warn(message);
  }
}

const REPLY = "reply";

/**
 * Replies to the comment `to` once: a redelivered command finds Gavel's
 * earlier reply by its marker and posts nothing.
 */
export async function replyOnce(params: { target: ThreadTarget; deps: GavelDeps; state: ThreadState; to: number; body: string }): Promise<void> {
  const { github, repo, number } = params.target;
  const scope = { threadId: params.state.thread.id };
  const replied = params.state.thread.appComments.some((c) => {
    const reading = readMarker({ key: params.deps.markerKey, kind: REPLY, scope, body: c.body });
    return reading.found && reading.valid && reading.data.to === params.to;
  });
  if (replied) return;
  const marker = writeMarker({ key: params.deps.markerKey, kind: REPLY, scope, data: { to: params.to } });
  await postComment({ github, repo, number, body: `${params.body}\n\n${marker}` });
}

const STATUS_LABELS: Record<VoteStatus, string> = {
  open: LABELS.voteOpen,
  passed: LABELS.votePassed,
  failed: LABELS.voteFailed,
  cancelled: LABELS.voteCancelled,
};

/** Exactly one vote label, the latest vote's; removals first so the sweep never sees a closed vote as open. */
export async function syncVoteLabels(params: { target: ThreadTarget; status: VoteStatus; current: string[] }): Promise<void> {
  const { github, repo, number } = params.target;
  for (const [status, label] of Object.entries(STATUS_LABELS)) {
    if (status !== params.status) await syncLabel({ github, repo, number, label, present: false, current: params.current });
  }
  await syncLabel({ github, repo, number, label: STATUS_LABELS[params.status], present: true, current: params.current });
}

/** One lock per thread: vote commands and reconciliations of a thread run in order. */
export function threadKey(target: ThreadTarget): string {
  return `thread:${target.installationId}:${target.repo.owner}/${target.repo.repo}#${target.number}`.toLowerCase();
}
