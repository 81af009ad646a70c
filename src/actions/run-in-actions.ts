import { run } from "@probot/adapter-github-actions";
import type { ApplicationFunction, Probot } from "probot";
import { createGavel } from "../app.js";
import { GitHubStores } from "../github/stores.js";
import { evaluateItem } from "../items/evaluate-item.js";
import type { GavelDeps } from "../items/gavel-deps.js";
import { KeyedLock } from "../schedule/keyed-lock.js";
import { deriveMarkerKey } from "../state/signed-marker.js";
import { readActionsSettings } from "./actions-settings.js";
import { sweepRepository } from "./sweep-repository.js";

/** Events a workflow starts on a timer or by hand: they carry no item, so they run the sweep. */
const SWEEP_EVENTS: ReadonlySet<string> = new Set(["schedule", "workflow_dispatch"]);

/**
 * Actions-only event names whose payload is a webhook's. `pull_request_target`
 * is `pull_request` run from the default branch's workflow, with a token that
 * can write even for a PR from a fork; Gavel reads a PR only through the API.
 */
const ALIASES: Readonly<Record<string, string>> = { pull_request_target: "pull_request" };

/**
 * Gavel in a GitHub Actions job: one event, then exit. The event is handed to
 * Gavel's usual handlers by @probot/adapter-github-actions, which builds a
 * Probot on the job's GITHUB_TOKEN and reads the event from the runner's
 * variables in `process.env` (so this reads its settings there too).
 *
 * Beyond the adapter: it refuses to start without a signing secret or the
 * runner's variables (the adapter would only log, and the job would pass);
 * `schedule` and `workflow_dispatch` run the sweep of this repository (the
 * adapter routes them to no handler); `pull_request_target` is handled as
 * `pull_request`; and any failure rejects, so the job fails instead of
 * passing with an error in its log (the adapter swallows them).
 */
export async function runInActions(params: { now?: () => Date } = {}): Promise<void> {
  const settings = readActionsSettings({ env: process.env });
  const now = params.now ?? (() => new Date());
  const identity = { appId: settings.appId, secret: settings.secret, previousSecrets: settings.previousSecrets };
  // No sweep loop and no HTTP endpoint: the job ends after its event, and the workflow's schedule is the loop.
  const gavel = createGavel({ ...identity, now, sweepIntervalMs: 0, sweepToken: null, runsAs: "action" });
  const failures: Error[] = [];

  const appFn: ApplicationFunction = async (app, options) => {
    await gavel.appFn(app, options);
    app.onAny(async (context) => {
      const name: string = context.name;
      const alias = ALIASES[name];
      if (alias) await redeliver({ probot: app, event: { id: context.id, name: alias, payload: context.payload } });
      if (!SWEEP_EVENTS.has(name)) return;
      const deps = sweepDeps({ ...identity, now, log: app.log });
      // With a GITHUB_TOKEN, Probot's client "as the app" is the token's client.
      const github = await app.auth();
      const report = await sweepRepository({ github, repo: settings.repository, evaluate: (item) => evaluateItem({ item, github, deps }), log: app.log });
      app.log.info(
        `sweep of ${settings.repository.owner}/${settings.repository.repo}: ${report.found} found, ${report.evaluated} evaluated, ${report.failed} failed`,
      );
      if (report.failed > 0) throw new Error(`the sweep could not evaluate ${report.failed} of ${report.evaluated} items; the next run retries them`);
    });
    app.onError((error) => {
      failures.push(error);
    });
  };

  try {
    await run(appFn);
  } finally {
    gavel.runtime.stop();
  }
  const [first] = failures;
  if (first) throw new Error(`Gavel failed on the ${process.env.GITHUB_EVENT_NAME} event: ${first.message}`, { cause: first });
}

/**
 * The handlers' dependencies for the sweep, from the same identity as the
 * webhook handlers'. Wake-ups are not armed: a timer can't outlive the job,
 * and the workflow's next scheduled run finds every item that is due.
 */
function sweepDeps(params: { appId: number; secret: string; previousSecrets: string[]; now: () => Date; log: Probot["log"] }): GavelDeps {
  return {
    appId: params.appId,
    markerKey: deriveMarkerKey({ secret: params.secret, previousSecrets: params.previousSecrets }),
    now: params.now,
    log: params.log,
    schedule: { record: () => undefined, forget: () => undefined, sawOwnWrites: () => undefined },
    locks: new KeyedLock(),
    stores: new GitHubStores(),
    runsAs: "action",
  };
}

type Delivery = Parameters<Probot["receive"]>[0];

/** Hands an event's payload to Gavel's handlers again under the webhook name it has the shape of. */
async function redeliver(params: { probot: Probot; event: { id: string; name: string; payload: object } }): Promise<void> {
  const event: unknown = params.event;
  if (!isDelivery(event)) throw new Error(`not a webhook delivery: ${params.event.name}`);
  await params.probot.receive(event);
}

/** GitHub wrote the payload; this checks the envelope Probot routes on, as the payload's own fields are read where used. */
function isDelivery(value: unknown): value is Delivery {
  return (
    typeof value === "object" &&
    value !== null &&
    "id" in value &&
    typeof value.id === "string" &&
    "name" in value &&
    typeof value.name === "string" &&
    "payload" in value &&
    typeof value.payload === "object" &&
    value.payload !== null
  );
}
