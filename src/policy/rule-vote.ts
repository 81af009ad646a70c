import type { Rule } from "../config/types.js";
import { governedChangeSince } from "./count-votes.js";
import { normalizeLogin } from "./same-login.js";
import type { ChangesSince, Login, RuleVote, ThresholdMath } from "./types.js";
import type { PullVote } from "./vote-types.js";

/**
 * What the latest vote demanded on a PR does to one rule (issue 16: "a
 * demanded vote decides the PR"), pure:
 * - open: the rule waits for it;
 * - failed, cancelled, or void (tampered): the rule is blocked, whatever
 *   the reviews say, and whatever was pushed since: a rejection, like an
 *   objection, never goes stale; a new vote that passes takes its place;
 * - passed: it satisfies the rule when its electorate, fixed when it opened,
 *   is the rule's electorate now (compared case-insensitively) and it
 *   counted at least the rule's required yes over it; the same approval
 *   under lazy consensus (required 0) overrules an objection. Where the
 *   author can't approve their own PR (`author_counts: false`), their yes
 *   ballot doesn't count for the rule either. It is stale
 *   as an approval given on the PR's head when it opened would be under the
 *   rule's `on_change` (a later governed push), or when the PR's base changed
 *   what its governed diff is after it opened (`staleUntil`); a vote without
 *   a recorded head is stale (fail closed). Then, or when it falls short,
 *   the reviews decide the rule as if there were no vote.
 */
export function ruleVote(params: {
  vote: PullVote | null;
  rule: Rule;
  isGoverned: (path: string) => boolean;
  voters: Login[];
  /** The PR's author. */
  author: Login;
  threshold: ThresholdMath;
  headSha: string;
  changesSince: ChangesSince;
  staleUntil: string | null;
}): RuleVote | null {
  const { vote, threshold } = params;
  if (!vote) return null;
  if (vote.status === "open") return { effect: "open" };
  if (vote.status !== "passed") return { effect: "rejected" };
  const { record } = vote;
  if (!record) return { effect: "falls-short", why: "unreadable", yes: 0, authorLeftOut: false };
  const ayes = record.counted.filter((b) => b.choice === "yes");
  const isAuthor = (login: Login) => normalizeLogin(login) === normalizeLogin(params.author);
  const authorLeftOut = !params.rule.authorCounts && ayes.some((b) => isAuthor(b.voter));
  const yes = authorLeftOut ? ayes.filter((b) => !isAuthor(b.voter)).length : ayes.length;
  if (!sameElectorate({ a: record.electorate, b: params.voters })) return { effect: "falls-short", why: "electorate", yes, authorLeftOut };
  if (!threshold.possible || yes < threshold.required) return { effect: "falls-short", why: "threshold", yes, authorLeftOut };
  if (params.staleUntil && Date.parse(record.openedAt) <= Date.parse(params.staleUntil)) {
    return { effect: "stale", why: "the pull request's base changed since it opened" };
  }
  if (record.pullHead === null) return { effect: "stale", why: "it was opened before Gavel recorded the pull request's head" };
  const changed = governedChangeSince({ ...params, commit: record.pullHead });
  return changed ? { effect: "stale", why: changed } : { effect: "satisfies", yes, authorLeftOut };
}

/** The same people, whatever the case or order of their logins. */
function sameElectorate(params: { a: Login[]; b: Login[] }): boolean {
  const a = new Set(params.a.map(normalizeLogin));
  const b = new Set(params.b.map(normalizeLogin));
  return a.size === b.size && [...a].every((login) => b.has(login));
}
