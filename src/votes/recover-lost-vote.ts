import type { GavelDeps } from "../items/gavel-deps.js";
import { tamperedVoteAlert } from "../messages/vote-replies.js";
import { lostVoteNotice, voidCauses } from "../messages/vote-tampering.js";
import { voidMarker } from "../state/vote-marker.js";
import { decideLostVote, VOTE_LABELS } from "./decide-lost-vote.js";
import type { ThreadState, ThreadTarget } from "./vote-thread.js";

/**
 * The second line against lost webhooks (the first: the `issue_comment`
 * webhook of an edit or deletion by someone else, see readVotes'
 * `tampering`): GitHub's label history (decideLostVote). When it shows Gavel
 * labelled a vote that is gone, or closed the vote that reads as open again,
 * that vote is voided: a notice with a void marker takes the place of a
 * deleted one, an alert that of a reopened one's comment. Never an older
 * vote's outcome, never a reopened vote. The caller reads it only when the
 * labels disagree with the votes, or before closing a vote (see
 * reconcileThread). True when it wrote something: the thread must be read
 * again.
 */
export async function recoverLostVote(params: { target: ThreadTarget; deps: GavelDeps; state: ThreadState }): Promise<boolean> {
  const { target, deps, state } = params;
  const { current } = state.votes;
  const { gateway, item } = target;
  const lost = decideLostVote({ current, history: await gateway.loadLabelEvents(item.number) });
  if (lost.kind === "none") return false;
  const key = deps.markerKey;
  const scope = { threadId: state.thread.id };
  const label = VOTE_LABELS[lost.label];
  if (lost.kind === "deleted") {
    const marker = voidMarker({ key, scope, seq: state.votes.nextSeq });
    await gateway.postComment({ number: item.number, body: lostVoteNotice({ label, at: lost.at, marker }) });
    return true;
  }
  if (current.kind !== "open") return false;
  const { comment, record } = current.vote;
  const why = voidCauses.reopened({ label, at: lost.at });
  await gateway.updateComment({
    number: item.number,
    commentId: comment.id,
    current: comment.body,
    body: tamperedVoteAlert({ why, original: comment.body, marker: voidMarker({ key, scope, seq: record.seq }) }),
  });
  return true;
}
