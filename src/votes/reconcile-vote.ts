import type { GavelDeps } from "../items/gavel-deps.js";
import { itemKey } from "../items/item-ref.js";
import type { Login } from "../policy/types.js";
import type { CommentTampering } from "../state/read-votes.js";
import { labelsDisagree } from "./decide-lost-vote.js";
import { decideVote } from "./decide-vote.js";
import { recoverLostVote } from "./recover-lost-vote.js";
import { postNotices, readThread, repairThread, syncVoteLabels, type ThreadState, type ThreadTarget } from "./vote-thread.js";

/**
 * Brings a thread's latest vote up to date at `now` (timers, the sweep, an
 * edited or deleted comment), under the thread's lock. Safe to repeat.
 * `tampering`: a webhook said someone other than Gavel edited or deleted one
 * of Gavel's comments.
 */
export async function reconcileVote(params: { target: ThreadTarget; deps: GavelDeps; tampering?: CommentTampering }): Promise<void> {
  const { target, deps } = params;
  await deps.locks.exclusive({
    key: itemKey(target.item),
    task: async () => {
      await reconcileThread(params);
      deps.schedule.sawOwnWrites({ item: target.item, at: target.gateway.lastWrite(target.item.number) });
    },
  });
}

/**
 * The same, for a caller that already holds the thread's lock (a command):
 * 1. read the thread, unless the caller just did;
 * 2. repair what races and tampering left (repairThread), then, when the
 *    labels disagree with the votes, what GitHub's label history shows was
 *    lost (recoverLostVote), reading the thread again if that wrote;
 * 3. decide the vote's outcome, without GitHub (decideVote), with `cancel`
 *    applied to an open vote; one that would close is first checked against
 *    the label history too;
 * 4. post the decision record FIRST (the final word), then rewrite the vote comment, then the label;
 * 5. arm the next wake-up, or forget the item once decided;
 * 6. report what someone else did to Gavel's comments, once each.
 */
export async function reconcileThread(params: {
  target: ThreadTarget;
  deps: GavelDeps;
  state?: ThreadState;
  cancel?: { by: Login };
  tampering?: CommentTampering;
}): Promise<void> {
  const { target, deps } = params;
  const { gateway, item } = target;
  let state = params.state ?? (await readThread({ target, deps, tampering: params.tampering ?? null }));
  const notices = [...state.votes.repairs.notices];
  await repairThread({ target, deps, state });
  const recover = async (): Promise<void> => {
    if (!(await recoverLostVote({ target, deps, state }))) return;
    state = await readThread({ target, deps });
    notices.push(...state.votes.repairs.notices);
  };
  const decide = () => decideVote({ thread: state.thread, current: state.votes.current, cancel: params.cancel ?? null, now: deps.now(), key: deps.markerKey });
  const disagree = labelsDisagree({ current: state.votes.current, labels: state.thread.labels });
  if (disagree) await recover();
  let outcome = decide();
  // Closing is when a vote reopened behind Gavel's back would flip, even with its labels put back to match: the label
  // history is read then too (once per vote), so a vote Gavel had closed before is voided, never decided again.
  if (!disagree && outcome.postRecord && state.votes.current.kind === "open") {
    await recover();
    outcome = decide();
  }
  if (outcome.postRecord) await gateway.postComment({ number: item.number, body: outcome.postRecord });
  if (outcome.rewrite) await gateway.updateComment({ number: item.number, ...outcome.rewrite });
  // An open vote's timer first: if labelling fails, the deadline still comes, and the next event repairs the label.
  if (outcome.wakeAt) deps.schedule.record({ item, seenUntil: state.seenUntil, nextWakeAt: outcome.wakeAt });
  else deps.schedule.forget({ item, seenUntil: state.seenUntil });
  if (outcome.label) await syncVoteLabels({ target, status: outcome.label, current: state.thread.labels });
  await postNotices({ target, deps, state, notices });
}
