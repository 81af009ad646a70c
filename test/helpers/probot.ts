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
