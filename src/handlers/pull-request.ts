import type { Context } from "probot";
import { isGavelLabel } from "../constants.js";
import { webhookSnapshot } from "../github/load-pull-request.js";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";
import { governPullRequest } from "../pull-requests/govern-pull-request.js";
import { PULL_REQUEST_FIELDS, REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

/** The pull_request actions that can change a verdict. */
export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.synchronize",
  "pull_request.ready_for_review",
  "pull_request.edited",
  "pull_request.labeled",
  "pull_request.unlabeled",
] as const;

type PullRequestContext = Context<(typeof PULL_REQUEST_EVENTS)[number]>;

/**
 * A change to a PR: it is governed again, from the PR the webhook shows. An
 * edit matters only when it moved the base branch; Gavel's own state labels
 * change no verdict, so their events (which Gavel's writes cause) are ignored.
 */
export async function onPullRequest(params: { context: PullRequestContext; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  requirePayload({ context, fields: { ...REPOSITORY_FIELDS, ...PULL_REQUEST_FIELDS, ...(payload.action === "edited" ? { changes: "object" } : {}) } });
  if (payload.action === "edited" && !payload.changes.base) return;
  if ((payload.action === "labeled" || payload.action === "unlabeled") && isGavelLabel(payload.label?.name ?? "")) return;
  const repo = context.repo();
  const pull = payload.pull_request;
  await governPullRequest({
    target: {
      item: { installationId: payload.installation?.id ?? 0, owner: repo.owner, repo: repo.repo, number: pull.number, kind: "pull" },
      gateway: gatewayFor({ deps, github: context.octokit, repo }),
      hintHeadSha: pull.head.sha,
      snapshot: webhookSnapshot(pull) ?? undefined,
      newHead: payload.action === "opened" || payload.action === "synchronize",
      justOpened: payload.action === "opened",
    },
    deps,
  });
}
