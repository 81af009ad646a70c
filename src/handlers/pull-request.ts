import type { Context } from "probot";
import type { GavelDeps } from "./deps.js";
import { governPullRequest } from "./govern-pull-request.js";

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

/** Re-evaluates the PR. An edit matters only when it moved the base branch. */
export async function onPullRequest(params: { context: PullRequestContext; deps: GavelDeps }): Promise<void> {
  const { payload } = params.context;
  if (payload.action === "edited" && !payload.changes.base) return;
  await governPullRequest({
    target: {
      github: params.context.octokit,
      repo: params.context.repo(),
      defaultBranch: payload.repository.default_branch,
      number: payload.pull_request.number,
      hintHeadSha: payload.pull_request.head.sha,
    },
    deps: params.deps,
  });
}
