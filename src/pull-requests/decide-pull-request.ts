import { fixedElsewhere } from "../config/fixed-elsewhere.js";
import { runShows, type CheckReport } from "../messages/check-report.js";
import { announcementMessage } from "../messages/announcement.js";
import { configErrorReport, evaluationErrorReport, unusableFileReport } from "../messages/error-report.js";
import { pullRequestReport } from "../messages/pull-request-report.js";
import { evaluatePullRequest } from "../policy/evaluate-pull-request.js";
import { thresholdMath } from "../policy/threshold-math.js";
import type { AnnouncementPlan, Evaluation } from "../policy/types.js";
import { announcementMarker } from "../state/announcement-marker.js";
import type { MarkerKey } from "../state/signed-marker.js";
import type { LoadedPullRequest, ReadyPullRequest } from "./loaded-pull-request.js";

/** Rules broken in another repository are read again this often: no webhook here says they were fixed. */
export const FOREIGN_RULES_RETRY_MS = 60 * 60_000;

/** After an evaluation error, try again this soon (the next webhook may come first). */
export const ERROR_RETRY_MS = 5 * 60_000;
/** Never sooner than this, whatever a rate limit's reset says. */
export const ERROR_RETRY_MIN_MS = 10_000;

/** The reads a new success waits for. */
export interface Confirmation {
  pr: boolean;
  reviews: boolean;
  /** The other open PRs on this head: their strictest verdict is the check's. */
  sharers: boolean;
}

/** An announcement to post: its body, signed, and what it starts. */
export interface AnnouncementToPost {
  body: string;
  starts: string[];
  headSha: string;
  base: AnnouncementPlan["base"];
  baseChanged: boolean;
}

/**
 * What to do about one PR after one load, decided without GitHub. Every part
 * is carried out by the pipeline's later steps (see governPullRequest):
 */
export interface PullOutcome {
  /** Read everything again before writing anything (why), or null. */
  again: string | null;
  /** Post this first: it starts a discussion, so the PR is decided again with GitHub's time on it. */
  announce: AnnouncementToPost | null;
  /**
   * What must confirm a new success first, or null when none is needed: a
   * fresh read of the PR and of its reviews, and every other open PR with
   * the same head (they share its check; see sharedCheckReport).
   */
  confirm: Confirmation | null;
  /** The check to publish on `headSha`; null publishes nothing (a closed PR). */
  check: { headSha: string; report: CheckReport } | null;
  /** Whether the PR carries `governance: waiting`; null leaves the label as it is. */
  waitingLabel: boolean | null;
  /** Later copies of announcements (replicas raced), to delete. */
  deleteComments: number[];
  /** When time alone could change the verdict; null: nothing to wake up for. */
  wakeAt: string | null;
  /** The evaluation behind the check, when the rules could be applied. */
  evaluation: Evaluation | null;
}

const NOTHING: PullOutcome = {
  again: null,
  announce: null,
  confirm: null,
  check: null,
  waitingLabel: null,
  deleteComments: [],
  wakeAt: null,
  evaluation: null,
};

/**
 * Step 2 of governing a PR: the outcome of what step 1 loaded, at `now`.
 * Pure; `key` signs the announcement's marker.
 * - closed: nothing to publish, nothing to wake for;
 * - moved (the file list names a newer head): read again;
 * - broken rules: a failing check that says what to fix; no timer, unless
 *   they are fixed in another repository (no webhook here would say so);
 * - ready: the evaluation's check and label, the announcement it says is
 *   due, the duplicates to delete, and its next wake-up. A new success that
 *   rests on facts Gavel could not tie to the head, or on reviews read before
 *   now, is confirmed against a fresh read first.
 */
export function decidePullRequest(params: { loaded: LoadedPullRequest; now: Date; key: MarkerKey }): PullOutcome {
  const { loaded, now } = params;
  switch (loaded.kind) {
    case "closed":
      return NOTHING;
    case "moved":
      return { ...NOTHING, again: `got a new head (${loaded.listedAt.slice(0, 7)})` };
    case "invalid-config": {
      const elsewhere = fixedElsewhere(loaded.problems);
      const wakeAt = elsewhere ? new Date(now.getTime() + FOREIGN_RULES_RETRY_MS).toISOString() : null;
      return { ...NOTHING, check: { headSha: loaded.pr.headSha, report: configErrorReport(loaded.problems) }, waitingLabel: elsewhere, wakeAt };
    }
    case "unusable-file":
      return { ...NOTHING, check: { headSha: loaded.pr.headSha, report: unusableFileReport(loaded.file) }, waitingLabel: false };
    case "ready":
      return decideReady({ loaded, now, key: params.key });
  }
}

function decideReady(params: { loaded: ReadyPullRequest; now: Date; key: MarkerKey }): PullOutcome {
  const { loaded, now } = params;
  const evaluation = evaluatePullRequest({ matches: loaded.matches, facts: loaded.facts, now });
  const report = pullRequestReport({ evaluation, rules: loaded.rules });
  const announce = evaluation.announcement ? announcementToPost({ loaded, plan: evaluation.announcement, now, key: params.key }) : null;
  const unconfirmed = evaluation.verdict === "success" && !(loaded.existing !== null && runShows({ run: loaded.existing, report }));
  const waiting = evaluation.verdict === "waiting";
  return {
    again: null,
    announce,
    confirm: unconfirmed ? { pr: !loaded.filesAtHead, reviews: loaded.matches.length > 0, sharers: true } : null,
    check: { headSha: loaded.pr.headSha, report },
    // A discussion about to start puts the label on first (see the pipeline), so a crash in between leaves the PR findable.
    waitingLabel: waiting || announce !== null,
    deleteComments: loaded.duplicates,
    wakeAt: waiting ? evaluation.nextWakeAt : null,
    evaluation,
  };
}

function announcementToPost(params: { loaded: ReadyPullRequest; plan: AnnouncementPlan; now: Date; key: MarkerKey }): AnnouncementToPost {
  const { loaded, plan } = params;
  const { facts } = loaded;
  const starts = plan.starts.map((m) => m.rule.name);
  const marker = announcementMarker({
    key: params.key,
    scope: { threadId: loaded.pr.id },
    seq: facts.announcements.length,
    starts,
    headSha: facts.headSha,
    base: plan.base,
    baseChanged: plan.baseChanged,
  });
  const size = facts.electorate.voters.length;
  const body = announcementMessage({
    rules: plan.starts.map((match) => ({ match, threshold: thresholdMath({ threshold: match.rule.approvals, electorateSize: size }) })),
    voters: facts.electorate.voters,
    restarted: plan.restarted,
    baseChanged: plan.baseChanged,
    now: params.now,
    marker,
  });
  return { body, starts, headSha: facts.headSha, base: plan.base, baseChanged: plan.baseChanged };
}

/**
 * What to do when an evaluation failed: on the head it last knew, a failing
 * check that says why and the waiting label (so that the sweep finds the PR
 * again even if this process stops before its retry); and a retry when GitHub asked Gavel to wait
 * (`retryAfterMs`, a rate limit) or after ERROR_RETRY_MS, never sooner than
 * ERROR_RETRY_MIN_MS: no request storm. Nothing at all when GitHub refused
 * the app access (`accessRefused`): the next event or sweep that can reach
 * the PR evaluates it.
 */
export function decideFailure(params: { error: unknown; headSha: string | null; retryAfterMs: number | null; accessRefused: boolean; now: Date }): PullOutcome {
  // GitHub won't let the app act on this repository: nothing can be written, and trying again every few minutes would only spend the quota.
  if (params.accessRefused) return NOTHING;
  const wait = Math.max(params.retryAfterMs ?? ERROR_RETRY_MS, ERROR_RETRY_MIN_MS);
  const check = params.headSha ? { headSha: params.headSha, report: evaluationErrorReport(params.error) } : null;
  return { ...NOTHING, check, waitingLabel: check !== null, wakeAt: new Date(params.now.getTime() + wait).toISOString() };
}
