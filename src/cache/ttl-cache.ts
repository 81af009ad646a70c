import { LruCache } from "./lru-cache.js";

/** A cached value, when it was last known to be current, and GitHub's ETag for revalidating it. */
export interface Cached<V> {
  value: V;
  /** Milliseconds on the cache's monotonic clock. */
  checkedAt: number;
  etag: string | null;
}

/**
 * An LRU whose entries go stale after `ttlMs`. A stale entry is not thrown
 * away: its ETag lets the next read be a conditional request, which GitHub
 * answers 304 without charging the rate limit when nothing changed.
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate
 */
export class TtlCache<V> {
  private readonly lru: LruCache<Cached<V>>;
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private generation = 0;

  constructor(params: { maxEntries: number; ttlMs: number; clock: () => number; maxWeight?: number; weigh?: (value: V) => number }) {
    const weigh = params.weigh;
    this.lru = new LruCache({ maxEntries: params.maxEntries, maxWeight: params.maxWeight, weigh: weigh ? (entry) => weigh(entry.value) : undefined });
    this.ttlMs = params.ttlMs;
    this.clock = params.clock;
  }

  get size(): number {
    return this.lru.size;
  }

  get weight(): number {
    return this.lru.weight;
  }

  /** The value while it is fresh, else undefined. */
  fresh(key: string): V | undefined {
    const entry = this.lru.get(key);
    if (!entry || this.clock() - entry.checkedAt >= this.ttlMs) return undefined;
    return entry.value;
  }

  /** The entry, fresh or stale (for a conditional request). */
  entry(key: string): Cached<V> | undefined {
    return this.lru.get(key);
  }

  /**
   * Bumped by every invalidation. A read takes it before asking GitHub and
   * passes it to `set`, so that an answer that was already on its way when a
   * webhook invalidated the cache is not stored as fresh.
   */
  get epoch(): number {
    return this.generation;
  }

  set(params: { key: string; value: V; etag?: string | null; since?: number }): void {
    if (params.since !== undefined && params.since !== this.generation) return;
    this.lru.set({ key: params.key, value: { value: params.value, checkedAt: this.clock(), etag: params.etag ?? null } });
  }

  /** A 304 said the cached value is still current. */
  confirm(key: string): void {
    const entry = this.lru.get(key);
    if (entry) entry.checkedAt = this.clock();
  }

  delete(key: string): boolean {
    this.generation++;
    return this.lru.delete(key);
  }

  clear(): void {
    this.generation++;
    this.lru.clear();
  }

  deleteWhere(matches: (key: string) => boolean): number {
    this.generation++;
    return this.lru.deleteWhere((key) => matches(key));
  }
}

/**
 * How one process's stores are timed and sized: `clock` is monotonic
 * milliseconds (an injected clock in tests and the sandbox), `ttlMs` how long
 * a value behind a name is trusted before it is revalidated, and `scale`
 * multiplies every cap (1 is production's; the soak uses less to fill the
 * caches early and show memory then stays flat).
 */
export interface StoreOptions {
  clock: () => number;
  ttlMs: number;
  scale: number;
}

/** A cap of `n` at the options' scale, at least 1. */
export function cap(params: { options: StoreOptions; n: number }): number {
  return Math.max(1, Math.round(params.n * params.options.scale));
}
