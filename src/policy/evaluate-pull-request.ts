import type { Rule } from "../config/types.js";
import { approvalsStaleUntil, baseChanged } from "./base-change.js";
import { countVotes } from "./count-votes.js";
import { governedDiff } from "./governed-diff.js";
import { governedChange } from "./governed-change.js";
import { dueAnnouncements, planAnnouncement } from "./plan-announcement.js";
import { normalizeLogin } from "./same-login.js";
import { discussionWindow } from "./discussion-window.js";
import { ruleVote } from "./rule-vote.js";
import { thresholdMath } from "./threshold-math.js";
import type { Evaluation, PullRequestFacts, RuleEvaluation, RuleMatch, Verdict, VoterVote } from "./types.js";

/**
 * The verdict on a PR: pure, with the clock injected. Every matched rule must
 * pass. A rule is `blocked` when votes can't make it pass as things stand
 * (an objection under lazy consensus, more "no" than the threshold allows, or
 * a threshold larger than the electorate), `waiting` while approvals or time
 * are missing, and `met` otherwise. A vote a maintainer demanded on the PR
 * decides with the reviews (see ruleVote): while it is open every rule waits
 * for it, a failed or cancelled one blocks every rule, and a passed one meets
 * the approvals of each rule whose threshold it met, overruling an objection;
 * the discussion period still applies. Anything in `facts.tampered…`, or an empty
 * electorate where a rule applies, fails the PR: never a silent pass.
 * `matches` are the rules that apply (see matchRules), matched once when the
 * facts were loaded. The evaluation also says which announcement is due.
 */
export function evaluatePullRequest(params: { matches: RuleMatch[]; facts: PullRequestFacts; now: Date }): Evaluation {
  const { facts, now, matches } = params;
  const diff = governedDiff({ matches, files: facts.files, baseRef: facts.baseRef, links: facts.links });
  const changedBase = baseChanged({ announcements: facts.announcements, baseRef: facts.baseRef, diff });
  const due = dueAnnouncements({
    matches,
    announcements: facts.announcements,
    headSha: facts.headSha,
    changesSince: facts.changesSince,
    links: facts.links,
    baseChanged: changedBase,
  });
  const staleUntil = approvalsStaleUntil({ announcements: facts.announcements, pending: changedBase, now });
  const rules = matches.map((match) => evaluateRule({ match, matches, restartDue: due.includes(match.rule.name), staleUntil, facts, now }));
  const problems = findProblems({ facts, matched: matches.length > 0 });
  const verdict = verdictOf({ rules, problems });
  return {
    verdict,
    draft: facts.draft,
    filesComplete: facts.filesComplete,
    rules,
    electorate: facts.electorate,
    problems,
    nextWakeAt: verdict === "failure" ? null : nextWake({ rules, now }),
    evaluatedAt: now.toISOString(),
    announcement: planAnnouncement({
      matches,
      announcements: facts.announcements,
      due,
      draft: facts.draft,
      tampered: facts.tamperedAnnouncements.length > 0,
      base: { ref: facts.baseRef, diff },
      baseChanged: changedBase,
    }),
    vote: matches.length > 0 ? facts.vote : null,
  };
}

function evaluateRule(params: {
  match: RuleMatch;
  matches: RuleMatch[];
  restartDue: boolean;
  staleUntil: string | null;
  facts: PullRequestFacts;
  now: Date;
}): RuleEvaluation {
  const { match, facts, now } = params;
  const { rule } = match;
  const voters = facts.electorate.voters;
  const isGoverned = governedChange({ match, matches: params.matches, links: facts.links });
  const votes = countVotes({
    rule,
    isGoverned,
    voters,
    author: facts.author,
    headSha: facts.headSha,
    reviews: facts.reviews,
    changesSince: facts.changesSince,
    staleUntil: params.staleUntil,
  });
  const yes = votes.filter((v) => v.state === "yes").length;
  const no = votes.filter((v) => v.state === "no").length;
  const threshold = thresholdMath({ threshold: rule.approvals, electorateSize: voters.length });
  const possibleYes = maxYes({ votes, rule, author: facts.author });
  const window = discussionWindow({ rule, announcements: facts.announcements });
  // A due (re)announcement not yet posted (a draft, or a failed post) holds the rule back.
  const awaitingAnnouncement = rule.discussionMs > 0 && (window.startedAt === null || params.restartDue);
  const discussionOver = rule.discussionMs === 0 || (window.endsAt !== null && now.getTime() >= Date.parse(window.endsAt));

  const vote = ruleVote({
    vote: facts.vote,
    rule,
    isGoverned,
    voters,
    author: facts.author,
    threshold,
    headSha: facts.headSha,
    changesSince: facts.changesSince,
    staleUntil: params.staleUntil,
  });
  // A vote that is open, or passed and met the threshold, decides instead of the reviews: their objections don't block.
  const decidedByVote = vote?.effect === "open" || vote?.effect === "satisfies";
  let blockedBy: RuleEvaluation["blockedBy"] = null;
  if (!threshold.possible) blockedBy = "impossible";
  else if (vote?.effect === "rejected") blockedBy = "vote";
  else if (decidedByVote) blockedBy = null;
  else if (rule.approvals.kind === "lazy-consensus" && no > 0) blockedBy = "objection";
  else if (possibleYes < threshold.required) blockedBy = "unreachable";

  const approved = vote?.effect === "satisfies" || (vote?.effect !== "open" && yes >= threshold.required);
  const status = blockedBy ? "blocked" : approved && discussionOver && !awaitingAnnouncement ? "met" : "waiting";
  return {
    rule,
    matchedBy: match.matchedBy,
    votes,
    yes,
    no,
    possibleYes,
    threshold,
    discussionStartedAt: window.startedAt,
    discussionEndsAt: window.endsAt,
    status,
    blockedBy,
    awaitingAnnouncement,
    vote,
  };
}

/**
 * The most yes votes still possible: every voter but those who said no, and
 * but the author when the author can't count (they can't review their own PR).
 */
function maxYes(params: { votes: VoterVote[]; rule: Rule; author: string }): number {
  const authorCantVote = !params.rule.authorCounts;
  return params.votes.filter((v) => v.state !== "no" && !(authorCantVote && normalizeLogin(v.login) === normalizeLogin(params.author))).length;
}

function findProblems(params: { facts: PullRequestFacts; matched: boolean }): string[] {
  const problems = params.facts.tamperedAnnouncements.map(
    (id) =>
      `Gavel's announcement comment ${id} was edited and its signed state no longer verifies, so the discussion start can't be trusted. Ask an admin to delete it; Gavel will announce again and the period restarts.`,
  );
  if (params.matched) problems.push(...params.facts.electorate.problems);
  if (params.matched && params.facts.electorate.voters.length === 0) {
    problems.push("No eligible maintainers were found, so no approval can count. Check the `maintainers:` section of the config and the maintainers file.");
  }
  return problems;
}

function verdictOf(params: { rules: RuleEvaluation[]; problems: string[] }): Verdict {
  if (params.problems.length > 0 || params.rules.some((r) => r.status === "blocked")) return "failure";
  return params.rules.every((r) => r.status === "met") ? "success" : "waiting";
}

/** The earliest future end of a discussion period: time alone may change the verdict then. */
function nextWake(params: { rules: RuleEvaluation[]; now: Date }): string | null {
  const future = params.rules
    .map((r) => r.discussionEndsAt)
    .filter((end): end is string => end !== null && Date.parse(end) > params.now.getTime())
    .sort();
  return future[0] ?? null;
}
