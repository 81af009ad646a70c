import { LruCache } from "../cache/lru-cache.js";
import { cap, type StoreOptions } from "../cache/ttl-cache.js";
import type { PullRequestSnapshot } from "../policy/types.js";
import { reading, type GitHub, type RepoRef } from "./client.js";
import { itemInRepoKey } from "./repo-key.js";

/**
 * A PR's issue as Gavel's vote markers need it: GitHub's global id of the
 * issue (every PR is also an issue, with an id of its own, distinct from the
 * PR's; the pulls API doesn't give it), and when it was created, which is
 * when the PR was.
 * https://docs.github.com/rest/issues/issues#get-an-issue ("Every pull request is an issue")
 */
export interface PullThreadId {
  issueId: number;
  createdAt: string;
}

/**
 * PR number → its issue's id, per repository: it never changes, so it is
 * kept until evicted. A repository deleted and made again under the same
 * name numbers new PRs from 1: the creation time tells them apart.
 */
export type PullThreadIdStore = LruCache<PullThreadId>;

export function createPullThreadIdStore(options: StoreOptions): PullThreadIdStore {
  return new LruCache({ maxEntries: cap({ options, n: 20_000 }) });
}

/** Remembers the issue id of a PR that a read of its thread (`GET /issues/{n}`) gave: free for the PR's next evaluation. */
export function notePullThreadId(params: { store: PullThreadIdStore; repo: RepoRef; number: number; id: PullThreadId }): void {
  params.store.set({ key: itemInRepoKey(params), value: params.id });
}

/**
 * The id of PR `pr`'s issue, which Gavel's vote markers on the PR are bound
 * to: from the store when it is known for this PR, else one read of the
 * issue. Only a PR whose comments hold a vote needs it.
 */
export async function pullThreadId(params: { github: GitHub; repo: RepoRef; pr: PullRequestSnapshot; store: PullThreadIdStore }): Promise<number> {
  const { github, repo, pr, store } = params;
  const key = itemInRepoKey({ repo, number: pr.number });
  const known = store.get(key);
  if (known && Date.parse(known.createdAt) === Date.parse(pr.createdAt)) return known.issueId;
  const { data } = await reading({
    what: `reading issue ${repo.owner}/${repo.repo}#${pr.number}`,
    read: () => github.rest.issues.get({ ...repo, issue_number: pr.number }),
  });
  notePullThreadId({ store, repo, number: pr.number, id: { issueId: data.id, createdAt: data.created_at } });
  return data.id;
}
