import type { Context } from "probot";
import type { GavelDeps } from "./deps.js";
import { governPullRequest } from "./govern-pull-request.js";

export const REVIEW_EVENTS = ["pull_request_review.submitted", "pull_request_review.edited", "pull_request_review.dismissed"] as const;

/** A review is a vote: submitted, edited or dismissed, the PR is evaluated again. */
export async function onPullRequestReview(params: { context: Context<(typeof REVIEW_EVENTS)[number]>; deps: GavelDeps }): Promise<void> {
  const { payload } = params.context;
  await governPullRequest({
    target: {
      github: params.context.octokit,
      installationId: payload.installation?.id ?? 0,
      repo: params.context.repo(),
      number: payload.pull_request.number,
      hintHeadSha: payload.pull_request.head.sha,
    },
    deps: params.deps,
  });
}
