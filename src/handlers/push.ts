import type { Context } from "probot";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";
import { afterDefaultBranchPush } from "../pull-requests/after-push.js";
import { REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

/** GitHub lists at most this many commits in a push payload; a longer push may touch anything. */
const PUSH_COMMIT_LIMIT = 20;

/**
 * A push to the default branch, where the rules live: the paths it touched,
 * or null when the payload can't tell them all (a forced push, or more
 * commits than it lists). Pushes to other branches change no rule.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#push
 */
export async function onPush(params: { context: Context<"push">; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  requirePayload({ context, fields: { ...REPOSITORY_FIELDS, ref: "string", "repository.default_branch": "string", "commits.*": "object" } });
  if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
  const truncated = payload.commits.length >= PUSH_COMMIT_LIMIT || payload.forced;
  const paths = truncated ? null : payload.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
  const gateway = gatewayFor({ deps, github: context.octokit, repo: context.repo() });
  await afterDefaultBranchPush({ gateway, installationId: payload.installation?.id ?? 0, paths, deps });
}
