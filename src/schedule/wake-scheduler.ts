import type { Logger } from "probot";
import { LruCache } from "../cache/lru-cache.js";
import { itemKey, type ItemRef } from "../items/item-ref.js";

/** Timers behind an interface, so tests move a manual clock instead of sleeping. */
export interface Timers {
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  set(params: { fn: () => void; ms: number }): () => void;
}

export const systemTimers: Timers = {
  set: ({ fn, ms }) => {
    const timer = setTimeout(fn, ms);
    // A pending wake-up must not keep a stopping process alive: the sweep recovers it.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/**
 * The instant up to which an evaluation saw an item: GitHub's `updated_at` of
 * the version it read (a webhook's copy may be minutes old), and never later
 * than when it began reading, so that its own clock can't hide a change.
 */
export function seenUntil(params: { updatedAt: string; readStart: Date }): Date {
  const version = Date.parse(params.updatedAt);
  return new Date(Number.isNaN(version) ? params.readStart.getTime() : Math.min(version, params.readStart.getTime()));
}

/** How many items' last evaluation times the scheduler remembers beyond those it is waiting on. */
export const EVALUATED_MEMORY = 20_000;

/** setTimeout can't wait longer than 2^31−1 ms (about 24.8 days); longer waits re-arm. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

interface Entry {
  item: ItemRef;
  /** When the item was last evaluated, by Gavel's clock. */
  evaluatedAt: number;
  wakeAt: number | null;
  cancel: (() => void) | null;
}

/**
 * In-process wake-ups, armed from each evaluation's `nextWakeAt`. The latest
 * evaluation of an item decides its one timer, so redelivered or doubled
 * wake-ups collapse. A timer never runs an item before its time: if it fires
 * early (clock drift, a long wait split up), it re-arms for the rest. Timers
 * are lost on restart; the reconcile sweep finds those items again.
 */
export class WakeScheduler {
  private readonly entries = new Map<string, Entry>();
  /**
   * When each recently evaluated item was last evaluated, waiting or not: the
   * sweep skips an item GitHub has not changed since. Bounded; an item it
   * forgot counts as unknown, so the cost of forgetting is one evaluation.
   */
  private readonly evaluated = new LruCache<number>({ maxEntries: EVALUATED_MEMORY });
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: { now: () => Date; timers: Timers; run: (item: ItemRef) => Promise<void>; log: Logger }) {}

  /**
   * Remembers an evaluation and (re)arms the item's timer; `nextWakeAt` null
   * disarms it. `seenUntil` (see `seenUntil()`; default now) is the instant up
   * to which the evaluation saw the item: the sweep counts a later change as
   * unseen.
   */
  record(params: { item: ItemRef; nextWakeAt: string | null; seenUntil?: Date }): void {
    const key = itemKey(params.item);
    const previous = this.entries.get(key);
    previous?.cancel?.();
    const wakeAt = params.nextWakeAt === null ? null : Date.parse(params.nextWakeAt);
    const entry: Entry = { item: params.item, evaluatedAt: (params.seenUntil ?? this.deps.now()).getTime(), wakeAt, cancel: null };
    this.entries.set(key, entry);
    this.evaluated.set({ key, value: entry.evaluatedAt });
    if (wakeAt !== null) this.arm({ key, entry });
  }

  /** An item that was just evaluated (having seen it up to `seenUntil`, default now) and no longer needs waking: closed, met, blocked for good. */
  forget(params: { item: ItemRef; seenUntil?: Date }): void {
    const key = itemKey(params.item);
    this.entries.get(key)?.cancel?.();
    this.entries.delete(key);
    this.evaluated.set({ key, value: (params.seenUntil ?? this.deps.now()).getTime() });
  }

  /**
   * An evaluation that just recorded or forgot `item` then wrote to it (its
   * label, its comments), the last write at `at`, GitHub's time to the
   * second. Those writes moved the item's `updated_at`: without this the
   * next sweep would find each item Gavel wrote to and evaluate it once more.
   * Only moves a known evaluation forward. A change by someone else after
   * the last write still shows as newer; one whose webhook GitHub never
   * attempted, made between the evaluation's read and its last write (a few
   * seconds), waits for the item's next change, as a change within the same
   * second as a read does.
   */
  sawOwnWrites(params: { item: ItemRef; at: Date | null }): void {
    if (params.at === null) return;
    const key = itemKey(params.item);
    const at = params.at.getTime();
    const entry = this.entries.get(key);
    if (entry && entry.evaluatedAt < at) entry.evaluatedAt = at;
    const known = this.evaluated.get(key);
    if (known !== undefined && known < at) this.evaluated.set({ key, value: at });
  }

  /**
   * Whether the sweep should evaluate an item: unknown to this process, due by
   * its wake time, or changed on GitHub after what its last evaluation saw (a
   * webhook that never arrived). Both instants are GitHub's `updated_at` when
   * the evaluation knew it (see `seenUntil()`), so clocks don't skew them;
   * `updated_at` has whole seconds, so a change within the same second as the
   * version an evaluation read is taken as seen.
   */
  isDue(params: { item: ItemRef; updatedAt: string }): boolean {
    const key = itemKey(params.item);
    const entry = this.entries.get(key);
    if (entry && entry.wakeAt !== null && entry.wakeAt <= this.deps.now().getTime()) return true;
    const evaluatedAt = entry?.evaluatedAt ?? this.evaluated.get(key);
    if (evaluatedAt === undefined) return true;
    return Date.parse(params.updatedAt) > evaluatedAt;
  }

  /** An installation's items whose wake time has passed (a timer that failed, or fired while the item was busy). */
  overdue(installationId: number): ItemRef[] {
    const now = this.deps.now().getTime();
    return [...this.entries.values()].filter((e) => e.item.installationId === installationId && e.wakeAt !== null && e.wakeAt <= now).map((e) => e.item);
  }

  /** Items with an armed timer. */
  armed(): ItemRef[] {
    return [...this.entries.values()].filter((e) => e.cancel !== null).map((e) => e.item);
  }

  /** Resolves once no wake-up is running: for shutdown and for tests. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  stop(): void {
    for (const entry of this.entries.values()) entry.cancel?.();
    this.entries.clear();
    this.evaluated.clear();
  }

  private arm(params: { key: string; entry: Entry }): void {
    const { key, entry } = params;
    if (entry.wakeAt === null) return;
    const delay = Math.max(0, entry.wakeAt - this.deps.now().getTime());
    entry.cancel = this.deps.timers.set({
      ms: Math.min(delay, MAX_TIMER_MS),
      fn: () => {
        entry.cancel = null;
        if (this.entries.get(key) !== entry) return;
        if (entry.wakeAt !== null && this.deps.now().getTime() < entry.wakeAt) {
          this.arm({ key, entry });
          return;
        }
        const run = this.deps.run(entry.item).catch((error: unknown) => {
          this.deps.log.error({ err: error }, `wake-up of ${key} failed; the sweep retries it`);
        });
        this.running.add(run);
        void run.finally(() => this.running.delete(run));
      },
    });
  }
}
