import type { Context } from "probot";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";
import { governMergeGroup } from "../merge-groups/govern-merge-group.js";
import { REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

export const MERGE_GROUP_EVENTS = ["merge_group.checks_requested"] as const;

/**
 * A merge queue asks for the required checks on a merge group: the
 * `governance` check goes on the group's head (see governMergeGroup).
 * https://docs.github.com/webhooks/webhook-events-and-payloads#merge_group
 */
export async function onMergeGroup(params: { context: Context<(typeof MERGE_GROUP_EVENTS)[number]>; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  requirePayload({
    context,
    fields: { ...REPOSITORY_FIELDS, "merge_group.head_sha": "string", "merge_group.head_ref": "string", "merge_group.base_sha": "string" },
  });
  const group = context.payload.merge_group;
  await governMergeGroup({
    target: {
      gateway: gatewayFor({ deps, github: context.octokit, repo: context.repo() }),
      installationId: context.payload.installation?.id ?? 0,
      headSha: group.head_sha,
      headRef: group.head_ref,
      baseSha: group.base_sha,
    },
    deps,
  });
}
