import type { ChangedFile, ReviewFact, ReviewState } from "../policy/types.js";
import type { AppComment } from "../state/announcement-marker.js";
import { reading, type GitHub, type RepoRef } from "./client.js";

/** GitHub lists at most 3,000 files of a pull request. */
export const PR_FILE_LIMIT = 3000;

export interface PullRequestSnapshot {
  number: number;
  open: boolean;
  draft: boolean;
  headSha: string;
  author: string;
  authorIsBot: boolean;
  labels: string[];
  files: ChangedFile[];
  filesComplete: boolean;
}

export interface PullRequestActivity {
  reviews: ReviewFact[];
  /** Comments authored by this app only: nobody else's comment is ever read as state. */
  appComments: AppComment[];
}

/**
 * The PR as it is now (its current head, not the webhook's, which may be
 * stale or out of order) and its changed files, in parallel. Every list is
 * read to the end or the call throws: a partial list is never evaluated as if
 * complete.
 */
export async function loadPullRequest(params: { github: GitHub; repo: RepoRef; number: number }): Promise<PullRequestSnapshot> {
  const { github, repo, number } = params;
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const [pull, files] = await Promise.all([
    reading({ what: `reading pull request ${where}`, read: () => github.rest.pulls.get({ ...repo, pull_number: number }) }),
    reading({ what: `listing files of ${where}`, read: () => github.paginate(github.rest.pulls.listFiles, { ...repo, pull_number: number, per_page: 100 }) }),
  ]);
  const pr = pull.data;
  return {
    number,
    open: pr.state === "open",
    draft: pr.draft === true,
    headSha: pr.head.sha,
    author: pr.user.login,
    authorIsBot: pr.user.type === "Bot",
    labels: pr.labels.map((l) => l.name),
    files: files.map((f) => ({ path: f.filename, previousPath: f.previous_filename ?? null })),
    // At the cap GitHub may have cut the list short, so exactly 3,000 counts as incomplete too.
    filesComplete: files.length >= pr.changed_files && files.length < PR_FILE_LIMIT,
  };
}

/** Reviews and the app's own comments: read only for PRs that a rule governs. */
export async function loadPullRequestActivity(params: { github: GitHub; repo: RepoRef; number: number; appId: number }): Promise<PullRequestActivity> {
  const { github, repo, number } = params;
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const [reviews, comments] = await Promise.all([
    reading({ what: `listing reviews of ${where}`, read: () => github.paginate(github.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 }) }),
    reading({ what: `listing comments of ${where}`, read: () => github.paginate(github.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 }) }),
  ]);
  return {
    // A review without an author is by a deleted account ("ghost"), never a
    // maintainer; one without submitted_at is pending. A missing commit is kept:
    // dropping an objection would revive its author's older approval.
    reviews: reviews.flatMap((r) => {
      if (!r.user || !r.submitted_at || !isReviewState(r.state)) return [];
      return [{ id: r.id, author: r.user.login, authorIsBot: r.user.type === "Bot", state: r.state, commitId: r.commit_id ?? null, submittedAt: r.submitted_at, url: r.html_url }];
    }),
    appComments: comments
      .filter((c) => c.performed_via_github_app?.id === params.appId)
      .map((c) => ({ id: c.id, body: c.body ?? "", createdAt: c.created_at, updatedAt: c.updated_at, url: c.html_url })),
  };
}

const REVIEW_STATES: readonly string[] = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"];

function isReviewState(state: string): state is ReviewState {
  return REVIEW_STATES.includes(state);
}
