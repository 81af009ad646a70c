import Bottleneck from "bottleneck";
import { DEFAULT_REQUEST_POLICY, type RequestPolicy } from "./request-policy.js";
import { CONTENT_LIMITS, WRITE_SPACING_MS, WriteLanes } from "./write-lanes.js";

/**
 * The Bottleneck groups of Octokit's throttling plugin, which it takes in its
 * `throttle` options: each group keeps one limiter per throttle id (Gavel
 * gives each installation its own). Probot 14 passes none, so the plugin
 * makes one set per process, keyed by whatever id each client has.
 */
export interface ThrottleGroups {
  global: Bottleneck.Group;
  auth: Bottleneck.Group;
  search: Bottleneck.Group;
  write: Bottleneck.Group;
  notifications: Bottleneck.Group;
}

/** What Gavel puts in a client's `throttle` options besides its id and rate-limit handlers. */
export interface ThrottleClocks extends ThrottleGroups {
  /** The plugin's unit of GitHub's `retry-after` (1,000 ms a second in production). */
  retryAfterBaseValue: number;
}

/**
 * Every wait and timeout of Gavel's requests to GitHub, from one factor:
 * production runs at 1. Tests and the benchmark run the same machinery with
 * every clock shortened by the same factor, so that queue depth against the
 * timeouts keeps production's proportions.
 */
export interface Pacing {
  /** 1 in production; 0.01 makes every wait and timeout a hundred times shorter. */
  readonly timeScale: number;
  /** Octokit's throttling groups and retry-after unit, × timeScale. */
  readonly throttle: ThrottleClocks;
  /** Gavel's timeout per attempt and its backoff between reads, × timeScale. */
  readonly policy: RequestPolicy;
  /** One write at a time per installation, a second apart after each answer, within GitHub's content-creation limits (all × timeScale). */
  readonly writes: WriteLanes;
  /** Drops every request still queued: a stopped process sends nothing more. */
  stop(): void;
}

/**
 * The plugin's own groups (@octokit/plugin-throttling 11, `createGroups`):
 * at most 10 requests in flight per id, writes started 1 s apart, searches
 * 2 s, writes that notify people 3 s, token requests one at a time.
 */
const PLUGIN_GROUPS = {
  global: { maxConcurrent: 10 },
  auth: { maxConcurrent: 1 },
  search: { maxConcurrent: 1, minTime: 2_000 },
  write: { maxConcurrent: 1, minTime: 1_000 },
  notifications: { maxConcurrent: 1, minTime: 3_000 },
} as const;

/** How long a group keeps an idle installation's limiter: the plugin's 2 minutes. */
const GROUP_KEY_TTL_MS = 2 * 60_000;

export function createPacing(params: {
  timeScale: number;
  /**
   * The shortest timeout of a network attempt, whatever the scale (default
   * none). Only the waits Gavel makes are scaled: a local model of GitHub
   * answers at its own speed, and a timeout scaled below it would fail
   * requests that GitHub's own latency, against production's 5 s, never would.
   */
  minTimeoutMs?: number;
}): Pacing {
  const { timeScale } = params;
  if (!(timeScale > 0 && timeScale <= 1)) throw new Error(`the time scale must be in (0, 1], not ${timeScale}`);
  const group = (options: { maxConcurrent: number; minTime?: number }) =>
    new Bottleneck.Group({ maxConcurrent: options.maxConcurrent, minTime: (options.minTime ?? 0) * timeScale, timeout: GROUP_KEY_TTL_MS });
  const groups: ThrottleGroups = {
    global: group(PLUGIN_GROUPS.global),
    auth: group(PLUGIN_GROUPS.auth),
    search: group(PLUGIN_GROUPS.search),
    write: group(PLUGIN_GROUPS.write),
    notifications: group(PLUGIN_GROUPS.notifications),
  };
  const writes = new WriteLanes({
    limits: CONTENT_LIMITS.map((limit) => ({ requests: limit.requests, perMs: limit.perMs * timeScale })),
    spacingMs: WRITE_SPACING_MS * timeScale,
  });
  return {
    timeScale,
    throttle: { ...groups, retryAfterBaseValue: 1_000 * timeScale },
    policy: {
      timeoutMs: Math.max(DEFAULT_REQUEST_POLICY.timeoutMs * timeScale, params.minTimeoutMs ?? 0),
      readRetries: DEFAULT_REQUEST_POLICY.readRetries,
      backoffMs: DEFAULT_REQUEST_POLICY.backoffMs * timeScale,
    },
    writes,
    stop: () => {
      writes.stop();
      for (const g of Object.values(groups)) {
        for (const { limiter } of g.limiters()) void limiter.stop({ dropWaitingJobs: true }).catch(() => undefined);
        void g.disconnect(false);
      }
    },
  };
}
