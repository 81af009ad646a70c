import type { ChangedFile, ReviewFact, ReviewState } from "../policy/types.js";
import type { AppComment } from "../state/announcement-marker.js";
import { reading, type GitHub, type RepoRef } from "./client.js";

/** GitHub lists at most 3,000 files of a pull request. */
export const PR_FILE_LIMIT = 3000;

export interface PullRequestSnapshot {
  /** GitHub's global id of the PR: Gavel's markers are bound to it. */
  id: number;
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
 * stale or out of order), then its changed files. The files are read after
 * the head so that a later `confirmHead` proves they belong to it: GitHub's
 * file list names no commit. Every list is read to the end or the call
 * throws: a partial list is never evaluated as if complete.
 */
export async function loadPullRequest(params: { github: GitHub; repo: RepoRef; number: number }): Promise<PullRequestSnapshot> {
  const { github, repo, number } = params;
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const pull = await reading({ what: `reading pull request ${where}`, read: () => github.rest.pulls.get({ ...repo, pull_number: number }) });
  const files = await reading({ what: `listing files of ${where}`, read: () => github.paginate(github.rest.pulls.listFiles, { ...repo, pull_number: number, per_page: 100 }) });
  const pr = pull.data;
  return {
    id: pr.id,
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
export async function loadPullRequestActivity(params: { github: GitHub; repo: RepoRef; number: number; appId: number; reviewsOnly?: boolean }): Promise<PullRequestActivity> {
  const { github, repo, number } = params;
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const [reviews, comments] = await Promise.all([
    reading({ what: `listing reviews of ${where}`, read: () => github.paginate(github.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 }) }),
    params.reviewsOnly ? Promise.resolve([]) : reading({ what: `listing comments of ${where}`, read: () => github.paginate(github.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 }) }),
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
      .filter((c) => c.performed_via_github_app?.id === params.appId && c.user?.type === "Bot")
      .map((c) => ({ id: c.id, body: c.body ?? "", createdAt: c.created_at, updatedAt: c.updated_at, url: c.html_url })),
  };
}

/**
 * Whether the PR is still as evaluated: the same head and, when given, the
 * same reviews. Read just before publishing a success, so that neither a push
 * between reading the head and the files nor a review that arrived while
 * another evaluation (or replica) ran can turn into a wrong success.
 */
export async function confirmUnchanged(params: { github: GitHub; repo: RepoRef; number: number; headSha: string; reviews: ReviewFact[] | null }): Promise<boolean> {
  const { github, repo, number } = params;
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const [pull, reviews] = await Promise.all([
    reading({ what: `re-reading pull request ${where}`, read: () => github.rest.pulls.get({ ...repo, pull_number: number }) }),
    params.reviews ? loadPullRequestActivity({ github, repo, number, appId: -1, reviewsOnly: true }).then((a) => a.reviews) : Promise.resolve(null),
  ]);
  if (pull.data.head.sha !== params.headSha || pull.data.state !== "open") return false;
  if (!params.reviews || !reviews) return true;
  const signature = (list: ReviewFact[]) => list.map((r) => `${r.id}:${r.state}`).sort().join(",");
  return signature(reviews) === signature(params.reviews);
}

const REVIEW_STATES: readonly string[] = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"];

function isReviewState(state: string): state is ReviewState {
  return REVIEW_STATES.includes(state);
}
