import type { PullVote } from "../policy/vote-types.js";
import type { AppComment } from "./announcement-marker.js";
import { readVotes } from "./read-votes.js";
import { markerKind, type MarkerKey, type MarkerScope } from "./signed-marker.js";
import { VOTE_STATE_KINDS } from "./vote-marker.js";

/**
 * Whether any of Gavel's comments ends with a vote's state (a vote comment,
 * a decision record, a void notice), read without verifying anything: a PR
 * whose comments hold none has no vote, and its evaluation needs nothing
 * more to tell so (no read of the thread's id, see readPullVote).
 */
export function mayHoldVotes(comments: readonly AppComment[]): boolean {
  return comments.some((c) => VOTE_STATE_KINDS.includes(markerKind(c.body)?.kind ?? ""));
}

/**
 * The latest vote on a PR's thread, from Gavel's own comments there, read as
 * the votes themselves are (readVotes): its markers are bound to the thread's
 * ISSUE id (`scope`), which is not the PR's id. Null when no vote was ever
 * opened there. A decided vote's outcome is its decision record's, and its
 * state the record its comment keeps; a vote voided (tampered with) is
 * `void`, which fails like a failed vote.
 */
export function readPullVote(params: { key: MarkerKey; scope: MarkerScope; comments: AppComment[] }): PullVote | null {
  const { current } = readVotes(params);
  switch (current.kind) {
    case "none":
      return null;
    case "void":
      return { status: "void", record: null, url: null, recordUrl: null };
    case "open":
      return { status: "open", record: current.vote.record, url: current.vote.comment.url, recordUrl: null };
    case "decided": {
      const { vote, decision } = current;
      const status = decision?.outcome ?? vote?.record.status ?? "failed";
      const record = vote && decision ? { ...vote.record, status, closedAt: decision.closedAt, cancelledBy: decision.cancelledBy } : (vote?.record ?? null);
      return { status, record, url: vote && !vote.gone ? vote.comment.url : null, recordUrl: decision?.comment.url ?? null };
    }
  }
}
