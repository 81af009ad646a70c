import { LABELS } from "../constants.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { deleteComment } from "../github/delete-comment.js";
import { loadThread, type Thread } from "../github/load-thread.js";
import { postComment } from "../github/post-comment.js";
import { syncLabel } from "../github/sync-label.js";
import { updateComment } from "../github/update-comment.js";
import { decisionRecord } from "../messages/decision-record.js";
import { tamperedVoteAlert } from "../messages/vote-replies.js";
import { voteComment } from "../messages/vote-comment.js";
import { advanceVote } from "../policy/advance-vote.js";
import { tallyVote } from "../policy/tally-vote.js";
import type { VoteRecord, VoteStatus } from "../policy/vote-types.js";
import type { WakeItem } from "../schedule/wake-scheduler.js";
import type { AppComment } from "../state/announcement-marker.js";
import { decisionMarker, readVotes, voidMarker, voteMarker, type VoteThread } from "../state/vote-marker.js";
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
}

/** Reads a thread and the votes in it. */
export async function readThread(params: { target: ThreadTarget; deps: GavelDeps }): Promise<ThreadState> {
  const { github, repo, number } = params.target;
  const thread = await loadThread({ github, repo, number, appId: params.deps.appId });
  const votes = readVotes({ key: params.deps.markerKey, scope: { threadId: thread.id }, comments: thread.appComments });
  return { thread, votes };
}

/**
 * Brings a thread's latest vote up to date at `now`: tally, close it if the
 * outcome is settled, write the vote comment, the decision record and the
 * labels where they differ, and arm the next wake-up. Tampered vote state
 * fails closed: the vote is voided, with an alert. Safe to repeat.
 */
export async function reconcileVote(params: { target: ThreadTarget; deps: GavelDeps; state?: ThreadState; record?: VoteRecord }): Promise<void> {
  const { target, deps } = params;
  const { github, repo, number } = target;
  const { thread, votes } = params.state ?? (await readThread({ target, deps }));
  const item: WakeItem = { installationId: target.installationId, owner: repo.owner, repo: repo.repo, number, kind: "vote" };
  await Promise.all(votes.duplicates.map((commentId) => deleteComment({ github, repo, commentId })));
  for (const [i, { comment, reason }] of votes.tampered.entries()) {
    const seq = votes.votes.length + votes.voided.length + i;
    const marker = voidMarker({ key: deps.markerKey, scope: { threadId: thread.id }, seq });
    await updateComment({ github, repo, commentId: comment.id, current: comment.body, body: tamperedVoteAlert({ reason, original: comment.body, marker }) });
  }
  const latest = votes.votes.at(-1);
  const voidedLast = (votes.voided.at(-1) ?? -1) > (latest?.record.seq ?? -1);
  if (votes.tampered.length > 0 || voidedLast || !latest) {
    if (votes.tampered.length > 0 || voidedLast) await syncVoteLabels({ target, status: "failed", current: thread.labels });
    deps.schedule.forget(item);
    return;
  }
  const now = deps.now();
  const before = latest.record;
  const tally = tallyVote({ vote: params.record ?? before, ballots: thread.ballots, now, voteCommentId: latest.comment.id });
  const record = advanceVote({ record: params.record ?? before, tally, now });
  const marker = voteMarker({ key: deps.markerKey, scope: { threadId: thread.id }, record });
  await updateComment({ github, repo, commentId: latest.comment.id, current: latest.comment.body, body: voteComment({ question: thread.title, record, tally, marker }) });
  if (record.status !== "open" && !votes.decided.has(record.seq)) {
    const decided = decisionMarker({ key: deps.markerKey, scope: { threadId: thread.id }, seq: record.seq });
    await postComment({ github, repo, number, body: decisionRecord({ question: thread.title, record, tally, voteUrl: latest.comment.url, marker: decided }) });
  }
  await syncVoteLabels({ target, status: record.status, current: thread.labels });
  if (record.status === "open") deps.schedule.record({ item, nextWakeAt: tally.nextWakeAt });
  else deps.schedule.forget(item);
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


export type { AppComment };
