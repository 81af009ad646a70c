/**
 * Webhook payloads shaped like GitHub's (the fields Gavel reads, plus the
 * envelope every delivery carries). See
 * https://docs.github.com/webhooks/webhook-events-and-payloads
 */
import type { FakeComment, FakeState } from "./fake-github.js";

function repository(state: FakeState) {
  return {
    id: 1296269,
    name: state.repo,
    full_name: `${state.owner}/${state.repo}`,
    private: false,
    owner: { login: state.owner, id: 1, type: "Organization" },
    default_branch: state.defaultBranch,
  };
}

function pullRequest(state: FakeState, headSha = state.pr.headSha) {
  return {
    id: 100000 + state.pr.number,
    number: state.pr.number,
    state: state.pr.state,
    draft: state.pr.draft,
    title: "Update the charter",
    user: { login: state.pr.author.login, id: 2, type: state.pr.author.type },
    labels: state.pr.labels.map((name, i) => ({ id: i + 1, name })),
    head: { sha: headSha, ref: "feature", repo: repository(state) },
    base: { sha: "base000000000000000000000000000000000000", ref: state.defaultBranch, repo: repository(state) },
  };
}

const envelope = (state: FakeState) => ({
  repository: repository(state),
  organization: { login: state.owner, id: 1 },
  installation: { id: 77 },
  sender: { login: "someone", id: 3, type: "User" },
});

export function pullRequestEvent(params: { state: FakeState; action: string; headSha?: string; changes?: object }) {
  return {
    id: `delivery-${params.action}`,
    name: "pull_request" as const,
    payload: { action: params.action, number: params.state.pr.number, pull_request: pullRequest(params.state, params.headSha), ...(params.changes ? { changes: params.changes } : {}), ...envelope(params.state) },
  };
}

export function reviewEvent(params: { state: FakeState; action: "submitted" | "edited" | "dismissed"; reviewer: string; reviewState: string }) {
  return {
    id: `delivery-review-${params.action}`,
    name: "pull_request_review" as const,
    payload: {
      action: params.action,
      review: { id: 1, user: { login: params.reviewer, id: 4, type: "User" }, state: params.reviewState, commit_id: params.state.pr.headSha },
      pull_request: pullRequest(params.state),
      ...envelope(params.state),
    },
  };
}

export function checkRunRerequested(params: { state: FakeState; pullRequests: number[] }) {
  return {
    id: "delivery-rerun",
    name: "check_run" as const,
    payload: {
      action: "rerequested",
      check_run: { id: 5, name: "governance", head_sha: params.state.pr.headSha, pull_requests: params.pullRequests.map((number) => ({ number, id: number })) },
      ...envelope(params.state),
    },
  };
}

export function checkSuiteRerequested(params: { state: FakeState; pullRequests: number[] }) {
  return {
    id: "delivery-suite-rerun",
    name: "check_suite" as const,
    payload: {
      action: "rerequested",
      check_suite: { id: 6, head_sha: params.state.pr.headSha, pull_requests: params.pullRequests.map((number) => ({ number, id: number })) },
      ...envelope(params.state),
    },
  };
}

export function issueCommentEvent(params: { state: FakeState; action: "created" | "edited" | "deleted"; comment: FakeComment; previousBody?: string }) {
  const { comment, state } = params;
  return {
    id: `delivery-comment-${comment.id}-${params.action}`,
    name: "issue_comment" as const,
    payload: {
      action: params.action,
      issue: { number: state.pr.number, title: state.pr.title ?? "Update the charter", state: state.pr.state, pull_request: { url: "x" } },
      comment: {
        id: comment.id,
        body: comment.body,
        user: { login: comment.user.login, id: 9, type: comment.user.type },
        created_at: comment.created_at,
        updated_at: comment.updated_at,
        html_url: `https://github.com/${state.owner}/${state.repo}/pull/${state.pr.number}#issuecomment-${comment.id}`,
        performed_via_github_app: comment.appId === null ? null : { id: comment.appId },
      },
      ...(params.previousBody !== undefined ? { changes: { body: { from: params.previousBody } } } : {}),
      ...envelope(state),
    },
  };
}

export function pushEvent(params: { state: FakeState; ref?: string; files: string[]; commits?: number }) {
  const count = params.commits ?? 1;
  return {
    id: "delivery-push",
    name: "push" as const,
    payload: {
      ref: params.ref ?? `refs/heads/${params.state.defaultBranch}`,
      before: "0".repeat(40),
      after: "1".repeat(40),
      commits: Array.from({ length: count }, (_, i) => ({ id: String(i).repeat(40).slice(0, 40), message: "change", added: [], removed: [], modified: i === 0 ? params.files : [] })),
      ...envelope(params.state),
    },
  };
}
