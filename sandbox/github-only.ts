import { randomBytes } from "node:crypto";
import { GitHubDriver } from "./driver.js";
import { appKeys, manifestEvents, SANDBOX_APP_ID } from "./gavel/local-gavel.js";
import { Sandbox } from "./sandbox.js";

/**
 * The sandbox's GitHub with no app server behind it: for Gavel run as a
 * GitHub Actions job, which is handed a token (`github.installationToken`)
 * and the event's payload instead of receiving webhooks. Deliveries are still
 * made and logged (`github.deliveries()`, e.g. to take an event's payload),
 * but reach no one.
 */
export async function startGitHubOnly(params: { start?: Date } = {}): Promise<{ sandbox: Sandbox; github: GitHubDriver }> {
  const sandbox = await Sandbox.start({
    app: {
      id: SANDBOX_APP_ID,
      slug: "gavel",
      name: "Gavel",
      publicKey: appKeys().publicKey,
      webhookSecret: randomBytes(24).toString("hex"),
      events: manifestEvents(),
    },
    start: params.start ?? new Date("2026-03-02T09:00:00Z"),
    onProblem: () => undefined,
  });
  return { sandbox, github: new GitHubDriver({ sandbox, tickMs: 60_000 }) };
}
