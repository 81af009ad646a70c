import type { Context } from "probot";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";
import { afterBranchRewrite, afterDefaultBranchPush } from "../pull-requests/after-push.js";
import { REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

/**
 * A push payload lists at most 2,048 commits, and each commit at most 3,000
 * changed files: a push at either limit may have touched anything.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#push
 */
const PUSH_COMMITS_LISTED = 2048;
const COMMIT_FILES_LISTED = 3000;

/**
 * A push to the default branch, where the rules live: the paths it touched,
 * or null when the payload can't tell them all (a forced push, or more
 * commits than it lists). A forced push to another branch rewrites the base
 * of the PRs into it; other pushes to other branches change nothing here.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#push
 */
export async function onPush(params: { context: Context<"push">; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  requirePayload({ context, fields: { ...REPOSITORY_FIELDS, ref: "string", "repository.default_branch": "string", "commits.*": "object" } });
  const branch = payload.ref.startsWith("refs/heads/") ? payload.ref.slice("refs/heads/".length) : null;
  const installationId = payload.installation?.id ?? 0;
  const gateway = gatewayFor({ deps, github: context.octokit, repo: context.repo() });
  if (branch === null) return;
  if (branch !== payload.repository.default_branch) {
    if (payload.forced) await afterBranchRewrite({ gateway, installationId, branch, deps });
    return;
  }
  if (payload.forced) gateway.noteBranchRewritten(branch);
  const listed = (c: (typeof payload.commits)[number]) => (c.added?.length ?? 0) + (c.removed?.length ?? 0) + (c.modified?.length ?? 0);
  const truncated = payload.forced || payload.commits.length >= PUSH_COMMITS_LISTED || payload.commits.some((c) => listed(c) >= COMMIT_FILES_LISTED);
  const paths = truncated ? null : payload.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
  await afterDefaultBranchPush({ gateway, installationId, paths, deps });
}
