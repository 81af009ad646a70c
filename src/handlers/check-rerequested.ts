import type { Context } from "probot";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";
import { governPullRequest } from "../pull-requests/govern-pull-request.js";
import { REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

export const RERUN_EVENTS = ["check_run.rerequested", "check_suite.rerequested"] as const;

/**
 * "Re-run" in GitHub's UI: every open PR whose head is the commit is governed
 * again, past what this process remembers of it (a person asks for a fresh
 * look). GitHub leaves `pull_requests` empty for PRs from forks, so those are
 * found among the open PRs by their head.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#check_run
 */
export async function onCheckRerequested(params: { context: Context<(typeof RERUN_EVENTS)[number]>; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  const at = context.name;
  requirePayload({ context, fields: { ...REPOSITORY_FIELDS, [`${at}.head_sha`]: "string", [`${at}.pull_requests.*.number`]: "number" } });
  const repo = context.repo();
  const gateway = gatewayFor({ deps, github: context.octokit, repo });
  const subject = "check_run" in payload ? payload.check_run : payload.check_suite;
  const headSha = subject.head_sha;
  const listed = subject.pull_requests.map((pr) => pr.number);
  const numbers = listed.length > 0 ? listed : await gateway.pullRequestsWithHead(headSha);
  const installationId = payload.installation?.id ?? 0;
  for (const number of numbers) {
    gateway.forgetForRerun({ number, headSha });
    await governPullRequest({ target: { item: { installationId, ...repo, number, kind: "pull" }, gateway, hintHeadSha: headSha }, deps });
  }
}
