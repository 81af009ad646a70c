import type { GavelDeps } from "../items/gavel-deps.js";
import { itemKey } from "../items/item-ref.js";
import type { Login } from "../policy/types.js";
import { decideVote } from "./decide-vote.js";
import { readThread, repairThread, syncVoteLabels, type ThreadState, type ThreadTarget } from "./vote-thread.js";

/**
 * Brings a thread's latest vote up to date at `now` (timers, the sweep, an
 * edited or deleted comment), under the thread's lock. Safe to repeat.
 */
export async function reconcileVote(params: { target: ThreadTarget; deps: GavelDeps }): Promise<void> {
  await params.deps.locks.exclusive({ key: itemKey(params.target.item), task: () => reconcileThread(params) });
}

/**
 * The same, for a caller that already holds the thread's lock (a command):
 * 1. read the thread, unless the caller just did;
 * 2. repair what races and tampering left (repairThread);
 * 3. decide the vote's outcome, without GitHub (decideVote), with `cancel` applied to an open vote;
 * 4. post the decision record FIRST (the final word), then rewrite the vote comment, then the label;
 * 5. arm the next wake-up, or forget the item once decided.
 */
export async function reconcileThread(params: { target: ThreadTarget; deps: GavelDeps; state?: ThreadState; cancel?: { by: Login } }): Promise<void> {
  const { target, deps } = params;
  const { gateway, item } = target;
  const state = params.state ?? (await readThread({ target, deps }));
  await repairThread({ target, deps, state });
  const outcome = decideVote({ thread: state.thread, current: state.votes.current, cancel: params.cancel ?? null, now: deps.now(), key: deps.markerKey });
  if (outcome.postRecord) await gateway.postComment({ number: item.number, body: outcome.postRecord });
  if (outcome.rewrite) await gateway.updateComment(outcome.rewrite);
  // An open vote's timer first: if labelling fails, the deadline still comes, and the next event repairs the label.
  if (outcome.wakeAt) deps.schedule.record({ item, seenUntil: state.seenUntil, nextWakeAt: outcome.wakeAt });
  else deps.schedule.forget({ item, seenUntil: state.seenUntil });
  if (outcome.label) await syncVoteLabels({ target, status: outcome.label, current: state.thread.labels });
}
