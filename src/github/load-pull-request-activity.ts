import { cap, TtlCache, type StoreOptions } from "../cache/ttl-cache.js";
import type { ReviewFact, ReviewState } from "../policy/types.js";
import type { AppComment } from "../state/announcement-marker.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { itemInRepoKey } from "./repo-key.js";

/**
 * The app's own comments on each PR: a value behind a name. This process
 * adds what it posts; a webhook about any other change to them (another
 * replica, a person editing Gavel's comment) drops the entry (see
 * `noteAppComment`), and the TTL bounds a lost webhook.
 */
export type AppCommentStore = TtlCache<AppComment[]>;

export function createAppCommentStore(options: StoreOptions): AppCommentStore {
  return new TtlCache({
    maxEntries: cap({ options, n: 5_000 }),
    ttlMs: options.ttlMs,
    clock: options.clock,
    maxWeight: cap({ options, n: 20_000_000 }),
    weigh: (list) => list.reduce((sum, c) => sum + c.body.length, 1),
  });
}

/**
 * A webhook about one of the app's own comments: one this process just
 * posted, or just rewrote to exactly this text at this time (the store holds
 * it so), changes nothing; any other creation, edit or deletion drops the
 * item's cached comments.
 */
export function noteAppComment(params: {
  store: AppCommentStore;
  repo: RepoRef;
  number: number;
  comment: { id: number; body: string; updatedAt: string };
  action: string;
}): void {
  const { comment } = params;
  const key = itemInRepoKey(params);
  const cached = params.store.entry(key)?.value.find((c) => c.id === comment.id);
  if (params.action === "created" && cached) return;
  if (params.action === "edited" && cached && cached.body === comment.body && cached.updatedAt === comment.updatedAt) return;
  params.store.delete(key);
}

/** The app's comments on an item changed in a way this process did not record (it deleted some). */
export function forgetAppComments(params: { store: AppCommentStore; repo: RepoRef; number: number }): void {
  params.store.delete(itemInRepoKey(params));
}

export interface PullRequestActivity {
  reviews: ReviewFact[];
  /** The ETag of the reviews when they fit in one page, for a conditional re-read (see `reviewsUnchanged`). */
  reviewsEtag: string | null;
  /** Comments authored by this app only: nobody else's comment is ever read as state. */
  appComments: AppComment[];
}

/**
 * Reviews and the app's own comments, read in parallel, only for PRs that a
 * rule governs. Reviews are always read: they are the votes. The app's
 * comments come from the cache when this process knows them (it posted them,
 * and the `issue_comment` handler drops the entry when anyone else touches
 * one), so a review costs one read.
 */
export async function loadPullRequestActivity(params: {
  github: GitHub;
  repo: RepoRef;
  number: number;
  appId: number;
  store: AppCommentStore;
  /** The PR is known to have no comments at all (see `loadPullRequestFacts`). */
  noComments: boolean;
}): Promise<PullRequestActivity> {
  const { github, repo, number, store } = params;
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const key = itemInRepoKey({ repo, number });
  const known = store.fresh(key);
  const since = store.epoch;
  const cachedComments = known ?? (params.noComments ? [] : undefined);
  const [reviews, appComments] = await Promise.all([
    readReviews({ github, repo, number, where }),
    cachedComments ?? readAppComments({ github, repo, number, appId: params.appId, where }),
  ]);
  if (!known) store.set({ key, value: appComments, since });
  return { reviews: reviews.reviews, reviewsEtag: reviews.etag, appComments };
}

/**
 * Whether the reviews are still those an evaluation counted, read just
 * before a success is published: a review submitted or dismissed while the
 * evaluation ran must not be overwritten by a stale success. With an ETag it
 * is a conditional request: GitHub answers 304, free of the rate limit.
 */
export async function reviewsUnchanged(params: {
  github: GitHub;
  repo: RepoRef;
  number: number;
  reviews: ReviewFact[];
  etag: string | null;
}): Promise<boolean> {
  const { github, repo, number } = params;
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const signature = (list: ReviewFact[]) =>
    list
      .map((r) => `${r.id}:${r.state}`)
      .sort()
      .join(",");
  if (params.etag) {
    const etag = params.etag;
    const page = await reading({
      what: `re-reading reviews of ${where}`,
      read: async () => {
        try {
          const { data } = await github.rest.pulls.listReviews({ ...repo, pull_number: number, per_page: PAGE, headers: { "if-none-match": etag } });
          return data;
        } catch (error) {
          if (httpStatus(error) === 304) return null;
          throw error;
        }
      },
    });
    if (page === null) return true;
    // A changed first page that is still the whole list is compared as it is.
    if (page.length < PAGE) return signature(toReviewFacts(page)) === signature(params.reviews);
  }
  const now = await readReviews({ github, repo, number, where });
  return signature(now.reviews) === signature(params.reviews);
}

const PAGE = 100;

async function readReviews(params: { github: GitHub; repo: RepoRef; number: number; where: string }): Promise<{ reviews: ReviewFact[]; etag: string | null }> {
  const { github, repo, number } = params;
  let pages = 0;
  let etag: string | null = null;
  const raw = await reading({
    what: `listing reviews of ${params.where}`,
    read: () =>
      github.paginate(github.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: PAGE }, (response) => {
        pages++;
        etag = response.headers.etag ?? null;
        return response.data;
      }),
  });
  return {
    reviews: toReviewFacts(raw),
    // Only a list shorter than a page is whole on its first page: with exactly
    // 100, a 101st review would land on page 2 and page 1 would still answer 304.
    etag: pages === 1 && raw.length < PAGE ? etag : null,
  };
}

type RawReview = Awaited<ReturnType<GitHub["rest"]["pulls"]["listReviews"]>>["data"][number];

/**
 * A review without an author is by a deleted account ("ghost"), never a
 * maintainer; one without submitted_at is pending. A missing commit is kept:
 * dropping an objection would revive its author's older approval.
 */
function toReviewFacts(raw: RawReview[]): ReviewFact[] {
  return raw.flatMap((r) => {
    if (!r.user || !r.submitted_at || !isReviewState(r.state)) return [];
    return [
      {
        id: r.id,
        author: r.user.login,
        authorIsBot: r.user.type === "Bot",
        state: r.state,
        commitId: r.commit_id ?? null,
        submittedAt: r.submitted_at,
        url: r.html_url,
      },
    ];
  });
}

/** Adds a comment this process just posted to the cached list, so the next evaluation need not read it back. */
export function rememberAppComment(params: { store: AppCommentStore; repo: RepoRef; number: number; comment: AppComment }): void {
  const key = itemInRepoKey(params);
  const list = params.store.fresh(key);
  if (list) params.store.set({ key, value: [...list, params.comment] });
}

/**
 * Puts a comment this process just rewrote into the cached list as GitHub
 * now has it (its text, its `updated_at`): a vote comment closed on a PR is
 * read by the PR's evaluation right after, before the edit's webhook comes.
 */
export function rememberEditedAppComment(params: {
  store: AppCommentStore;
  repo: RepoRef;
  number: number;
  commentId: number;
  body: string;
  updatedAt: string;
}): void {
  const key = itemInRepoKey(params);
  const list = params.store.fresh(key);
  if (!list) return;
  params.store.set({ key, value: list.map((c) => (c.id === params.commentId ? { ...c, body: params.body, updatedAt: params.updatedAt } : c)) });
}

async function readAppComments(params: { github: GitHub; repo: RepoRef; number: number; appId: number; where: string }): Promise<AppComment[]> {
  const { github, repo, number } = params;
  const comments = await reading({
    what: `listing comments of ${params.where}`,
    read: () => github.paginate(github.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 }),
  });
  return comments
    .filter((c) => c.performed_via_github_app?.id === params.appId && c.user?.type === "Bot")
    .map((c) => ({ id: c.id, body: c.body ?? "", createdAt: c.created_at, updatedAt: c.updated_at, url: c.html_url }));
}

const REVIEW_STATES: readonly string[] = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"];

function isReviewState(state: string): state is ReviewState {
  return REVIEW_STATES.includes(state);
}
