/**
 * A bounded least-recently-used map. Bounded twice: by entries, and by a
 * total weight (e.g. the number of paths in cached file lists), so that a few
 * huge values can't grow memory without limit any more than many small ones.
 * Reading an entry makes it the most recent; inserting past either bound
 * evicts the least recent entries first.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private totalWeight = 0;
  private readonly maxEntries: number;
  private readonly maxWeight: number;
  private readonly weigh: (value: V) => number;

  constructor(params: { maxEntries: number; maxWeight?: number; weigh?: (value: V) => number }) {
    if (!(params.maxEntries > 0)) throw new Error(`an LRU cache needs room for at least one entry, not ${params.maxEntries}`);
    this.maxEntries = params.maxEntries;
    this.maxWeight = params.maxWeight ?? Number.POSITIVE_INFINITY;
    this.weigh = params.weigh ?? (() => 1);
  }

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.totalWeight;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores `value`; a value heavier than the whole cache is not kept at all. */
  set(params: { key: string; value: V }): void {
    this.delete(params.key);
    const weight = this.weigh(params.value);
    if (weight > this.maxWeight) return;
    this.entries.set(params.key, { value: params.value, weight });
    this.totalWeight += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.totalWeight <= this.maxWeight) break;
      this.entries.delete(oldest);
      this.totalWeight -= entry.weight;
    }
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.totalWeight -= entry.weight;
    return true;
  }

  /** Deletes every entry whose key `matches`; returns how many went. */
  deleteWhere(matches: (key: string, value: V) => boolean): number {
    let deleted = 0;
    for (const [key, entry] of [...this.entries]) {
      if (!matches(key, entry.value)) continue;
      this.entries.delete(key);
      this.totalWeight -= entry.weight;
      deleted++;
    }
    return deleted;
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }

  /** A copy of the entries, least recent first; reading them doesn't make them recent. */
  list(): Array<[string, V]> {
    return [...this.entries].map(([key, entry]) => [key, entry.value]);
  }
}
