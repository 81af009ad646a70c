/** At most `requests` content-creating requests in any `perMs` span (a sliding window). */
export interface ContentLimit {
  requests: number;
  perMs: number;
}

/**
 * GitHub's secondary rate limits on creating content: "In general, no more
 * than 80 content-generating requests per minute and no more than 500
 * content-generating requests per hour are allowed." GitHub names no list of
 * such requests, and most POST, PATCH, PUT and DELETE requests cost 5 points
 * (GETs 1), so every write counts.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export const CONTENT_LIMITS: readonly ContentLimit[] = [
  { requests: 80, perMs: 60_000 },
  { requests: 500, perMs: 60 * 60_000 },
];

/**
 * GitHub's advice between writes: "If you are making a large number of POST,
 * PATCH, PUT, or DELETE requests, wait at least one second between each
 * request." Kept strictly: a second from one write's answer to the next
 * write, so that GitHub, which sees arrivals, sees them at least that far
 * apart whatever the network did.
 * https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#pause-between-mutative-requests
 */
export const WRITE_SPACING_MS = 1_000;

interface Lane {
  /** Settles when the last write queued on this lane is done: the next one starts after it. */
  tail: Promise<void>;
  /** Writes queued or in flight. */
  pending: number;
  /** When each write of the longest window was answered, oldest first. */
  sent: number[];
  /** When the latest write was answered (or failed); null before the first. */
  lastAnsweredAt: number | null;
}

export class WriteLanesStopped extends Error {
  override readonly name = "WriteLanesStopped";
}

/**
 * One lane of writes per installation (GitHub's limits are per
 * installation): a write starts only once the previous one on its lane has
 * been answered and `spacingMs` has passed since, in the order they were
 * asked for, and only when every content limit has room in a sliding window.
 * Each write counts from when it was answered: GitHub counted it on arrival,
 * which was no later, so the windows GitHub sees are never fuller than these.
 * The wait is queue time: it comes before the attempt, so no timeout counts
 * it. Octokit's write group alone spaces the starts of writes (1 s) but lets
 * a slow one overlap the next, and has no window.
 */
export class WriteLanes {
  private readonly lanes = new Map<string, Lane>();
  private readonly longestMs: number;
  private stopped = false;

  constructor(
    private readonly params: {
      limits: readonly ContentLimit[];
      /** The quiet time between one write's answer and the next write on its lane; default 0. */
      spacingMs?: number;
      /** Milliseconds, monotonic; default performance.now. */
      clock?: () => number;
      sleep?: (ms: number) => Promise<void>;
    },
  ) {
    this.longestMs = Math.max(0, ...params.limits.map((l) => l.perMs));
  }

  /** Runs `write` on `lane` when its turn comes and the limits allow; its result or error is the caller's. */
  async run<T>(params: { lane: string; write: () => Promise<T> }): Promise<T> {
    const lane = this.lanes.get(params.lane) ?? { tail: Promise.resolve(), pending: 0, sent: [], lastAnsweredAt: null };
    this.lanes.set(params.lane, lane);
    const previous = lane.tail;
    let done: () => void = () => undefined;
    lane.tail = new Promise<void>((resolve) => {
      done = resolve;
    });
    lane.pending++;
    try {
      await previous;
      for (let wait = this.waitMs(lane); wait > 0; wait = this.waitMs(lane)) await this.sleep(wait);
      if (this.stopped) throw new WriteLanesStopped("Gavel is stopping: this write was not sent");
      try {
        return await params.write();
      } finally {
        // Counted when answered (or failed): GitHub counted it at some point in between, and no later than this.
        lane.lastAnsweredAt = this.now();
        lane.sent.push(lane.lastAnsweredAt);
      }
    } finally {
      lane.pending--;
      done();
      if (lane.pending === 0 && this.expire(lane).length === 0 && this.waitMs(lane) === 0) this.lanes.delete(params.lane);
    }
  }

  /** Writes queued or in flight on a lane. */
  pending(lane: string): number {
    return this.lanes.get(lane)?.pending ?? 0;
  }

  /** Refuses every write not yet started; those waiting give up when their wait ends. */
  stop(): void {
    this.stopped = true;
  }

  /** How long until the spacing has passed and every limit has room on this lane; 0 when a write may start now. */
  private waitMs(lane: Lane): number {
    if (this.stopped) return 0;
    const now = this.now();
    const sent = this.expire(lane);
    let wait = lane.lastAnsweredAt === null ? 0 : Math.max(0, lane.lastAnsweredAt + (this.params.spacingMs ?? 0) - now);
    for (const limit of this.params.limits) {
      const inWindow = sent.filter((at) => at > now - limit.perMs);
      // The oldest start that must leave the window before one more fits.
      const leaving = inWindow[inWindow.length - limit.requests];
      if (leaving !== undefined) wait = Math.max(wait, leaving + limit.perMs - now);
    }
    return wait;
  }

  /** Forgets writes older than the longest window; returns those left. */
  private expire(lane: Lane): number[] {
    const now = this.now();
    const first = lane.sent.findIndex((at) => at > now - this.longestMs);
    lane.sent.splice(0, first === -1 ? lane.sent.length : first);
    return lane.sent;
  }

  private now(): number {
    return (this.params.clock ?? (() => performance.now()))();
  }

  private sleep(ms: number): Promise<void> {
    if (this.params.sleep) return this.params.sleep(ms);
    // Not unref'd: a job that has only this write left to make (GitHub Actions mode) must not end first.
    return new Promise<void>((resolve) => setTimeout(resolve, ms));
  }
}
