import type { Context } from "probot";
import { reading } from "../github/client.js";
import type { GavelDeps } from "./deps.js";
import { governPullRequest } from "./govern-pull-request.js";
import { REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

export const RERUN_EVENTS = ["check_run.rerequested", "check_suite.rerequested"] as const;

/**
 * "Re-run" in GitHub's UI evaluates every open PR whose head is the commit.
 * GitHub leaves `pull_requests` empty for PRs from forks, so those are looked
 * up by commit.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#check_run
 */
export async function onCheckRerequested(params: { context: Context<(typeof RERUN_EVENTS)[number]>; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  const at = context.name;
  requirePayload({ context, fields: { ...REPOSITORY_FIELDS, [`${at}.head_sha`]: "string", [`${at}.pull_requests.*.number`]: "number" } });
  const repo = context.repo();
  const subject = "check_run" in payload ? payload.check_run : payload.check_suite;
  const headSha = subject.head_sha;
  let numbers = subject.pull_requests.map((pr) => pr.number);
  if (numbers.length === 0) {
    const { data } = await reading({ what: `listing pull requests of ${headSha.slice(0, 7)} in ${repo.owner}/${repo.repo}`, read: () =>
      context.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: headSha }) });
    numbers = data.filter((pr) => pr.state === "open" && pr.head.sha === headSha).map((pr) => pr.number);
  }
  for (const number of numbers) {
    await governPullRequest({
      target: { github: context.octokit, installationId: payload.installation?.id ?? 0, repo, number, hintHeadSha: headSha },
      deps,
    });
  }
}
