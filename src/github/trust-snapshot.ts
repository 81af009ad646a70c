import { LruCache } from "../cache/lru-cache.js";
import { cap, type StoreOptions } from "../cache/ttl-cache.js";
import type { RepoRef } from "./client.js";
import type { PullRequestSnapshot } from "../policy/types.js";
import { itemInRepoKey } from "./repo-key.js";

/** The newest PR each webhook or read showed, per PR: see `trustSnapshot`. */
export type SnapshotStore = LruCache<PullRequestSnapshot>;

export function createSnapshotStore(options: StoreOptions): SnapshotStore {
  return new LruCache({ maxEntries: cap({ options, n: 10_000 }) });
}

/**
 * A webhook older than this is not trusted to describe the PR: a redelivery,
 * or a delivery GitHub held back, reads the PR again.
 */
export const WEBHOOK_FRESH_MS = 5 * 60_000;

/**
 * The PR a webhook describes, if Gavel may evaluate it without reading the PR
 * again; null means "read it". Webhooks arrive out of order, and a stale one
 * could carry an old head (harmless: a check is per commit) or old labels
 * (not harmless: a label can add a rule). So a snapshot is trusted only when
 * it is recent and no newer one of the same PR has been seen in this process.
 * Two different snapshots with the same timestamp can't be ordered, so
 * neither is trusted. A snapshot Gavel read from the API just now is the
 * truth, and outranks older webhooks from then on.
 */
export function trustSnapshot(params: { store: SnapshotStore; repo: RepoRef; snapshot: PullRequestSnapshot; now: Date }): PullRequestSnapshot | null {
  const { store, snapshot } = params;
  if (snapshot.source === "api") {
    noteSnapshot({ store, repo: params.repo, snapshot });
    return snapshot;
  }
  const at = Date.parse(snapshot.updatedAt);
  if (!Number.isFinite(at) || params.now.getTime() - at > WEBHOOK_FRESH_MS) return null;
  const key = itemInRepoKey({ repo: params.repo, number: snapshot.number });
  const newest = store.get(key);
  if (newest) {
    const newestAt = Date.parse(newest.updatedAt);
    if (newestAt > at) return null;
    if (newestAt === at && !sameState({ a: newest, b: snapshot })) return null;
  }
  store.set({ key, value: snapshot });
  return snapshot;
}

/** Records a PR read from the API as the newest seen, so that older webhooks are not trusted after it. */
export function noteSnapshot(params: { store: SnapshotStore; repo: RepoRef; snapshot: PullRequestSnapshot }): void {
  const at = Date.parse(params.snapshot.updatedAt);
  if (!Number.isFinite(at)) return;
  const key = itemInRepoKey({ repo: params.repo, number: params.snapshot.number });
  const newest = params.store.get(key);
  if (!newest || Date.parse(newest.updatedAt) <= at) params.store.set({ key, value: params.snapshot });
}

function sameState(params: { a: PullRequestSnapshot; b: PullRequestSnapshot }): boolean {
  const { a, b } = params;
  const labels = (s: PullRequestSnapshot) =>
    s.labels
      .map((l) => l.toLowerCase())
      .sort()
      .join("\n");
  return a.headSha === b.headSha && a.open === b.open && a.draft === b.draft && a.baseRef === b.baseRef && labels(a) === labels(b);
}

/**
 * A PR opened moments ago. Its `opened` webhook's count of comments is then
 * current enough to say that none are Gavel's: a redelivery of the same
 * event, which would carry the same stale count, comes later than this.
 */
export const JUST_OPENED_MS = 60_000;

export function justOpened(params: { snapshot: PullRequestSnapshot; now: Date }): boolean {
  const age = params.now.getTime() - Date.parse(params.snapshot.createdAt);
  return Number.isFinite(age) && age >= 0 && age < JUST_OPENED_MS && params.snapshot.comments === 0;
}
