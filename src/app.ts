import type { ApplicationFunction, Probot } from "probot";
import { GavelCache } from "./cache/gavel-cache.js";
import type { GitHub } from "./github/client.js";
import { applyRequestPolicy, DEFAULT_REQUEST_POLICY, type RequestPolicy } from "./github/request-policy.js";
import { onCheckRerequested, RERUN_EVENTS } from "./handlers/check-rerequested.js";
import { CHECK_WRITTEN_EVENTS, onCheckRunWritten } from "./handlers/check-run-written.js";
import { COMMENT_EVENTS, onIssueComment } from "./handlers/issue-comment.js";
import { reconcileVote } from "./handlers/reconcile-vote.js";
import { threadKey } from "./handlers/vote-thread.js";
import type { GavelDeps } from "./handlers/deps.js";
import { governPullRequest } from "./handlers/govern-pull-request.js";
import { onPullRequestReview, REVIEW_EVENTS } from "./handlers/pull-request-review.js";
import { onPullRequest, PULL_REQUEST_EVENTS } from "./handlers/pull-request.js";
import { onPush } from "./handlers/push.js";
import { sweepEndpoint } from "./schedule/sweep-endpoint.js";
import { sweep, SweepMemory, type SweepReport } from "./schedule/sweep.js";
import { systemTimers, WakeScheduler, type Timers, type WakeItem } from "./schedule/wake-scheduler.js";
import { KeyedLock } from "./schedule/keyed-lock.js";
import { deriveMarkerKey } from "./state/signed-marker.js";

export interface GavelOptions {
  /** The GitHub App's id: only this app's comments and check runs are read as Gavel's own. */
  appId: number;
  /** The app's secret; the key that signs Gavel's state markers is derived from it. */
  secret: string;
  /** Secrets used before a rotation: markers they signed still verify. */
  previousSecrets?: string[];
  /** Injected clock; defaults to the system clock. */
  now?: () => Date;
  /** Injected timers; default to setTimeout. */
  timers?: Timers;
  /** Sweep at start-up and then this often; 0 disables the loop (tests drive `runtime.sweep`). */
  sweepIntervalMs: number;
  /** Bearer token of `POST /gavel/sweep`; null leaves the endpoint off. */
  sweepToken: string | null;
  /** How far back the first sweep after a start looks for changes whose webhooks were lost; default DEFAULT_SWEEP_LOOKBACK_MS; 0 turns that search off. */
  sweepLookbackMs?: number;
  /** Injected cache (tests control its clock); defaults to a fresh one. */
  cache?: GavelCache;
  /** Timeouts and retries of Gavel's requests; tests shorten the backoff. */
  requestPolicy?: RequestPolicy;
}

/** What a running Gavel offers beyond webhooks: the sweep, for schedulers and tests. */
export interface GavelRuntime {
  /** Runs the reconcile sweep; the first run after start evaluates every labelled item, later ones what changed or came due. */
  sweep(): Promise<SweepReport>;
  scheduler(): WakeScheduler;
  stop(): void;
}

/** By default the first sweep after a start repairs webhooks lost up to an hour before it. */
export const DEFAULT_SWEEP_LOOKBACK_MS = 60 * 60_000;

/** Wiring only: each webhook family goes to its handler; timers and the sweep wake items up. */
export function createGavel(options: GavelOptions): { appFn: ApplicationFunction; runtime: GavelRuntime } {
  const now = options.now ?? (() => new Date());
  const policy = options.requestPolicy ?? DEFAULT_REQUEST_POLICY;
  const guard = <T extends { octokit: GitHub }>(context: T): T => {
    applyRequestPolicy({ github: context.octokit, policy });
    return context;
  };
  const timers = options.timers ?? systemTimers;
  let state: { probot: Probot; scheduler: WakeScheduler; deps: GavelDeps; memory: SweepMemory; stopLoop: () => void; sweeping: Promise<SweepReport> | null } | null = null;
  const started = () => {
    if (!state) throw new Error("Gavel is not loaded into Probot yet");
    return state;
  };

  const wake = async (item: WakeItem): Promise<void> => {
    const { probot, deps } = started();
    const github = applyRequestPolicy({ github: await probot.auth(item.installationId), policy });
    const repo = { owner: item.owner, repo: item.repo };
    if (item.kind === "pull") await governPullRequest({ target: { github, installationId: item.installationId, repo, number: item.number, hintHeadSha: null }, deps });
    else {
      const target = { github, installationId: item.installationId, repo, number: item.number };
      await deps.locks.exclusive({ key: threadKey(target), task: () => reconcileVote({ target, deps }) });
    }
  };

  const runtime: GavelRuntime = {
    // One sweep at a time: a request to the endpoint during the loop's sweep gets that sweep's report.
    sweep: () => {
      const s = started();
      if (s.sweeping) return s.sweeping;
      const lookbackMs = options.sweepLookbackMs ?? DEFAULT_SWEEP_LOOKBACK_MS;
      s.sweeping = sweep({ probot: s.probot, scheduler: s.scheduler, memory: s.memory, handles: handlesEvent, lookbackMs, now, evaluate: wake, log: s.probot.log, guard: (github) => applyRequestPolicy({ github, policy }) })
        .finally(() => {
          s.sweeping = null;
        });
      return s.sweeping;
    },
    scheduler: () => started().scheduler,
    stop: () => {
      state?.stopLoop();
      state?.scheduler.stop();
    },
  };

  const appFn: ApplicationFunction = (app, appOptions) => {
    const scheduler = new WakeScheduler({ now, timers, run: wake, log: app.log });
    const deps: GavelDeps = { appId: options.appId, markerKey: deriveMarkerKey({ secret: options.secret, previousSecrets: options.previousSecrets ?? [] }), now, log: app.log, schedule: scheduler, locks: new KeyedLock(), cache: options.cache ?? defaultCache(options.now) };
    state = { probot: app, scheduler, deps, memory: new SweepMemory(), stopLoop: () => undefined, sweeping: null };
    app.on([...PULL_REQUEST_EVENTS], (context) => onPullRequest({ context: guard(context), deps }));
    app.on([...REVIEW_EVENTS], (context) => onPullRequestReview({ context: guard(context), deps }));
    app.on([...RERUN_EVENTS], (context) => onCheckRerequested({ context: guard(context), deps }));
    app.on([...CHECK_WRITTEN_EVENTS], (context) => onCheckRunWritten({ context, deps }));
    app.on([...COMMENT_EVENTS], (context) => onIssueComment({ context: guard(context), deps }));
    app.on("push", (context) => onPush({ context: guard(context), deps }));
    if (options.sweepToken) appOptions.addHandler(sweepEndpoint({ token: options.sweepToken, sweep: runtime.sweep, log: app.log }));
    if (options.sweepIntervalMs > 0) state.stopLoop = sweepLoop({ timers, intervalMs: options.sweepIntervalMs, run: runtime.sweep, log: app.log });
  };
  return { appFn, runtime };
}

/** The webhook events Gavel acts on, as `event.action` (`push.` has none): the sweep redelivers only these. */
const HANDLED = new Set<string>([...PULL_REQUEST_EVENTS, ...REVIEW_EVENTS, ...RERUN_EVENTS, ...COMMENT_EVENTS, "push."]);
function handlesEvent(name: string): boolean {
  return HANDLED.has(name);
}

/**
 * The cache's TTLs run on the injected clock when there is one (the sandbox,
 * tests), so that moving it ages entries as time would; otherwise on the
 * monotonic clock, which a wall-clock step can't move back.
 */
function defaultCache(now: (() => Date) | undefined): GavelCache {
  return now ? new GavelCache({ clock: () => now().getTime() }) : new GavelCache();
}

/** Sweeps now, then every interval, one sweep at a time. */
function sweepLoop(params: { timers: Timers; intervalMs: number; run: () => Promise<SweepReport>; log: Probot["log"] }): () => void {
  let cancel: () => void = () => undefined;
  let stopped = false;
  const tick = (): void => {
    params
      .run()
      .catch((error: unknown) => params.log.error({ err: error }, "the reconcile sweep failed; it runs again next interval"))
      .finally(() => {
        if (!stopped) cancel = params.timers.set({ fn: tick, ms: params.intervalMs });
      });
  };
  cancel = params.timers.set({ fn: tick, ms: 0 });
  return () => {
    stopped = true;
    cancel();
  };
}
