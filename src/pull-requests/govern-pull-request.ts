import { LABELS } from "../constants.js";
import type { PullRequestSnapshot } from "../policy/types.js";
import { accessRefused } from "../github/client.js";
import { CHECK_REFRESH_MS } from "../github/publish-check.js";
import type { RepoGateway } from "../github/repo-gateway.js";
import { retryAfterMs } from "../github/request-policy.js";
import { justOpened } from "../github/trust-snapshot.js";
import type { GavelDeps } from "../items/gavel-deps.js";
import { itemKey, type ItemRef } from "../items/item-ref.js";
import { seenUntil } from "../schedule/wake-scheduler.js";
import { decideFailure, decidePullRequest, type PullOutcome } from "./decide-pull-request.js";
import { sharedCheckReport, type SharingPullRequest } from "../messages/shared-check-report.js";
import { loadFacts } from "./load-facts.js";
import type { LoadedPullRequest } from "./loaded-pull-request.js";

export interface PullTarget {
  item: ItemRef;
  gateway: RepoGateway;
  /** The head the webhook named: where an evaluation error is reported if the PR itself can't be read. */
  hintHeadSha: string | null;
  /** The PR as the webhook showed it; absent (timers, the sweep, a re-run) reads it. */
  snapshot?: PullRequestSnapshot;
  /** The webhook made this head (`opened`, `synchronize`). */
  newHead?: boolean;
  /** The webhook is the PR's `opened`. */
  justOpened?: boolean;
}

/** A PR that moves under its evaluation this many times is left to its next event (or timer). */
const MAX_ATTEMPTS = 3;

/**
 * Governs one PR: load its facts for its CURRENT head (webhooks arrive out of
 * order) → decide (pure) → apply, in the numbered steps of `runSteps`; then
 * arm its next wake-up, in one place. Any error publishes a failing check
 * that says why and is retried, then propagates to the log. Evaluations of
 * one PR never interleave, and requests that arrive while one runs collapse
 * into one more run after it.
 */
export async function governPullRequest(params: { target: PullTarget; deps: GavelDeps }): Promise<void> {
  const { target, deps } = params;
  // Judged on arrival, not when the task runs: a newer webhook that arrives
  // meanwhile and is then coalesced away must still outrank an older one.
  const trusted = target.snapshot ? target.gateway.trustSnapshot({ snapshot: target.snapshot, now: deps.now() }) : null;
  const task = () => evaluate({ target: { ...target, snapshot: trusted ?? undefined }, deps });
  await deps.locks.coalesce({ key: itemKey(target.item), task });
}

/** When to look at the PR again: `at` null forgets it; `seen` is how far this evaluation saw it (see `seenUntil`). */
interface Wake {
  at: string | null;
  seen: Date | null;
}

async function evaluate(params: { target: PullTarget; deps: GavelDeps }): Promise<void> {
  const { target, deps } = params;
  const progress = { headSha: target.snapshot?.headSha ?? target.hintHeadSha };
  let wake: Wake = { at: null, seen: null };
  try {
    wake = await runSteps({ ...params, progress });
  } catch (error) {
    wake = await failClosed({ target, deps, error, headSha: progress.headSha });
    throw error;
  } finally {
    if (wake.at === null) deps.schedule.forget({ item: target.item, ...(wake.seen ? { seenUntil: wake.seen } : {}) });
    else deps.schedule.record({ item: target.item, nextWakeAt: wake.at, ...(wake.seen ? { seenUntil: wake.seen } : {}) });
    deps.schedule.sawOwnWrites({ item: target.item, at: target.gateway.lastWrite(target.item.number) });
  }
}

/**
 * 1. load    everything the evaluation reads (loadFacts);
 * 2. decide  the outcome, without GitHub (decidePullRequest);
 * 3. announce a discussion that starts: label the PR, post, and decide again
 *            with the time GitHub put on the announcement;
 * 4. confirm a new success against a fresh read (if anything changed, start
 *            over), and against every other open PR with the same head,
 *            which shares the check: it shows the strictest of their verdicts;
 * 5. publish the check and the label, and delete duplicate announcements.
 * A PR that moved under steps 1–4 is read again, at most MAX_ATTEMPTS times.
 * `progress` keeps the newest head read, where a failure is reported.
 */
async function runSteps(params: { target: PullTarget; deps: GavelDeps; progress: { headSha: string | null } }): Promise<Wake> {
  const { target, deps } = params;
  const { gateway } = target;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const readStart = deps.now();
    const snapshot = attempt === 1 ? (target.snapshot ?? null) : null;
    const opened = snapshot !== null && target.justOpened === true && justOpened({ snapshot, now: readStart });
    const read = await loadFacts({
      gateway,
      number: target.item.number,
      snapshot,
      newHead: snapshot !== null && target.newHead === true,
      justOpened: opened,
      key: deps.markerKey,
    });
    params.progress.headSha = read.pr.headSha;
    const seen = seenUntil({ updatedAt: read.pr.updatedAt, readStart });
    const decided = decidePullRequest({ loaded: read, now: deps.now(), key: deps.markerKey });
    if (decided.again) continue;
    const { loaded, outcome } = decided.announce ? await announce({ gateway, loaded: read, outcome: decided, deps }) : { loaded: read, outcome: decided };
    const confirmed = outcome.confirm ? await confirm({ gateway, loaded, outcome, deps }) : outcome;
    if (!confirmed) continue;
    const refreshAt = await publish({ gateway, loaded, outcome: confirmed, deps });
    return { at: earliest([outcome.wakeAt, refreshAt]), seen };
  }
  throw new Error(`${gateway.where(target.item.number)} changed ${MAX_ATTEMPTS} times while it was evaluated; it is evaluated again shortly`);
}

/**
 * Step 3. The waiting label goes on first: if this process dies after
 * posting, the sweep still finds the PR and its deadline is not lost. The
 * posted comment, with GitHub's `created_at`, is what starts the discussion.
 */
async function announce(params: {
  gateway: RepoGateway;
  loaded: LoadedPullRequest;
  outcome: PullOutcome;
  deps: GavelDeps;
}): Promise<{ loaded: LoadedPullRequest; outcome: PullOutcome }> {
  const { gateway, loaded, outcome, deps } = params;
  if (!outcome.announce || loaded.kind !== "ready") return { loaded, outcome };
  const { number, labels } = loaded.facts;
  await gateway.syncLabel({ number, label: LABELS.governanceWaiting, present: true, current: labels });
  const comment = await gateway.postComment({ number, body: outcome.announce.body, remember: true });
  const { starts, headSha, base, baseChanged } = outcome.announce;
  const announcement = { commentId: comment.id, createdAt: comment.createdAt, starts, headSha, url: comment.url, base, baseChanged };
  const announced: LoadedPullRequest = {
    ...loaded,
    facts: { ...loaded.facts, labels: [...labels, LABELS.governanceWaiting], announcements: [...loaded.facts.announcements, announcement] },
  };
  return { loaded: announced, outcome: decidePullRequest({ loaded: announced, now: deps.now(), key: deps.markerKey }) };
}

/**
 * Step 4. The file list must be the head's (else the PR is read again: same
 * head, same labels, still open) and the reviews counted must still be the
 * PR's (a conditional re-read, free when GitHub answers 304), so that nothing
 * that changed while the evaluation ran turns into a wrong success. Returns
 * null when something changed. Meanwhile the open PRs are listed: any other
 * with this head shares its check, so each is evaluated (reading only) and
 * the check shows the strictest verdict (see sharedCheckReport).
 */
async function confirm(params: { gateway: RepoGateway; loaded: LoadedPullRequest; outcome: PullOutcome; deps: GavelDeps }): Promise<PullOutcome | null> {
  const { gateway, loaded, outcome, deps } = params;
  const wanted = outcome.confirm;
  if (loaded.kind !== "ready" || !wanted || !outcome.check) return outcome;
  const [pr, reviews, open] = await Promise.all([
    wanted.pr ? gateway.confirmUnchanged(loaded.pr) : true,
    wanted.reviews ? gateway.reviewsUnchanged({ number: loaded.pr.number, reviews: loaded.facts.reviews, etag: loaded.reviewsEtag }) : true,
    wanted.sharers ? gateway.listOpenPullRequests() : [],
  ]);
  if (!pr || !reviews) return null;
  const others = open.filter((other) => other.headSha === loaded.pr.headSha && other.number !== loaded.pr.number);
  if (others.length === 0) return outcome;
  const sharers = await Promise.all(others.map((other) => verdictOf({ gateway, pr: other, deps })));
  const report = sharedCheckReport([{ number: loaded.pr.number, baseRef: loaded.pr.baseRef, report: outcome.check.report }, ...sharers]);
  return { ...outcome, check: { ...outcome.check, report } };
}

/** What another PR's own evaluation would publish now: read and decided, nothing written (its own evaluation posts its announcement). */
async function verdictOf(params: { gateway: RepoGateway; pr: PullRequestSnapshot; deps: GavelDeps }): Promise<SharingPullRequest> {
  const { gateway, pr, deps } = params;
  const loaded = await loadFacts({ gateway, number: pr.number, snapshot: pr, newHead: false, justOpened: false, key: deps.markerKey });
  const outcome = decidePullRequest({ loaded, now: deps.now(), key: deps.markerKey });
  // A PR that moved under this read can't be judged now: it counts as waiting, never as passing.
  const report = outcome.check?.report ?? {
    state: "waiting",
    title: "Being evaluated",
    summary: `#${pr.number} changed while Gavel read it; its own evaluation follows.`,
  };
  return { number: pr.number, baseRef: pr.baseRef, report };
}

/**
 * Step 5. The writes are independent and run in parallel: a failing one fails
 * the evaluation, whose error check then replaces this one. Returns when a
 * waiting check must be refreshed (see CHECK_REFRESH_MS), or null.
 */
async function publish(params: { gateway: RepoGateway; loaded: LoadedPullRequest; outcome: PullOutcome; deps: GavelDeps }): Promise<string | null> {
  const { gateway, loaded, outcome } = params;
  const existing = loaded.kind === "closed" || loaded.kind === "moved" ? null : loaded.existing;
  const labels = loaded.kind === "ready" ? loaded.facts.labels : loaded.pr.labels;
  const { number } = loaded.pr;
  const [check] = await Promise.all([
    outcome.check ? gateway.publishCheck({ headSha: outcome.check.headSha, existing, report: outcome.check.report, now: params.deps.now() }) : null,
    outcome.waitingLabel === null ? null : gateway.syncLabel({ number, label: LABELS.governanceWaiting, present: outcome.waitingLabel, current: labels }),
    gateway.deleteComments({ number, commentIds: outcome.deleteComments }),
  ]);
  return check?.waitingSince ? new Date(Date.parse(check.waitingSince) + CHECK_REFRESH_MS).toISOString() : null;
}

/**
 * An evaluation failed: its check says why, and the PR is labelled so the
 * sweep finds it again even if this process stops before the retry. A
 * failure to publish that is logged: the error itself still propagates.
 */
async function failClosed(params: { target: PullTarget; deps: GavelDeps; error: unknown; headSha: string | null }): Promise<Wake> {
  const { target, deps } = params;
  const { gateway } = target;
  const outcome = decideFailure({
    error: params.error,
    headSha: params.headSha,
    retryAfterMs: retryAfterMs({ error: params.error, now: deps.now() }),
    accessRefused: accessRefused(params.error),
    now: deps.now(),
  });
  try {
    if (outcome.check) {
      const existing = await gateway.findCheck({ headSha: outcome.check.headSha });
      await gateway.publishCheck({ headSha: outcome.check.headSha, existing, report: outcome.check.report, now: deps.now() });
    }
    if (outcome.waitingLabel) await gateway.syncLabel({ number: target.item.number, label: LABELS.governanceWaiting, present: true, current: [] });
  } catch (publishError) {
    deps.log.error({ err: publishError }, `could not publish the evaluation error on ${gateway.where(target.item.number)}@${params.headSha ?? "?"}`);
  }
  return { at: outcome.wakeAt, seen: null };
}

function earliest(instants: Array<string | null>): string | null {
  return instants.filter((i): i is string => i !== null).sort()[0] ?? null;
}
