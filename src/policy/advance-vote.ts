import type { Login } from "./types.js";
import type { Tally, VoteRecord } from "./vote-types.js";

/**
 * The vote's record after this tally: closed as passed or failed once the
 * tally has an outcome, unchanged otherwise. A closed vote never changes:
 * nothing reopens it or flips its outcome. Pure.
 */
export function advanceVote(params: { record: VoteRecord; tally: Tally; now: Date }): VoteRecord {
  const { record, tally } = params;
  if (record.status !== "open" || tally.outcome === "pending") return record;
  return { ...record, status: tally.outcome, closedAt: params.now.toISOString() };
}

/** Cancelling records who cancelled and when; it never passes anything. */
export function cancelVote(params: { record: VoteRecord; by: Login; now: Date }): VoteRecord {
  if (params.record.status !== "open") return params.record;
  return { ...params.record, status: "cancelled", closedAt: params.now.toISOString(), cancelledBy: params.by };
}
