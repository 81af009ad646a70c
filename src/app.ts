import type { ApplicationFunction, Probot } from "probot";
import type { AppClient } from "./github/app-client.js";
import type { GitHub } from "./github/client.js";
import { pacedClients } from "./github/paced-clients.js";
import { createPacing, type Pacing } from "./github/pacing.js";
import { applyRequestPolicy } from "./github/request-policy.js";
import { GitHubStores } from "./github/stores.js";
import { onCheckRerequested, RERUN_EVENTS } from "./handlers/check-rerequested.js";
import { MERGE_GROUP_EVENTS, onMergeGroup } from "./handlers/merge-group.js";
import { CHECK_WRITTEN_EVENTS, onCheckRunWritten } from "./handlers/check-run-written.js";
import { INSTALLATION_REPOSITORIES_EVENTS, onInstallationRepositories } from "./handlers/installation-repositories.js";
import { COMMENT_EVENTS, onIssueComment } from "./handlers/issue-comment.js";
import { onPullRequestReview, REVIEW_EVENTS } from "./handlers/pull-request-review.js";
import { onPullRequest, PULL_REQUEST_EVENTS } from "./handlers/pull-request.js";
import { onPush } from "./handlers/push.js";
import { evaluateItem } from "./items/evaluate-item.js";
import type { GavelDeps } from "./items/gavel-deps.js";
import type { ItemRef } from "./items/item-ref.js";
import { KeyedLock } from "./schedule/keyed-lock.js";
import { sweepEndpoint } from "./schedule/sweep-endpoint.js";
import { sweepLoop } from "./schedule/sweep-loop.js";
import { Sweep, type SweepReport } from "./schedule/sweep.js";
import { systemTimers, WakeScheduler, type Timers } from "./schedule/wake-scheduler.js";
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
  /** Injected stores (tests control their clock); default fresh ones. */
  stores?: GitHubStores;
  /** Every clock of Gavel's requests (Octokit's throttling, GitHub's content limits, timeouts); default production's. Tests scale it down. */
  pacing?: Pacing;
  /** `action` in a GitHub Actions job, where Probot's client is the job's token and no app installation can be asked about; default `app`. */
  runsAs?: GavelDeps["runsAs"];
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

/** The webhook events Gavel acts on, as `event.action` (`push.` has none): the sweep redelivers only these. */
const HANDLED = new Set<string>([
  ...PULL_REQUEST_EVENTS,
  ...REVIEW_EVENTS,
  ...RERUN_EVENTS,
  ...COMMENT_EVENTS,
  ...INSTALLATION_REPOSITORIES_EVENTS,
  ...MERGE_GROUP_EVENTS,
  "push.",
]);

/** Wiring only: each webhook family goes to its handler; timers and the sweep wake items up through evaluateItem. */
export function createGavel(options: GavelOptions): { appFn: ApplicationFunction; runtime: GavelRuntime } {
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? systemTimers;
  const runsAs = options.runsAs ?? "app";
  const pacing = options.pacing ?? createPacing({ timeScale: 1 });
  let loaded: { scheduler: WakeScheduler; sweep: Sweep; stopLoop: () => void } | null = null;
  const started = () => {
    if (!loaded) throw new Error("Gavel is not loaded into Probot yet");
    return loaded;
  };
  const runtime: GavelRuntime = {
    sweep: () => started().sweep.run(),
    scheduler: () => started().scheduler,
    stop: () => {
      loaded?.stopLoop();
      loaded?.scheduler.stop();
      pacing.stop();
    },
  };

  const appFn: ApplicationFunction = (app, appOptions) => {
    const client = runsAs === "app" ? pacedClients({ app: () => app.auth(), pacing, log: app.log }) : tokenClients({ probot: app, pacing });
    const evaluate = async (item: ItemRef) => evaluateItem({ item, github: await client.asInstallation(item.installationId), deps });
    const scheduler = new WakeScheduler({ now, timers, run: evaluate, log: app.log });
    const markerKey = deriveMarkerKey({ secret: options.secret, previousSecrets: options.previousSecrets ?? [] });
    const deps: GavelDeps = {
      appId: options.appId,
      markerKey,
      now,
      log: app.log,
      schedule: scheduler,
      locks: new KeyedLock(),
      stores: options.stores ?? defaultStores(options.now),
      runsAs,
    };
    const lookbackMs = options.sweepLookbackMs ?? DEFAULT_SWEEP_LOOKBACK_MS;
    const sweep = new Sweep({ app: client, scheduler, handles: (name) => HANDLED.has(name), lookbackMs, now, evaluate, log: app.log });
    loaded = { scheduler, sweep, stopLoop: () => undefined };
    onEvents({ probot: app, deps, client: (context) => clientFor({ context, client, pacing, runsAs }) });
    if (options.sweepToken) appOptions.addHandler(sweepEndpoint({ token: options.sweepToken, sweep: runtime.sweep, log: app.log }));
    if (options.sweepIntervalMs > 0) loaded.stopLoop = sweepLoop({ timers, intervalMs: options.sweepIntervalMs, run: runtime.sweep, log: app.log });
  };
  return { appFn, runtime };
}

/** A webhook event as far as choosing its client goes. */
interface EventContext {
  octokit: GitHub;
  payload: object;
}

/**
 * Each webhook family to its handler. A handler that calls GitHub gets, as
 * `context.octokit`, its installation's paced client (`client`) instead of
 * Probot's event client; the two that only note what changed need none.
 */
function onEvents(params: { probot: Probot; deps: GavelDeps; client: (context: EventContext) => Promise<GitHub> }): void {
  const { probot, deps } = params;
  const paced = async <T extends EventContext>(context: T): Promise<T> => {
    context.octokit = await params.client(context);
    return context;
  };
  probot.on([...PULL_REQUEST_EVENTS], async (context) => onPullRequest({ context: await paced(context), deps }));
  probot.on([...REVIEW_EVENTS], async (context) => onPullRequestReview({ context: await paced(context), deps }));
  probot.on([...RERUN_EVENTS], async (context) => onCheckRerequested({ context: await paced(context), deps }));
  probot.on([...CHECK_WRITTEN_EVENTS], (context) => onCheckRunWritten({ context, deps }));
  probot.on([...COMMENT_EVENTS], async (context) => onIssueComment({ context: await paced(context), deps }));
  probot.on("push", async (context) => onPush({ context: await paced(context), deps }));
  probot.on([...MERGE_GROUP_EVENTS], async (context) => onMergeGroup({ context: await paced(context), deps }));
  probot.on([...INSTALLATION_REPOSITORIES_EVENTS], (context) => onInstallationRepositories({ context, deps }));
}

/**
 * The client an event's handler uses: as an app, its installation's own
 * paced client; in a GitHub Actions job, the job's token client that Probot
 * hands the event, with Gavel's request policy on it.
 */
async function clientFor(params: { context: EventContext; client: AppClient; pacing: Pacing; runsAs: GavelDeps["runsAs"] }): Promise<GitHub> {
  const installation: unknown = Reflect.get(params.context.payload, "installation");
  const id: unknown = typeof installation === "object" && installation !== null ? Reflect.get(installation, "id") : undefined;
  if (params.runsAs === "app" && typeof id === "number") return params.client.asInstallation(id);
  return applyRequestPolicy({ github: params.context.octokit, policy: params.pacing.policy, writes: { lanes: params.pacing.writes, lane: TOKEN_LANE } });
}

/** The lane of writes of a client made from a token (a GitHub Actions job): it stands for one installation. */
const TOKEN_LANE = "token";

/** In a GitHub Actions job, Probot's clients are the job's token: Gavel's request policy goes on them as they are. */
function tokenClients(params: { probot: Probot; pacing: Pacing }): AppClient {
  const { probot, pacing } = params;
  const guard = (github: GitHub) => applyRequestPolicy({ github, policy: pacing.policy, writes: { lanes: pacing.writes, lane: TOKEN_LANE } });
  return {
    asApp: async () => guard(await probot.auth()),
    asInstallation: async (installationId) => guard(await probot.auth(installationId)),
  };
}

/**
 * The stores' TTLs run on the injected clock when there is one (the sandbox,
 * tests), so that moving it ages entries as time would; otherwise on the
 * monotonic clock, which a wall-clock step can't move back.
 */
function defaultStores(now: (() => Date) | undefined): GitHubStores {
  return now ? new GitHubStores({ clock: () => now().getTime() }) : new GitHubStores();
}
