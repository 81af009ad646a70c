import type { Logger } from "probot";
import { LruCache } from "../cache/lru-cache.js";
import { hasLabel, LABELS, STATE_LABELS_QUERY } from "../constants.js";
import { installationScope, listInstallations, type AppClient, type Installation, type InstallationScope } from "../github/app-client.js";
import type { GitHub } from "../github/client.js";
import { redeliverFailed, type PendingRedelivery } from "../github/redeliver-failed.js";
import { retryAfterMs } from "../github/request-policy.js";
import { mergeSearches, searchInstant, searchIssues, type FoundItem, type SearchResult } from "../github/search-issues.js";
import { itemKey, type ItemRef } from "../items/item-ref.js";
import type { WakeScheduler } from "./wake-scheduler.js";

export interface SweepReport {
  installations: number;
  /** Webhook events GitHub could not deliver that it was asked to send again. */
  redelivered: number;
  found: number;
  evaluated: number;
  /** Items, or whole installations, that could not be evaluated; each is logged and retried next sweep. */
  failed: number;
}

/**
 * A delivery enters GitHub's log after it ends (up to its 10 s timeout), and
 * can take a few minutes more to show there, dated when it was attempted:
 * each look at the log starts this long before the previous sweep. An event
 * seen twice in the overlap is asked for once (by its GUID, and by the
 * redelivery the log then shows).
 * https://docs.github.com/webhooks/using-webhooks/handling-failed-webhook-deliveries
 */
const DELIVERY_LOG_OVERLAP_MS = 10 * 60_000;

/** How long an installation's scope (its repositories, when they matter) is trusted. */
const SCOPE_TTL_MS = 60 * 60_000;

/**
 * GitHub's search index trails its writes; a search for changes starts this
 * long before the previous sweep did, so that nothing indexed late is missed.
 * Items found twice are skipped by the scheduler (not changed since evaluated).
 */
export const SEARCH_LAG_MS = 10 * 60_000;

export interface SweepParams {
  app: AppClient;
  scheduler: WakeScheduler;
  /** Whether Gavel acts on a webhook `event.action`: only those are redelivered. */
  handles: (name: string) => boolean;
  /** How far back the first sweep after a start looks for changes (webhooks lost while Gavel was down); 0 turns that search off. */
  lookbackMs: number;
  now: () => Date;
  evaluate: (item: ItemRef) => Promise<void>;
  log: Logger;
}

/**
 * The reconcile sweep: it repairs what webhooks and timers missed. Its cost
 * grows with installations and with what changed, not with repositories.
 * One sweep runs at a time: asking while one runs gets that one's report.
 *
 * 1. Redeliver: GitHub is asked to send again each event it failed to
 *    deliver since the previous sweep (see `redeliverFailed`).
 * 2. Per installation, search (where: see `installationScope`; an account of
 *    over 4,000 repositories is searched in parts of 100, each search below
 *    then being one per part):
 *    - the first sweep after a start searches for Gavel's state labels and
 *      evaluates every item found (timers were lost, and what the labels
 *      mark is all that time alone can change), and alongside it for what
 *      changed in the `lookbackMs` before it (webhooks lost while Gavel was
 *      down): two searches, once;
 *    - every later sweep makes ONE search, for what changed on GitHub since
 *      the previous sweep (less SEARCH_LAG_MS). Items whose wake time passed
 *      come from the scheduler.
 * 3. Evaluate each item found that is due: labelled after a start, changed
 *    after the version Gavel last evaluated (a webhook that never arrived),
 *    or past its wake time.
 *
 * A failing item or installation (suspended, rate-limited, search refused)
 * is logged and counted, and the sweep goes on; its cursor stays, so the next
 * sweep searches the same span again. A rate limit stops the installation's
 * sweep at once, and it is skipped until GitHub's reset.
 * https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 */
export class Sweep {
  /**
   * Per installation, where the next search for changes starts (an instant
   * by GitHub's clock). An installation without one has not been swept by
   * this process yet: its next sweep searches for Gavel's state labels.
   */
  private readonly cursors = new Map<number, string>();
  /** From when the next look at the app's delivery log starts; null before the first sweep. */
  private deliveriesSince: string | null = null;
  /** Events this process already asked GitHub to redeliver. */
  private readonly redeliveryAsked = new LruCache<true>({ maxEntries: 10_000 });
  /** Redeliveries GitHub refused for a passing reason: asked again by the next sweep. */
  private readonly redeliveryPending = new LruCache<PendingRedelivery>({ maxEntries: 10_000 });
  /** Installations GitHub rate-limited, with when the limit lifts (Gavel's clock); not swept before. */
  private readonly rateLimited = new Map<number, number>();
  /** Per installation, where its searches look and when that was read. */
  private readonly scopes = new Map<number, { scope: InstallationScope; at: number }>();
  private running: Promise<SweepReport> | null = null;

  constructor(private readonly params: SweepParams) {}

  run(): Promise<SweepReport> {
    this.running ??= this.sweep().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sweep(): Promise<SweepReport> {
    const report: SweepReport = { installations: 0, redelivered: 0, found: 0, evaluated: 0, failed: 0 };
    const app = await this.params.app.asApp();
    await this.redeliver({ app, report });
    for (const installation of await listInstallations(app)) {
      report.installations++;
      const account = installation.account && "login" in installation.account ? installation.account.login : null;
      if (installation.suspended_at || !account) {
        this.params.log.info(`sweep: skipping installation ${installation.id} (${installation.suspended_at ? "suspended" : "no account"})`);
        continue;
      }
      const resumeAt = this.rateLimited.get(installation.id) ?? 0;
      if (resumeAt > this.params.now().getTime()) {
        report.failed++;
        this.params.log.warn(
          `sweep: skipping installation ${installation.id} (${account}): GitHub's rate limit holds until ${new Date(resumeAt).toISOString()}`,
        );
        continue;
      }
      this.rateLimited.delete(installation.id);
      try {
        await this.sweepInstallation({ installation, account, report });
      } catch (error) {
        report.failed++;
        const limited = this.pauseIfLimited({ installationId: installation.id, error });
        this.params.log.error({ err: error }, `sweep: installation ${installation.id} (${account}) failed; ${limited ?? "the next sweep retries it"}`);
      }
    }
    return report;
  }

  /** Step 1. A log that can't be read is counted as a failure; the next sweep reads the same span again. */
  private async redeliver(params: { app: GitHub; report: SweepReport }): Promise<void> {
    const { lookbackMs, now, handles, log } = this.params;
    if (lookbackMs <= 0 && this.deliveriesSince === null) return;
    const startedAt = now().getTime();
    try {
      const since = this.deliveriesSince ?? new Date(startedAt - lookbackMs).toISOString();
      const done = await redeliverFailed({
        app: params.app,
        since,
        now: new Date(startedAt),
        handles,
        asked: this.redeliveryAsked,
        pending: this.redeliveryPending,
        log,
      });
      params.report.redelivered = done.redelivered;
      this.deliveriesSince = new Date(startedAt - DELIVERY_LOG_OVERLAP_MS).toISOString();
    } catch (error) {
      params.report.failed++;
      log.error({ err: error }, "sweep: the app's delivery log could not be read; the next sweep reads the same span again");
    }
  }

  /**
   * After GitHub answered a rate limit (429, or 403 with a reset), the
   * installation is not swept again before the time GitHub gave: asking
   * meanwhile only spends requests on refusals, which GitHub may punish.
   * Returns what happens next, for the log, or null when the error is no
   * rate limit. Items that failed on it were already scheduled for the reset
   * by their own evaluation.
   * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
   */
  private pauseIfLimited(params: { installationId: number; error: unknown }): string | null {
    const now = this.params.now();
    const wait = retryAfterMs({ error: params.error, now });
    if (wait === null) return null;
    const resumeAt = now.getTime() + wait;
    this.rateLimited.set(params.installationId, resumeAt);
    return `rate-limited: swept again from ${new Date(resumeAt).toISOString()}`;
  }

  /**
   * An installation's scope (see `installationScope`), read again after
   * SCOPE_TTL_MS: an account rarely crosses 4,000 repositories, and a
   * repository granted since is left out of at most an hour of sweeps (its
   * webhooks still arrive). Read afresh after a start.
   */
  private async scopeOf(params: { github: GitHub; installation: Installation; account: string }): Promise<InstallationScope> {
    const now = this.params.now().getTime();
    const known = this.scopes.get(params.installation.id);
    if (known && now - known.at < SCOPE_TTL_MS) return known.scope;
    const scope = await installationScope(params);
    this.scopes.set(params.installation.id, { scope, at: now });
    return scope;
  }

  /** Steps 2 and 3 for one installation. */
  private async sweepInstallation(params: { installation: Installation; account: string; report: SweepReport }): Promise<void> {
    const { installation, account, report } = params;
    const { scheduler, now, lookbackMs, log } = this.params;
    const github = await this.params.app.asInstallation(installation.id);
    const startedAt = now().getTime();
    const since = this.cursors.get(installation.id);
    const first = since === undefined;
    // After a start, changes are looked for back to the lookback; later, since the previous sweep.
    const changedSince = first ? (lookbackMs > 0 ? searchInstant(startedAt - lookbackMs) : null) : since;
    const scope = await this.scopeOf({ github, installation, account });
    // Neither search says `is:open`: a vote on an issue closed before its deadline must still close.
    // One search at a time (GitHub's secondary limits want no concurrency, and Octokit's throttling
    // spaces searches 2 s apart anyway): a failure stops the rest, so none goes out after this sweep gave up.
    const search = async (params: { query: (scope: string) => string; from: string | null; what: string }) => {
      const parts: SearchResult[] = [];
      for (const q of scope.qualifiers) parts.push(await searchIssues({ github, query: params.query(q), from: params.from, what: params.what }));
      return mergeSearches(parts);
    };
    const labelled = first
      ? await search({ query: (q) => `${STATE_LABELS_QUERY} ${q}`, from: null, what: `searching ${account} for items Gavel is waiting on` })
      : null;
    const changed =
      changedSince === null ? null : await search({ query: (q) => q, from: changedSince, what: `searching ${account} for changes since ${changedSince}` });
    if (labelled?.incomplete || changed?.incomplete)
      log.warn(`sweep: GitHub's search for ${account} was incomplete; the next sweep searches the same span again`);
    const found = foundItems({
      installationId: installation.id,
      labelled: labelled?.items ?? [],
      changed: changed?.items ?? [],
      overdue: first ? [] : scheduler.overdue(installation.id),
      granted: scope.granted,
    });
    for (const { item, always, updatedAt } of found) {
      report.found++;
      if (!always && !scheduler.isDue({ item, updatedAt })) continue;
      report.evaluated++;
      try {
        await this.params.evaluate(item);
      } catch (error) {
        report.failed++;
        // A rate limit fails the installation's other items too: stop here, keep the cursor (the span is searched again).
        const limited = this.pauseIfLimited({ installationId: installation.id, error });
        log.error({ err: error }, `sweep: evaluating ${item.owner}/${item.repo}#${item.number} failed${limited ? `; ${limited}` : ""}`);
        if (limited) return;
      }
    }
    // A labelled search that missed items leaves the installation unswept, so the next sweep searches the labels again.
    if (labelled && (labelled.incomplete || labelled.capped)) return;
    const next = changed && changedSince !== null ? nextCursor({ since: changedSince, startedAt, search: changed }) : searchInstant(startedAt - SEARCH_LAG_MS);
    if (next !== null) this.cursors.set(installation.id, next);
  }
}

/**
 * The items a sweep of one installation looks at, one entry per item:
 * labelled ones always (after a start, the timers were lost), changed ones if
 * they changed after Gavel last saw them, overdue ones always; none in a
 * repository the installation was not granted.
 */
function foundItems(params: {
  installationId: number;
  labelled: FoundItem[];
  changed: FoundItem[];
  overdue: ItemRef[];
  /** The repositories the installation was granted (lower-cased `owner/name`); null for all of its account's. */
  granted: ReadonlySet<string> | null;
}): Array<{ item: ItemRef; always: boolean; updatedAt: string }> {
  const items = new Map<string, { item: ItemRef; always: boolean; updatedAt: string }>();
  const add = (found: FoundItem, always: boolean) => {
    const [owner, repo] = found.repository_url.split("/").slice(-2);
    if (!owner || !repo) throw new Error(`sweep: a search result has no repository: ${found.repository_url}`);
    if (params.granted && !params.granted.has(`${owner}/${repo}`.toLowerCase())) return;
    const labels = found.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")));
    const kinds: Array<ItemRef["kind"]> = [];
    // Labelled search: the PRs Gavel waits on. Search for changes: every open PR, whose webhook may be the one lost.
    if (found.pull_request && found.state === "open" && (!always || hasLabel({ labels, label: LABELS.governanceWaiting }))) kinds.push("pull");
    if (hasLabel({ labels, label: LABELS.voteOpen })) kinds.push("vote");
    for (const kind of kinds) {
      const item: ItemRef = { installationId: params.installationId, owner, repo, number: found.number, kind };
      const key = itemKey(item);
      if (!items.get(key)?.always) items.set(key, { item, always, updatedAt: found.updated_at });
    }
  };
  for (const found of params.labelled) add(found, true);
  for (const found of params.changed) add(found, false);
  for (const item of params.overdue) {
    const key = itemKey(item);
    if (!items.has(key)) items.set(key, { item, always: true, updatedAt: "" });
  }
  return [...items.values()];
}

/**
 * Where the next search for changes starts: before this sweep by the search
 * lag, never before `since`. An incomplete search keeps the cursor (the span
 * is searched again); a capped one advances only to its newest result.
 */
function nextCursor(params: { since: string; startedAt: number; search: SearchResult }): string | null {
  const { since, startedAt, search } = params;
  if (search.incomplete) return null;
  // Past this sweep's share of pages: on from the newest result reached.
  if (search.capped && search.cappedAt) return searchInstant(Math.min(Date.parse(search.cappedAt), startedAt - SEARCH_LAG_MS));
  return searchInstant(Math.max(Date.parse(since), startedAt - SEARCH_LAG_MS));
}
