import type { Context } from "probot";
import { webhookSnapshot } from "../github/load-pull-request.js";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";
import { governPullRequest } from "../pull-requests/govern-pull-request.js";
import { PULL_REQUEST_FIELDS, REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

export const REVIEW_EVENTS = ["pull_request_review.submitted", "pull_request_review.edited", "pull_request_review.dismissed"] as const;

/**
 * A review is a vote: submitted, edited or dismissed, the PR is governed
 * again. The review's own time dates the webhook's snapshot of the PR, which
 * GitHub may not have touched since long before.
 */
export async function onPullRequestReview(params: { context: Context<(typeof REVIEW_EVENTS)[number]>; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  requirePayload({ context, fields: { ...REPOSITORY_FIELDS, ...PULL_REQUEST_FIELDS, review: "object" } });
  const repo = context.repo();
  const snapshot = webhookSnapshot(payload.pull_request);
  const reviewedAt = payload.review.submitted_at ?? null;
  await governPullRequest({
    target: {
      item: { installationId: payload.installation?.id ?? 0, owner: repo.owner, repo: repo.repo, number: payload.pull_request.number, kind: "pull" },
      gateway: gatewayFor({ deps, github: context.octokit, repo }),
      hintHeadSha: payload.pull_request.head.sha,
      snapshot: snapshot === null ? undefined : reviewedAt && reviewedAt > snapshot.updatedAt ? { ...snapshot, updatedAt: reviewedAt } : snapshot,
    },
    deps,
  });
}
