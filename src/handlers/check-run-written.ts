import type { Context } from "probot";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";

/** GitHub tells an app with checks:write about every check run written in a repository. */
export const CHECK_WRITTEN_EVENTS = ["check_run.created", "check_run.completed"] as const;

/**
 * A check run was written, maybe by another replica of Gavel: the check store
 * decides whether what it remembers of that head still holds (see
 * `noteCheckRunWritten`). Costs no API call.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#check_run
 */
export function onCheckRunWritten(params: { context: Context<(typeof CHECK_WRITTEN_EVENTS)[number]>; deps: GavelDeps }): void {
  const { context, deps } = params;
  const run = context.payload.check_run;
  if (typeof run?.head_sha !== "string") return;
  const gateway = gatewayFor({ deps, github: context.octokit, repo: context.repo() });
  gateway.noteCheckRunWritten({
    id: run.id,
    appId: run.app?.id ?? null,
    name: run.name,
    headSha: run.head_sha,
    status: run.status,
    conclusion: run.conclusion,
    title: run.output.title,
    summary: run.output.summary,
  });
}
