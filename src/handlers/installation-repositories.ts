import type { Context } from "probot";
import { ORG_CONFIG_REPO } from "../config/extends-target.js";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";
import { requirePayload } from "./require-payload.js";

/** Every app receives these, whatever it subscribes to. */
export const INSTALLATION_REPOSITORIES_EVENTS = ["installation_repositories.added", "installation_repositories.removed"] as const;

/**
 * An owner granted the app's installation repositories or took them away:
 * what this process remembers of where the app is installed on that account
 * is dropped, so that an org's `.github` config applies (or stops applying)
 * from the next evaluation on, not after the store's TTL. Costs no API call,
 * and evaluates nothing: like a push to `.github`, it changes rules that the
 * next event of each pull request reads. "All GitHub Apps receive this event
 * by default. You cannot manually subscribe to this event."
 * https://docs.github.com/webhooks/webhook-events-and-payloads#installation_repositories
 */
export function onInstallationRepositories(params: { context: Context<(typeof INSTALLATION_REPOSITORIES_EVENTS)[number]>; deps: GavelDeps }): void {
  const { context, deps } = params;
  requirePayload({ context, fields: { "installation.account.login": "string" } });
  const account = context.payload.installation.account;
  const owner = account && "login" in account ? account.login : null;
  if (!owner) return;
  gatewayFor({ deps, github: context.octokit, repo: { owner, repo: ORG_CONFIG_REPO } }).noteInstallationRepositories();
}
