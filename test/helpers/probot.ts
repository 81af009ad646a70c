import type { IncomingMessage, ServerResponse } from "node:http";
import { Probot, ProbotOctokit } from "probot";
import { createGavel, type GavelRuntime } from "../../src/app.js";
import type { Timers } from "../../src/schedule/wake-scheduler.js";
import { APP_ID } from "./fake-github.js";

export const SECRET = "test-secret-for-signing";

/**
 * A Probot whose Octokit neither retries nor throttles: Probot's own throttle
 * options override the object form of `defaults`, so only the function form
 * turns them off. Token auth avoids installation-token requests in the logs.
 */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

export async function testProbot(params: { now: () => Date; timers: Timers; sweepToken?: string | null; privateKey?: string }): Promise<{
  probot: Probot;
  runtime: GavelRuntime;
  handlers: HttpHandler[];
}> {
  const auth = params.privateKey ? { appId: APP_ID, privateKey: params.privateKey } : { githubToken: "test-token" };
  const probot = new Probot({
    ...auth,
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { ...asRecord(options.retry), enabled: false },
      throttle: { ...asRecord(options.throttle), enabled: false },
    })),
    logLevel: "fatal",
  });
  const gavel = createGavel({ requestPolicy: { timeoutMs: 2_000, readRetries: 2, backoffMs: 1 }, appId: APP_ID, secret: SECRET, now: params.now, timers: params.timers, sweepIntervalMs: 0, sweepToken: params.sweepToken ?? null });
  const handlers: HttpHandler[] = [];
  await probot.load(gavel.appFn, { cwd: process.cwd(), addHandler: (handler) => handlers.push(handler) });
  return { probot, runtime: gavel.runtime, handlers };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value)) : {};
}

type Delivery = Parameters<Probot["receive"]>[0];

/**
 * Delivers a test payload. Test payloads carry the fields Gavel reads, not
 * every field of GitHub's schema, so they are checked at run time for the
 * envelope Probot routes on instead of at compile time.
 */
export async function deliver(params: { probot: Probot; event: { id: string; name: string; payload: object } }): Promise<void> {
  const event: unknown = JSON.parse(JSON.stringify(params.event));
  if (!isDelivery(event)) throw new Error(`not a webhook delivery: ${params.event.name}`);
  await params.probot.receive(event);
}

function isDelivery(value: unknown): value is Delivery {
  return typeof value === "object" && value !== null && "id" in value && "name" in value && "payload" in value && typeof value.payload === "object";
}
