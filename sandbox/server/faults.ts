/**
 * A fault injected on one route ("GET /repos/{owner}/{repo}/pulls/{pull_number}",
 * as counted) or on every route ("*"): latency before the answer, or an error
 * answer instead of it (a 5xx, or 429 with `retry-after` as GitHub's secondary
 * rate limit sends). `times` bounds how many requests it hits (default: all).
 */
export interface FaultSpec {
  route: string;
  /** Hits only requests whose decoded path and query contain this, e.g. `org:broken` or `/teams/core/`. */
  pathIncludes?: string;
  latencyMs?: number;
  status?: number;
  retryAfterSeconds?: number;
  /** A primary rate limit: `x-ratelimit-remaining: 0` and a reset this many seconds away (with `status`, 403 by default). */
  resetInSeconds?: number;
  /** Lets this many matching requests through first (e.g. page 1 of a list), then hits. */
  after?: number;
  times?: number;
  /** Something that happens on GitHub just before the hit request is answered (a person acting mid-read). */
  meanwhile?: () => void;
}

export interface ActiveFault extends FaultSpec {
  hits: number;
  passed: number;
}

export class Faults {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): () => void {
    const fault: ActiveFault = { ...spec, hits: 0, passed: 0 };
    this.faults.push(fault);
    return () => {
      this.faults = this.faults.filter((f) => f !== fault);
    };
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault that hits this request (`path`: its path and query, decoded), counted as a hit; exhausted faults are dropped. */
  take(params: { route: string; path: string }): ActiveFault | null {
    const { route, path } = params;
    const fault = this.faults.find((f) => (f.route === route || f.route === "*") && (f.pathIncludes === undefined || path.includes(f.pathIncludes)));
    if (!fault) return null;
    if (fault.after !== undefined && fault.passed < fault.after) {
      fault.passed++;
      return null;
    }
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

/** One request as the counter saw it: when it started and ended, on one sequence shared by all requests. */
export interface RequestRecord {
  route: string;
  /** The path and query as requested, decoded: `/repos/acme/community/compare/1a2b…...3c4d…`. */
  path: string;
  start: number;
  end: number | null;
  status: number | null;
  /** Wall-clock milliseconds (performance.now) when it arrived and when it was answered: Gavel paces its requests in real time. */
  startedAtMs: number;
  endedAtMs: number | null;
}

/** The log keeps this many requests since the last reset: enough for any one step, bounded for the benchmark. */
const LOG_LIMIT = 10_000;

/** Requests by "METHOD template", since the last reset: the cost of each step, as tests and the demo read it. */
export class RequestCounter {
  private counts = new Map<string, number>();
  private log: RequestRecord[] = [];
  private seq = 0;

  /** Counts a request and logs its start; `finish` logs its end. */
  count(params: { route: string; path: string }): { finish: (status: number) => void } {
    const { route, path } = params;
    this.counts.set(route, (this.counts.get(route) ?? 0) + 1);
    const record: RequestRecord = { route, path, start: this.seq++, end: null, status: null, startedAtMs: performance.now(), endedAtMs: null };
    if (this.log.length < LOG_LIMIT) this.log.push(record);
    return {
      finish: (status) => {
        record.end = this.seq++;
        record.endedAtMs = performance.now();
        record.status = status;
      },
    };
  }

  /** Routes in order of first request, with their counts. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }

  /** The logged requests since the last reset, in order of start. */
  records(): RequestRecord[] {
    return this.log.map((r) => ({ ...r }));
  }

  reset(): void {
    this.counts = new Map();
    this.log = [];
  }
}
