import type { Rule } from "../config/types.js";
import { normalizeLogin } from "./same-login.js";
import type { ChangesSince, Login, ReviewFact, VoterVote } from "./types.js";

/**
 * Each eligible voter's vote on a PR under one rule (docs/architecture.md, "Votes on a PR"):
 * - the latest APPROVED review is a yes, the latest CHANGES_REQUESTED a no;
 *   COMMENTED and PENDING reviews change nothing; a DISMISSED review is gone
 *   and takes the vote with it;
 * - a yes given at or before `staleUntil` is stale: the PR's base changed
 *   what its governed diff is since (under any `on_change`);
 * - under `reset-approvals` and `restart`, a yes counts only if no governed
 *   file (`isGoverned`, see governedChange) changed after the commit it was
 *   given on; when that can't be told, it is stale (fail closed). Objections
 *   never go stale;
 * - the author, if a voter and `author_counts`, is a yes;
 * - reviews by anyone outside the electorate, bots included, are ignored.
 */
export function countVotes(params: {
  rule: Rule;
  isGoverned: (path: string) => boolean;
  voters: Login[];
  author: Login;
  headSha: string;
  reviews: ReviewFact[];
  changesSince: ChangesSince;
  /** Approvals submitted at or before this instant are stale: the PR's base changed since (see approvalsStaleUntil). */
  staleUntil?: string | null;
}): VoterVote[] {
  const latest = latestDecisiveReviews(params.reviews);
  return params.voters.map((login) => {
    const key = normalizeLogin(login);
    if (params.rule.authorCounts && key === normalizeLogin(params.author)) {
      return { login, state: "yes", detail: "author of the PR", url: null };
    }
    const review = latest.get(key);
    if (!review || review.state === "DISMISSED") {
      const detail = review ? "review dismissed" : "has not reviewed";
      return { login, state: "none", detail, url: review?.url ?? null };
    }
    const commit = review.commitId?.slice(0, 7) ?? "a commit GitHub no longer has";
    if (review.state === "CHANGES_REQUESTED") {
      return { login, state: "no", detail: `requested changes on ${commit}`, url: review.url };
    }
    const baseMoved =
      params.staleUntil && Date.parse(review.submittedAt) <= Date.parse(params.staleUntil) ? "approved before the pull request's base changed" : null;
    const stale =
      baseMoved ?? approvalIsStale({ rule: params.rule, isGoverned: params.isGoverned, review, headSha: params.headSha, changesSince: params.changesSince });
    if (stale) {
      return { login, state: "stale", detail: `approved ${commit}; ${stale}`, url: review.url };
    }
    return { login, state: "yes", detail: `approved ${commit}`, url: review.url };
  });
}

/** The latest review per author that carries or removes a vote, in submission order. */
function latestDecisiveReviews(reviews: ReviewFact[]): Map<string, ReviewFact> {
  const ordered = [...reviews].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id - b.id);
  const latest = new Map<string, ReviewFact>();
  for (const review of ordered) {
    if (review.authorIsBot) continue;
    if (review.state === "COMMENTED" || review.state === "PENDING") continue;
    latest.set(normalizeLogin(review.author), review);
  }
  return latest;
}

/** Why an approval no longer counts, or null when it still does. */
function approvalIsStale(params: {
  rule: Rule;
  isGoverned: (path: string) => boolean;
  review: ReviewFact;
  headSha: string;
  changesSince: ChangesSince;
}): string | null {
  if (params.review.commitId === null) return params.rule.onChange === "keep" ? null : "its commit can't be compared with the head";
  return governedChangeSince({ ...params, commit: params.review.commitId });
}

/**
 * Why something given on `commit` (an approval, a vote on the PR) no longer
 * counts under the rule's `on_change`: the first governed path changed since
 * (`isGoverned`, see governedChange), or that the changes since could not be
 * read completely; null when it still counts (`keep`, the head itself, or no
 * governed change).
 */
export function governedChangeSince(params: {
  rule: Rule;
  isGoverned: (path: string) => boolean;
  commit: string;
  headSha: string;
  changesSince: ChangesSince;
}): string | null {
  if (params.rule.onChange === "keep" || params.commit === params.headSha) return null;
  const changed = params.changesSince[params.commit];
  if (!changed) return "changes since could not be read completely";
  const governed = changed.find(params.isGoverned);
  return governed ? `${governed} changed since` : null;
}
