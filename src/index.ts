import type { ApplicationFunction } from "probot";
import { createGavel } from "./app.js";

/**
 * The app as `probot run` loads it. It refuses to start without its identity:
 * Probot would otherwise accept webhooks signed with the public "development"
 * secret, and Gavel's state markers would be signed with a key anyone knows.
 */
const gavel: ApplicationFunction = (app, options) => {
  const appId = Number(process.env.APP_ID);
  const secret = process.env.WEBHOOK_SECRET ?? "";
  if (!Number.isInteger(appId) || appId <= 0) throw new Error("Gavel needs APP_ID: the GitHub App's numeric id");
  if (secret === "" || secret === "development") throw new Error("Gavel needs WEBHOOK_SECRET: the GitHub App's webhook secret (it also keys Gavel's signed state)");
  return createGavel({ appId, secret })(app, options);
};

export default gavel;
