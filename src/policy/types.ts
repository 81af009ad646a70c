/**
 * The narrow facts a pull-request evaluation needs, and what it returns.
 * `github/` loads these eagerly so every evaluation's API cost is visible;
 * `policy/` only reads them.
 */
import type { Rule, Threshold } from "../config/types.js";
import type { Login } from "./login.js";
import type { PullVote } from "./vote-types.js";

export type { Login } from "./login.js";

export interface Electorate {
  /** Eligible voters: maintainers minus excluded minus bots, de-duplicated case-insensitively. */
  voters: Login[];
  /** Where each voter came from, for the summary ("MAINTAINERS.md", "team @org/x", "users"). */
  sources: string[];
  /** Named by a source but not counted, with where and why, so nobody wonders why they don't count. */
  leftOut: LeftOutVoter[];
  /**
   * Why the electorate can't be trusted (a configured maintainers file, section
   * or team that doesn't exist). A governed PR fails while any is present: a
   * silently smaller electorate would lower every threshold.
   */
  problems: string[];
}

/**
 * Someone a source names who is not an eligible voter (docs/architecture.md,
 * "Reading MAINTAINERS.md"): shown as `@oscar — MAINTAINERS.md line 14: in section “Emeritus”`.
 */
export interface LeftOutVoter {
  login: Login;
  /** Where they are named: a maintainers file's path, `team @org/slug`, `users`. */
  source: string;
  /** The 1-based line in the maintainers file; null for other sources, or where no line applies. */
  line: number | null;
  /** "in section “Emeritus”", "struck through", "bot", "excluded by maintainers.exclude", … */
  reason: string;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface ReviewFact {
  id: number;
  author: Login;
  authorIsBot: boolean;
  state: ReviewState;
  /**
   * The commit the review was given on; null when GitHub no longer knows it
   * (a force-pushed commit that was collected). Such an approval is stale;
   * such an objection still stands.
   */
  commitId: string | null;
  submittedAt: string;
  url: string;
}

/**
 * A symbolic link on the default branch: what GitHub shows at `link` is what
 * is at `target`, a file, or a folder and everything in it. Both are paths of
 * the repository.
 */
export interface Symlink {
  link: string;
  target: string;
}

/** A changed file of the PR. A rename contributes both names. */
export interface ChangedFile {
  path: string;
  previousPath: string | null;
  /**
   * What the change is, for the governed diff's fingerprint (see
   * governedDiff): GitHub's status, the file's blob at the head, and a
   * digest of the lines the patch adds and removes (null when GitHub gives
   * no patch: a binary or very large diff). Absent where unknown.
   */
  change?: FileChange;
}

export interface FileChange {
  status: string;
  blobSha: string | null;
  patchDigest: string | null;
}

/**
 * Files that changed between a review's commit and the head, or null when that
 * can't be told exactly (then an approval is treated as stale: fail closed).
 */
export type ChangesSince = Record<string, string[] | null>;

/** See governedDiff: what a PR changes in its governed files, and that change against its base. */
export interface GovernedDiff {
  head: string;
  full: string;
}

/** One of Gavel's own announcement comments, as verified from its signed marker. */
export interface Announcement {
  commentId: number;
  /** Set by GitHub when the comment was posted; nobody can change it. */
  createdAt: string;
  /** Rules whose discussion period this announcement starts. */
  starts: string[];
  /** The head commit when it was posted. */
  headSha: string;
  url: string;
  /** The base branch and the governed diff it announced; null in announcements written before they were recorded. */
  base: { ref: string; diff: GovernedDiff } | null;
  /** Posted because the PR's base changed what its governed diff is: approvals given before it are stale. */
  baseChanged: boolean;
}

// What GitHub holds, as the reading layer (github/) hands it over.

/**
 * A PR as one evaluation sees it, without its files. It comes either from the
 * webhook that triggered the evaluation (no API call) or from a read of the
 * PR now (timers, the sweep, a re-run, a stale webhook).
 */
export interface PullRequestSnapshot {
  /** GitHub's global id of the PR: Gavel's markers are bound to it. */
  id: number;
  number: number;
  open: boolean;
  draft: boolean;
  headSha: string;
  baseRef: string;
  author: string;
  authorIsBot: boolean;
  labels: string[];
  /** GitHub's `changed_files`, when the source reports it (review webhooks don't). */
  changedFiles: number | null;
  /** GitHub's count of comments on the PR, when the source reports it. */
  comments: number | null;
  /** When GitHub last changed the PR, as this snapshot saw it: orders webhooks that arrive out of order. */
  updatedAt: string;
  createdAt: string;
  source: "webhook" | "api";
}

/** The app's latest `governance` check run on a head commit, as read or last written. */
export interface ExistingCheck {
  id: number;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  startedAt: string | null;
  /**
   * Whether a listing showed this run as the latest of its name on the head.
   * A run this process created without listing first (on a new head) may
   * have a twin from another replica handling the same delivery, which
   * GitHub would read instead if it is newer.
   */
  confirmed: boolean;
}

/** A rule that applies to a PR, and why: the paths and labels that matched it. */
export interface RuleMatch {
  rule: Rule;
  matchedBy: { paths: string[]; labels: string[]; incompleteFiles: boolean };
}

/** An announcement to post: the rules whose discussion it starts. */
export interface AnnouncementPlan {
  starts: RuleMatch[];
  /** True when every one of them was announced before: the clock starts again. */
  restarted: boolean;
  /** The governed diff as announced, against the base it is for. */
  base: { ref: string; diff: GovernedDiff };
  /** The base changed what the governed diff is: earlier approvals are stale. */
  baseChanged: boolean;
}

export interface PullRequestFacts {
  number: number;
  author: Login;
  authorIsBot: boolean;
  draft: boolean;
  headSha: string;
  /** The branch the PR would merge into. */
  baseRef: string;
  labels: string[];
  files: ChangedFile[];
  /** False when GitHub could not list every changed file (it stops at 3,000). */
  filesComplete: boolean;
  reviews: ReviewFact[];
  /** For each review commit other than the head: the paths changed since, or null if unknown. */
  changesSince: ChangesSince;
  announcements: Announcement[];
  /** Announcement comments whose marker failed verification: the PR fails closed. */
  tamperedAnnouncements: number[];
  electorate: Electorate;
  /** The default branch's symbolic links that may lead to governed paths; empty when they can't matter (linksMayMatter). */
  links: Symlink[];
  /** The latest vote a maintainer demanded on this PR (`/vote` in its thread), or null: it decides the check (see ruleVote). */
  vote: PullVote | null;
}

export type VoteState = "yes" | "no" | "stale" | "none";

export interface VoterVote {
  login: Login;
  state: VoteState;
  /** Why: "approved abc1234", "author", "approved before GOVERNANCE.md changed". */
  detail: string;
  url: string | null;
}

export type RuleStatus = "met" | "waiting" | "blocked";

export interface ThresholdMath {
  threshold: Threshold;
  /** N: every eligible voter, not the votes cast. */
  electorateSize: number;
  /** Yes votes needed; for lazy consensus 0 (it needs no objection instead). */
  required: number;
  /** False when the rule asks for more voters than exist. */
  possible: boolean;
}

export interface RuleEvaluation {
  rule: Rule;
  /** Why the rule matched: the paths and labels. */
  matchedBy: { paths: string[]; labels: string[]; incompleteFiles: boolean };
  votes: VoterVote[];
  yes: number;
  no: number;
  /** The most yes votes still possible: voters who haven't said no (and can vote on this PR). */
  possibleYes: number;
  threshold: ThresholdMath;
  /** When the discussion period started/ends; null when the rule has none or it hasn't started. */
  discussionStartedAt: string | null;
  discussionEndsAt: string | null;
  status: RuleStatus;
  /** Why a blocked rule is blocked; null otherwise. */
  blockedBy: "objection" | "unreachable" | "impossible" | "vote" | null;
  /** True while the discussion period has not started (a draft, or no announcement yet). */
  awaitingAnnouncement: boolean;
  /** What the vote demanded on the PR does to this rule; null when there is none. */
  vote: RuleVote | null;
}

/**
 * What the latest vote on a PR does to one rule (see ruleVote):
 * - open: the rule waits for it;
 * - rejected: it failed, was cancelled or voided: the rule is blocked;
 * - satisfies: it passed with `yes` yes of the same electorate, at least the
 *   rule's threshold: the rule's approvals are met, and an objection under
 *   lazy consensus is overruled;
 * - falls-short: it passed, but over another electorate, or with fewer yes
 *   than the rule needs, or its signed state can't be read: the reviews decide;
 * `yes` counts the yes ballots that count for the rule: the author's is left
 * out (`authorLeftOut`) where the author can't approve their own PR;
 * - stale: it passed, but the governed content changed since it opened
 *   (`why`, as for approvals): the reviews decide.
 */
export type RuleVote =
  | { effect: "open" }
  | { effect: "rejected" }
  | { effect: "satisfies"; yes: number; authorLeftOut: boolean }
  | { effect: "falls-short"; why: "electorate" | "threshold" | "unreadable"; yes: number; authorLeftOut: boolean }
  | { effect: "stale"; why: string };

export type Verdict = "success" | "waiting" | "failure";

export interface Evaluation {
  verdict: Verdict;
  draft: boolean;
  /** False when the file list was cut short, so every path rule was applied. */
  filesComplete: boolean;
  rules: RuleEvaluation[];
  electorate: Electorate;
  /** Problems that block the PR regardless of votes (tampered state, empty electorate). */
  problems: string[];
  /** The earliest instant at which time alone could change the verdict. */
  nextWakeAt: string | null;
  evaluatedAt: string;
  /** The announcement to post now (a discussion starts or restarts), or null. */
  announcement: AnnouncementPlan | null;
  /** The latest vote demanded on the PR, or null (see RuleEvaluation.vote). */
  vote: PullVote | null;
}
