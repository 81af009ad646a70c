import type { Logger, Probot } from "probot";
import { LABELS, STATE_LABELS_QUERY } from "../constants.js";
import { LruCache } from "../cache/lru-cache.js";
import { reading, type GitHub } from "../github/client.js";
import { redeliverFailed, type PendingRedelivery } from "../github/redeliver-failed.js";
import { searchInstant, searchIssues, type FoundItem, type SearchResult } from "./search-issues.js";
import { itemKey, type WakeItem, type WakeScheduler } from "./wake-scheduler.js";

export interface SweepReport {
  installations: number;
  /** Webhook events GitHub could not deliver that it was asked to send again. */
  redelivered: number;
  found: number;
  evaluated: number;
  /** Items, or whole installations, that could not be evaluated; each is logged and retried next sweep. */
  failed: number;
}

/** What the sweep remembers between runs in one process. */
export class SweepMemory {
  /**
   * Per installation, where the next search for changes starts (an instant
   * by GitHub's clock). An installation without one has not been swept by
   * this process yet: its next sweep searches for Gavel's state labels.
   */
  readonly cursors = new Map<number, string>();
  /** From when the next look at the app's delivery log starts; null before the first sweep. */
  deliveriesSince: string | null = null;
  /** Events this process already asked GitHub to redeliver. */
  readonly redeliveryAsked = new LruCache<true>({ maxEntries: 10_000 });
  /** Redeliveries GitHub refused for a passing reason: asked again by the next sweep. */
  readonly redeliveryPending = new LruCache<PendingRedelivery>({ maxEntries: 10_000 });
}

/** A delivery enters GitHub's log when it ends (up to its 10 s timeout): each look starts this long before the previous sweep. */
const DELIVERY_LOG_LAG_MS = 60_000;

/**
 * GitHub's search index trails its writes; a search for changes starts this
 * long before the previous sweep did, so that nothing indexed late is missed.
 * Items found twice are skipped by the scheduler (not changed since evaluated).
 */
export const SEARCH_LAG_MS = 10 * 60_000;

/**
 * The reconcile sweep. Its cost grows with installations and with what
 * changed, not with repositories.
 *
 * - The first sweep of an installation (after a start) searches for Gavel's
 *   state labels and evaluates every item found: timers were lost, and what
 *   the labels mark is all that time alone can change. Alongside, it searches
 *   for what changed in the `lookbackMs` before it (webhooks lost while Gavel
 *   was down), as a later sweep does: two searches, once.
 * - Every later sweep makes ONE search per installation, for what changed on
 *   GitHub since the previous sweep (less SEARCH_LAG_MS), and evaluates each
 *   open PR and open vote found that changed after the version Gavel last
 *   evaluated: a webhook that never arrived (an `opened`, a `synchronize`, a
 *   review, a label, a ballot) is repaired within one interval, on labelled
 *   and unlabelled items alike. Items whose wake time passed come from the
 *   scheduler, which knows every labelled item since the first sweep (a
 *   label added since is a change the search finds).
 *
 * A failing item or installation (suspended, rate-limited, search refused)
 * is logged and counted, and the sweep goes on; its cursor stays, so the next
 * sweep searches the same span again. A search GitHub reports as incomplete
 * is logged and its span searched again; one longer than this sweep reads
 * (see `searchIssues`) moves the cursor only as far as its newest result.
 * https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 * https://docs.github.com/search-github/searching-on-github/searching-issues-and-pull-requests#search-by-when-an-issue-or-pull-request-was-created-or-last-updated
 */
export async function sweep(params: {
  probot: Probot;
  scheduler: WakeScheduler;
  memory: SweepMemory;
  /** Whether Gavel acts on a webhook `event.action`: only those are redelivered. */
  handles: (name: string) => boolean;
  /** How far back the first sweep after a start looks for changes (webhooks lost while Gavel was down); 0 turns that search off. */
  lookbackMs: number;
  now: () => Date;
  evaluate: (item: WakeItem) => Promise<void>;
  log: Logger;
  /** Applied to each Octokit the sweep uses (timeouts and retries). */
  guard?: (github: GitHub) => GitHub;
}): Promise<SweepReport> {
  const report: SweepReport = { installations: 0, redelivered: 0, found: 0, evaluated: 0, failed: 0 };
  const guard = params.guard ?? ((github: GitHub) => github);
  const appOctokit = guard(await params.probot.auth());
  const { memory } = params;
  const startedAt = params.now().getTime();
  if (params.lookbackMs > 0 || memory.deliveriesSince !== null) {
    try {
      const since = memory.deliveriesSince ?? new Date(startedAt - params.lookbackMs).toISOString();
      report.redelivered = (await redeliverFailed({ app: appOctokit, since, now: new Date(startedAt), handles: params.handles, asked: memory.redeliveryAsked, pending: memory.redeliveryPending, log: params.log })).redelivered;
      memory.deliveriesSince = new Date(startedAt - DELIVERY_LOG_LAG_MS).toISOString();
    } catch (error) {
      report.failed++;
      params.log.error({ err: error }, "sweep: the app's delivery log could not be read; the next sweep reads the same span again");
    }
  }
  const installations = await reading({ what: "listing the app's installations", read: () => appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 }) });
  for (const installation of installations) {
    report.installations++;
    const account = installation.account && "login" in installation.account ? installation.account.login : null;
    if (installation.suspended_at || !account) {
      params.log.info(`sweep: skipping installation ${installation.id} (${installation.suspended_at ? "suspended" : "no account"})`);
      continue;
    }
    try {
      const github = guard(await params.probot.auth(installation.id));
      await sweepInstallation({ ...params, cursors: memory.cursors, github, installationId: installation.id, account, organization: installation.target_type === "Organization", report });
    } catch (error) {
      report.failed++;
      params.log.error({ err: error }, `sweep: installation ${installation.id} (${account}) failed; the next sweep retries it`);
    }
  }
  return report;
}

async function sweepInstallation(params: {
  github: GitHub;
  scheduler: WakeScheduler;
  cursors: Map<number, string>;
  lookbackMs: number;
  now: () => Date;
  evaluate: (item: WakeItem) => Promise<void>;
  log: Logger;
  installationId: number;
  account: string;
  organization: boolean;
  report: SweepReport;
}): Promise<void> {
  const { report, account, installationId: id, scheduler } = params;
  const startedAt = params.now().getTime();
  const since = params.cursors.get(id);
  const first = since === undefined;
  const scope = `${params.organization ? "org" : "user"}:${account}`;
  // After a start, changes are looked for back to the lookback; later, since the previous sweep.
  const changedSince = first ? (params.lookbackMs > 0 ? searchInstant(startedAt - params.lookbackMs) : null) : since;
  // Neither search says `is:open`: a vote on an issue closed before its deadline must still close.
  const [labelled, changed] = await Promise.all([
    first ? searchIssues({ github: params.github, query: `${STATE_LABELS_QUERY} ${scope}`, from: null, what: `searching ${account} for items Gavel is waiting on` }) : null,
    changedSince === null ? null : searchIssues({ github: params.github, query: scope, from: changedSince, what: `searching ${account} for changes since ${changedSince}` }),
  ]);
  if (labelled?.incomplete || changed?.incomplete) params.log.warn(`sweep: GitHub's search for ${account} was incomplete; the next sweep searches the same span again`);

  // Every labelled item is evaluated (after a start, the timers were lost); a changed one if it changed after Gavel last saw it.
  const items = new Map<string, { item: WakeItem; always: boolean; updatedAt: string }>();
  const add = (params: { found: FoundItem; always: boolean }) => {
    const { found, always } = params;
    const [owner, repo] = found.repository_url.split("/").slice(-2);
    if (!owner || !repo) throw new Error(`sweep: a search result has no repository: ${found.repository_url}`);
    const labels = found.labels.map((l) => (typeof l === "string" ? l : l.name));
    const kinds: Array<WakeItem["kind"]> = [];
    // Labelled search: the PRs Gavel waits on. Search for changes: every open PR, whose webhook may be the one lost.
    if (found.pull_request && found.state === "open" && (!always || labels.includes(LABELS.governanceWaiting))) kinds.push("pull");
    if (labels.includes(LABELS.voteOpen)) kinds.push("vote");
    for (const kind of kinds) {
      const item: WakeItem = { installationId: id, owner, repo, number: found.number, kind };
      const key = itemKey(item);
      if (!items.get(key)?.always) items.set(key, { item, always, updatedAt: found.updated_at });
    }
  };
  for (const found of labelled?.items ?? []) add({ found, always: true });
  for (const found of changed?.items ?? []) add({ found, always: false });
  if (!first) {
    for (const item of scheduler.overdue(id)) {
      const key = itemKey(item);
      if (!items.has(key)) items.set(key, { item, always: true, updatedAt: "" });
    }
  }

  for (const { item, always, updatedAt } of items.values()) {
    report.found++;
    if (!always && !scheduler.isDue({ item, updatedAt })) continue;
    report.evaluated++;
    try {
      await params.evaluate(item);
    } catch (error) {
      report.failed++;
      params.log.error({ err: error }, `sweep: evaluating ${item.owner}/${item.repo}#${item.number} failed`);
    }
  }
  // A labelled search that missed items leaves the installation unswept, so the next sweep searches the labels again.
  if (labelled && (labelled.incomplete || labelled.capped)) return;
  const next = changed && changedSince !== null ? nextCursor({ since: changedSince, startedAt, search: changed }) : searchInstant(startedAt - SEARCH_LAG_MS);
  if (next !== null) params.cursors.set(id, next);
}

/**
 * Where the next search for changes starts: before this sweep by the search
 * lag, never before `since`. An incomplete search keeps the cursor (the span
 * is searched again); a capped one advances only to its newest result.
 */
function nextCursor(params: { since: string; startedAt: number; search: SearchResult }): string | null {
  const { since, startedAt, search } = params;
  if (search.incomplete) return null;
  const last = search.items.at(-1);
  // Past this sweep's share of pages: on from the newest result reached.
  if (search.capped && last) return searchInstant(Math.min(Date.parse(last.updated_at), startedAt - SEARCH_LAG_MS));
  return searchInstant(Math.max(Date.parse(since), startedAt - SEARCH_LAG_MS));
}
