import { LABELS } from "../constants.js";
import type { LabelEvent, VoteStatus } from "../policy/vote-types.js";
import type { CurrentVote } from "../state/read-votes.js";

const STATUSES: readonly VoteStatus[] = ["open", "passed", "failed", "cancelled"];

/** The label of each vote state; a thread carries its latest vote's. */
export const VOTE_LABELS: Record<VoteStatus, string> = {
  open: LABELS.voteOpen,
  passed: LABELS.votePassed,
  failed: LABELS.voteFailed,
  cancelled: LABELS.voteCancelled,
};

/** The vote label `current` calls for; null when the thread has no vote. */
export function labelOf(current: CurrentVote): VoteStatus | null {
  switch (current.kind) {
    case "none":
      return null;
    case "void":
      return "failed";
    case "open":
      return "open";
    case "decided":
      return current.decision?.outcome ?? current.vote?.record.status ?? "failed";
  }
}

/**
 * Whether the thread's vote labels differ from what its current vote calls
 * for. Then a webhook may have been lost (see decideLostVote), and GitHub's
 * label history is worth a read; otherwise it never is, so events that find
 * the labels right cost nothing more. A void vote is failed whatever else
 * happened, so it never needs one.
 */
export function labelsDisagree(params: { current: CurrentVote; labels: string[] }): boolean {
  if (params.current.kind === "void") return false;
  const expected = labelOf(params.current);
  const carried = STATUSES.filter((status) => params.labels.some((l) => l.toLowerCase() === VOTE_LABELS[status].toLowerCase()));
  return carried.length !== (expected ? 1 : 0) || (carried[0] !== undefined && carried[0] !== expected);
}

/** What decideLostVote found: the label Gavel added that tells it, and when. */
export type LostVote = { kind: "none" } | { kind: "deleted" | "reopened"; label: VoteStatus; at: string };

/**
 * What GitHub's label history says happened to a thread whose labels
 * disagree with its current vote:
 * - deleted: Gavel labelled a vote newer than the current one (or any vote,
 *   where none is left): that vote's comment was deleted, and its webhook
 *   lost. It is void: failed, never an older vote's outcome.
 * - reopened: the current vote reads as open, but after it opened Gavel
 *   labelled it open and then closed: its comment was restored to an earlier
 *   text and its decision record deleted, and the webhooks lost. It is void.
 * - none: nothing Gavel did explains the difference (a label write that
 *   failed, or a person changing labels): the labels are set right.
 * Only labels Gavel's app added count: anyone may add or remove labels, but
 * not in Gavel's name, and nobody can edit the history. Pure.
 */

export function decideLostVote(params: { current: CurrentVote; history: LabelEvent[] }): LostVote {
  const { current } = params;
  const statuses = new Map(STATUSES.map((status) => [VOTE_LABELS[status].toLowerCase(), status]));
  const byGavel = params.history
    .flatMap((e) => {
      const status = statuses.get(e.label.toLowerCase());
      return e.byGavel && e.added && status ? [{ status, at: e.at }] : [];
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const since = (iso: string, strictly: boolean) =>
    byGavel.filter((e) => (strictly ? Date.parse(e.at) > Date.parse(iso) : Date.parse(e.at) >= Date.parse(iso)));
  const found = (kind: "deleted" | "reopened", e: { status: VoteStatus; at: string } | undefined): LostVote =>
    e ? { kind, label: e.status, at: e.at } : { kind: "none" };
  switch (current.kind) {
    case "none":
      return found("deleted", byGavel.at(-1));
    case "void":
      return { kind: "none" };
    case "open": {
      const after = since(current.vote.comment.createdAt, false);
      const opened = after.findIndex((e) => e.status === "open");
      return found("reopened", opened < 0 ? undefined : after.slice(opened + 1).find((e) => e.status !== "open"));
    }
    case "decided": {
      const closed = current.decision?.comment.createdAt ?? current.vote?.record.closedAt;
      const outcome = labelOf(current);
      return closed
        ? found(
            "deleted",
            since(closed, true).find((e) => e.status !== outcome),
          )
        : { kind: "none" };
    }
  }
}
