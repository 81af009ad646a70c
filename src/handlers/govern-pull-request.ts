import { justOpened, trustSnapshot } from "../cache/trust-snapshot.js";
import { LABELS } from "../constants.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { deleteComment } from "../github/delete-comment.js";
import { fixedElsewhere } from "../github/load-config.js";
import { rememberAppComment, reviewsUnchanged } from "../github/load-pull-request-activity.js";
import { confirmUnchanged, type PullRequestSnapshot } from "../github/load-pull-request.js";
import { loadPullRequestFacts, type LoadedPullRequest } from "../github/load-pull-request-facts.js";
import { checkSays, findCheck, publishCheck, CHECK_REFRESH_MS } from "../github/publish-check.js";
import { retryAfterMs } from "../github/request-policy.js";
import { syncLabel } from "../github/sync-label.js";
import { configErrorReport, evaluationErrorReport, unusableFileReport } from "../messages/error-report.js";
import { pullRequestReport } from "../messages/pull-request-report.js";
import { evaluatePullRequest } from "../policy/evaluate-pull-request.js";
import type { Evaluation } from "../policy/types.js";
import { seenUntil, type WakeItem } from "../schedule/wake-scheduler.js";
import { announce } from "./announce.js";
import type { GavelDeps } from "./deps.js";

export interface GovernTarget {
  github: GitHub;
  installationId: number;
  repo: RepoRef;
  number: number;
  /** The head the webhook named: where an evaluation error is reported if the PR itself can't be read. */
  hintHeadSha: string | null;
  /** The PR as the webhook showed it; null (timers, the sweep, a re-run) reads it. */
  snapshot?: PullRequestSnapshot;
  /** The webhook made this head (`opened`, `synchronize`). */
  newHead?: boolean;
  /** The webhook is the PR's `opened`. */
  justOpened?: boolean;
}

/**
 * One evaluation of one PR: load facts for its CURRENT head (webhooks arrive
 * out of order) → evaluate (pure) → publish one check on that head, keep the
 * `governance: waiting` label in step, and arm the next wake-up. Any error
 * publishes a failing check that says why, then propagates to the log.
 */
export async function governPullRequest(params: { target: GovernTarget; deps: GavelDeps }): Promise<void> {
  const { target, deps } = params;
  const key = `pull:${target.installationId}:${target.repo.owner}/${target.repo.repo}#${target.number}`.toLowerCase();
  // Judged on arrival, not when the task runs: a newer webhook that arrives
  // meanwhile and is then coalesced away must still outrank an older one.
  const trusted = target.snapshot ? trustSnapshot({ cache: deps.cache, repo: target.repo, snapshot: target.snapshot, now: deps.now() }) : null;
  const task = () => evaluateOnce({ target: { ...target, snapshot: trusted ?? undefined }, deps }).then(() => undefined);
  await deps.locks.coalesce({ key, task });
}

/** A success is re-checked against a fresh read; after this many changed reads, the evaluation gives up and retries later. */
const MAX_ATTEMPTS = 3;

async function evaluateOnce(params: { target: GovernTarget; deps: GavelDeps; attempt?: number }): Promise<Evaluation | null> {
  const { target, deps } = params;
  const attempt = params.attempt ?? 1;
  const readStart = deps.now();
  const { github, repo, number } = target;
  const { cache } = deps;
  const item: WakeItem = { installationId: target.installationId, owner: repo.owner, repo: repo.repo, number, kind: "pull" };
  // Only the first attempt may use the webhook's PR (if it was trusted); a retry reads it.
  const snapshot = attempt === 1 ? (target.snapshot ?? null) : null;
  let reportOn = target.snapshot?.headSha ?? target.hintHeadSha;
  const again = (why: string) => {
    if (attempt >= MAX_ATTEMPTS) throw new Error(`${repo.owner}/${repo.repo}#${number} ${why} while it was evaluated; it is evaluated again shortly`);
    return evaluateOnce({ ...params, attempt: attempt + 1 });
  };
  try {
    const loaded = await loadPullRequestFacts({ github, repo, number, snapshot, newHead: snapshot !== null && target.newHead === true, justOpened: snapshot !== null && target.justOpened === true && justOpened({ snapshot, now: deps.now() }), appId: deps.appId, key: deps.markerKey, cache });
    const headSha = loaded.pr.headSha;
    reportOn = headSha;
    // What this attempt saw of the PR: the sweep takes any later change as one whose webhook may be lost.
    const seen = seenUntil({ updatedAt: loaded.pr.updatedAt, readStart });
    if (loaded.kind === "closed") {
      deps.schedule.forget({ item, seenUntil: seen });
      return null;
    }
    if (loaded.kind === "moved") return await again("got a new head");
    // Broken rules: reading them again gives the same answer, so no timer; the push that fixes them re-evaluates
    // this repository's open PRs. A file in another repository (the org's `.github`, an `_extends` base) is fixed
    // by a push there, which re-evaluates nothing here: such a PR stays labelled and is tried again hourly.
    if (loaded.kind === "invalid-config" || loaded.kind === "unusable-file") {
      const report = loaded.kind === "invalid-config" ? configErrorReport(loaded.config.problems) : unusableFileReport(loaded.file);
      const elsewhere = loaded.kind === "invalid-config" && fixedElsewhere(loaded.config.problems);
      await publishCheck({ github, repo, headSha, existing: loaded.existing, report, now: deps.now(), cache });
      await syncLabel({ github, repo, number, label: LABELS.governanceWaiting, present: elsewhere, current: loaded.pr.labels });
      if (elsewhere) deps.schedule.record({ item, seenUntil: seen, nextWakeAt: new Date(deps.now().getTime() + FOREIGN_RULES_RETRY_MS).toISOString() });
      else deps.schedule.forget({ item, seenUntil: seen });
      return null;
    }
    const { config, facts } = loaded;
    // A discussion is about to start: the PR carries the waiting label before the announcement, so
    // that if this process dies in between, the sweep still finds it and its deadline is not lost.
    let labels = facts.labels;
    const labelFirst = async () => {
      await syncLabel({ github, repo, number, label: LABELS.governanceWaiting, present: true, current: labels });
      labels = [...labels, LABELS.governanceWaiting];
    };
    const posted = await announce({ github, repo, matches: loaded.matches, facts, threadId: loaded.pr.id, key: deps.markerKey, now: deps.now(), beforePosting: labelFirst });
    for (const comment of posted) rememberAppComment({ cache, repo, number, comment: comment.comment });
    await Promise.all(loaded.duplicates.map((commentId) => deleteComment({ github, repo, commentId })));
    if (loaded.duplicates.length > 0) cache.forgetComments({ repo, number });
    const now = deps.now();
    const evaluation = evaluatePullRequest({ rules: config.rules, facts: { ...facts, announcements: [...facts.announcements, ...posted.map((p) => p.announcement)] }, now });
    const report = pullRequestReport(evaluation);
    if (evaluation.verdict === "success" && !checkSays({ existing: loaded.existing, report }) && !(await stillTrue({ loaded, target }))) return await again("changed");
    const waiting = evaluation.verdict === "waiting";
    // Independent writes, in parallel: a failing one fails the evaluation, whose error check then replaces this one.
    const [check] = await Promise.all([
      publishCheck({ github, repo, headSha, existing: loaded.existing, report, now, cache }),
      syncLabel({ github, repo, number, label: LABELS.governanceWaiting, present: waiting, current: labels }),
    ]);
    if (!waiting) deps.schedule.forget({ item, seenUntil: seen });
    else deps.schedule.record({ item, seenUntil: seen, nextWakeAt: earliest([evaluation.nextWakeAt, check.waitingSince && refreshAt(check.waitingSince)]) });
    return evaluation;
  } catch (error) {
    if (reportOn) await reportError({ target, headSha: reportOn, error, deps });
    // A rate limit is waited out as GitHub asks, not retried sooner: no request storm.
    const wait = retryAfterMs({ error, now: deps.now() }) ?? ERROR_RETRY_MS;
    deps.schedule.record({ item, nextWakeAt: new Date(deps.now().getTime() + Math.max(wait, ERROR_RETRY_MIN_MS)).toISOString() });
    throw error;
  }
}

/**
 * Before a new success is published: the file list must be the head's (else
 * the PR is read again: same head, same labels, still open) and the reviews
 * counted must still be the PR's (a conditional re-read), so that nothing
 * that changed while the evaluation ran turns into a wrong success.
 */
async function stillTrue(params: { loaded: Extract<LoadedPullRequest, { kind: "ready" }>; target: GovernTarget }): Promise<boolean> {
  const { loaded, target } = params;
  const { github, repo, number } = target;
  const [pr, reviews] = await Promise.all([
    loaded.filesAtHead ? true : confirmUnchanged({ github, repo, pr: loaded.pr }),
    loaded.matches.length === 0 ? true : reviewsUnchanged({ github, repo, number, reviews: loaded.facts.reviews, etag: loaded.reviewsEtag }),
  ]);
  return pr && reviews;
}

/** Rules broken in another repository are read again this often: no webhook here says they were fixed. */
const FOREIGN_RULES_RETRY_MS = 60 * 60_000;

/** After an evaluation error, try again this soon (the next webhook may come first). */
const ERROR_RETRY_MS = 5 * 60_000;
/** Never sooner than this, whatever a rate limit's reset says. */
const ERROR_RETRY_MIN_MS = 10_000;

function refreshAt(waitingSince: string): string {
  return new Date(Date.parse(waitingSince) + CHECK_REFRESH_MS).toISOString();
}

function earliest(instants: Array<string | null>): string | null {
  return instants.filter((i): i is string => i !== null).sort()[0] ?? null;
}

/**
 * Fails the check with the reason, and labels the PR so the sweep finds it
 * again even if this process stops before its retry timer.
 */
async function reportError(params: { target: GovernTarget; headSha: string; error: unknown; deps: GavelDeps }): Promise<void> {
  const { github, repo, number } = params.target;
  try {
    const { cache } = params.deps;
    const existing = await findCheck({ github, repo, headSha: params.headSha, appId: params.deps.appId, cache });
    await publishCheck({ github, repo, headSha: params.headSha, existing, report: evaluationErrorReport(params.error), now: params.deps.now(), cache });
    await syncLabel({ github, repo, number, label: LABELS.governanceWaiting, present: true, current: [] });
  } catch (publishError) {
    params.deps.log.error({ err: publishError }, `could not publish the evaluation error on ${repo.owner}/${repo.repo}@${params.headSha}`);
  }
}
