import { postComment } from "../github/post-comment.js";
import { updateComment } from "../github/update-comment.js";
import { decisionRecord } from "../messages/decision-record.js";
import { voteComment } from "../messages/vote-comment.js";
import { advanceVote } from "../policy/advance-vote.js";
import { tallyVote } from "../policy/tally-vote.js";
import type { VoteRecord } from "../policy/vote-types.js";
import type { WakeItem } from "../schedule/wake-scheduler.js";
import { decisionMarker, voteMarker } from "../state/vote-marker.js";
import type { GavelDeps } from "./deps.js";
import { readThread, repairThread, syncVoteLabels, type ThreadState, type ThreadTarget } from "./vote-thread.js";

/**
 * Brings a thread's latest vote up to date at `now`. Safe to repeat:
 * - races and tampering are repaired first (repairThread); a thread whose
 *   latest vote is tampered or void is labelled failed;
 * - a vote with a decision record is closed with that outcome, for good: its
 *   comment is only repaired, never re-tallied;
 * - an open vote is tallied; once settled, the decision record is posted
 *   FIRST (it is the final word), then the vote comment and labels follow;
 * - `change` (a cancel) is applied to the open vote's record.
 */
export async function reconcileVote(params: { target: ThreadTarget; deps: GavelDeps; state?: ThreadState; change?: (record: VoteRecord) => VoteRecord }): Promise<void> {
  const { target, deps } = params;
  const { github, repo, number } = target;
  const state = params.state ?? (await readThread({ target, deps }));
  const seen = state.seenUntil;
  const { thread, votes } = state;
  const item: WakeItem = { installationId: target.installationId, owner: repo.owner, repo: repo.repo, number, kind: "vote" };
  await repairThread({ target, deps, state });
  const latest = votes.votes.at(-1);
  if (!latest || latest.record.seq !== votes.nextSeq - 1) {
    if (votes.nextSeq > 0) await syncVoteLabels({ target, status: "failed", current: thread.labels });
    deps.schedule.forget({ item, seenUntil: seen });
    return;
  }
  const scope = { threadId: thread.id };
  const render = (record: VoteRecord, at: Date, writtenAt: string) =>
    voteComment({ question: thread.title, record, tally: tallyVote({ vote: record, ballots: thread.ballots, now: at, voteCommentId: latest.comment.id }), marker: voteMarker({ key: deps.markerKey, scope, record, writtenAt }) });
  const write = async (record: VoteRecord, at: Date) => {
    const current = latest.comment.body;
    if (render(record, at, latest.writtenAt) === current) return;
    await updateComment({ github, repo, commentId: latest.comment.id, current, body: render(record, at, deps.now().toISOString()) });
  };

  const decision = votes.decisions.get(latest.record.seq);
  if (decision) {
    const closed: VoteRecord = { ...latest.record, status: decision.outcome, closedAt: decision.closedAt, cancelledBy: decision.cancelledBy };
    if (latest.record.status !== decision.outcome || latest.record.closedAt !== decision.closedAt) await write(closed, new Date(decision.closedAt));
    await syncVoteLabels({ target, status: decision.outcome, current: thread.labels });
    deps.schedule.forget({ item, seenUntil: seen });
    return;
  }

  const now = deps.now();
  const base = latest.record.status === "open" && params.change ? params.change(latest.record) : latest.record;
  const tally = tallyVote({ vote: base, ballots: thread.ballots, now, voteCommentId: latest.comment.id });
  const record = advanceVote({ record: base, tally, now });
  if (record.status === "open") {
    await write(record, now);
    await syncVoteLabels({ target, status: "open", current: thread.labels });
    deps.schedule.record({ item, seenUntil: seen, nextWakeAt: tally.nextWakeAt });
    return;
  }
  const closedAt = new Date(record.closedAt ?? now.toISOString());
  const final = tallyVote({ vote: record, ballots: thread.ballots, now: closedAt, voteCommentId: latest.comment.id });
  const marker = decisionMarker({ key: deps.markerKey, scope, seq: record.seq, outcome: record.status, closedAt: closedAt.toISOString(), cancelledBy: record.cancelledBy });
  await postComment({ github, repo, number, body: decisionRecord({ question: thread.title, record, tally: final, voteUrl: latest.comment.url, marker }) });
  await write(record, closedAt);
  await syncVoteLabels({ target, status: record.status, current: thread.labels });
  deps.schedule.forget({ item, seenUntil: seen });
}
