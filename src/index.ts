import type { ApplicationFunction } from "probot";
import { createGavel } from "./app.js";
import { parseDuration } from "./config/duration.js";

/** Default interval of the reconcile sweep. */
const DEFAULT_SWEEP_INTERVAL = "15m";

/**
 * The app as `probot run` loads it, configured from the environment. It
 * refuses to start without its identity: Probot would otherwise accept
 * webhooks signed with the public "development" secret, and Gavel's state
 * markers would be signed with a key anyone knows.
 */
const gavel: ApplicationFunction = (app, options) => {
  const appId = Number(process.env.APP_ID);
  const secret = process.env.WEBHOOK_SECRET ?? "";
  if (!Number.isInteger(appId) || appId <= 0) throw new Error("Gavel needs APP_ID: the GitHub App's numeric id");
  if (secret === "" || secret === "development") throw new Error("Gavel needs WEBHOOK_SECRET: the GitHub App's webhook secret (it also keys Gavel's signed state)");
  const interval = parseDuration(process.env.SWEEP_INTERVAL ?? DEFAULT_SWEEP_INTERVAL);
  if (!interval.ok) throw new Error(`SWEEP_INTERVAL: ${interval.message}`);
  const token = process.env.SWEEP_TOKEN ?? "";
  // Rotating the webhook secret: put the old one here until no open vote or PR was signed with it.
  const previousSecrets = (process.env.WEBHOOK_SECRET_PREVIOUS ?? "").split(",").filter((s) => s !== "");
  return createGavel({ appId, secret, previousSecrets, sweepIntervalMs: interval.ms, sweepToken: token === "" ? null : token }).appFn(app, options);
};

export default gavel;
