import type { Context } from "probot";
import { checkKey } from "../cache/gavel-cache.js";
import { CHECK_NAME } from "../constants.js";
import type { GavelDeps } from "./deps.js";

/** GitHub tells an app with checks:write about every check run written in a repository. */
export const CHECK_WRITTEN_EVENTS = ["check_run.created", "check_run.completed"] as const;

/**
 * A `governance` run of this app was created or completed, by this process or
 * by another replica. If it is not the run this process remembers on that
 * head, or says something else, the memory is dropped, so that the next
 * evaluation lists the runs and writes to the newest: otherwise this process
 * could keep updating an older run while GitHub reads another replica's newer
 * one, an old `success` perhaps. Costs no API call; an echo of this process's
 * own last write changes nothing.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#check_run
 */
export function onCheckRunWritten(params: { context: Context<(typeof CHECK_WRITTEN_EVENTS)[number]>; deps: GavelDeps }): void {
  const run = params.context.payload.check_run;
  const { cache, appId } = params.deps;
  if (run?.app?.id !== appId || run.name !== CHECK_NAME || typeof run.head_sha !== "string") return;
  const key = checkKey({ repo: params.context.repo(), headSha: run.head_sha });
  const known = cache.checks.entry(key)?.value;
  if (!known) return;
  const same = known.id === run.id && known.status === run.status && known.conclusion === run.conclusion && known.title === run.output.title && known.summary === run.output.summary;
  if (!same) cache.checks.delete(key);
}
