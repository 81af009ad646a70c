import { Probot, ProbotOctokit } from "probot";
import { createGavel } from "../../src/app.js";
import { APP_ID } from "./fake-github.js";

export const SECRET = "test-secret-for-signing";

/**
 * A Probot whose Octokit neither retries nor throttles: Probot's own throttle
 * options override the object form of `defaults`, so only the function form
 * turns them off. Token auth avoids installation-token requests in the logs.
 */
export async function testProbot(params: { now: () => Date }): Promise<Probot> {
  const probot = new Probot({
    githubToken: "test-token",
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({
      ...options,
      retry: { ...asRecord(options.retry), enabled: false },
      throttle: { ...asRecord(options.throttle), enabled: false },
    })),
    logLevel: "fatal",
  });
  await probot.load(createGavel({ appId: APP_ID, secret: SECRET, now: params.now }));
  return probot;
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
