import { LruCache } from "../cache/lru-cache.js";
import { cap, type StoreOptions } from "../cache/ttl-cache.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { repoKey } from "./repo-key.js";

/** What GitHub says of a comparison: ahead, behind, diverged or identical, and the paths that differ. */
export interface Comparison {
  status: string;
  paths: string[];
}

/** Two commits compare the same forever: content at immutable SHAs, kept until evicted. */
export type ComparisonStore = LruCache<Comparison | null>;

export function createComparisonStore(options: StoreOptions): ComparisonStore {
  return new LruCache({ maxEntries: cap({ options, n: 5_000 }), maxWeight: cap({ options, n: 300_000 }), weigh: (c) => (c ? c.paths.length : 0) + 1 });
}

/** GitHub lists at most 300 files of a comparison; a full page may hide more. */
const COMPARE_FILE_LIMIT = 300;

/**
 * The paths that differ between commit `from` and commit `to`, or null when
 * that can't be told exactly (then callers treat approvals as stale).
 *
 * GitHub compares from the merge base (`git log base..head`), so when `from`
 * is not an ancestor of `to` (a force-push or rebase), the changes on both
 * sides of the merge base are united: a path changed on neither side is equal
 * in both commits.
 * Two commits compare the same forever, so results are cached by the pair.
 * https://docs.github.com/rest/commits/commits#compare-two-commits
 */
export async function pathsChangedBetween(params: {
  github: GitHub;
  repo: RepoRef;
  from: string;
  to: string;
  store: ComparisonStore;
}): Promise<string[] | null> {
  const forward = await compare({ ...params, base: params.from, head: params.to });
  if (!forward) return null;
  if (forward.status === "ahead" || forward.status === "identical") return forward.paths;
  const backward = await compare({ ...params, base: params.to, head: params.from });
  if (!backward) return null;
  return [...new Set([...forward.paths, ...backward.paths])];
}

async function compare(params: { github: GitHub; repo: RepoRef; base: string; head: string; store: ComparisonStore }): Promise<Comparison | null> {
  const { repo, base, head } = params;
  const key = `${repoKey(repo)}:${base}...${head}`;
  const cached = params.store.get(key);
  if (cached) return cached;
  const result = await readComparison(params);
  // An unknown commit may be known a moment later (a push still arriving): only answers are kept.
  if (result) params.store.set({ key, value: result });
  return result;
}

async function readComparison(params: { github: GitHub; repo: RepoRef; base: string; head: string }): Promise<Comparison | null> {
  const { github, repo, base, head } = params;
  return reading({
    what: `comparing ${base.slice(0, 7)}...${head.slice(0, 7)} in ${repo.owner}/${repo.repo}`,
    read: async () => {
      try {
        const { data } = await github.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` });
        const files = data.files ?? [];
        if (files.length >= COMPARE_FILE_LIMIT) return null;
        return { status: data.status, paths: files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename])) };
      } catch (error) {
        // A commit GitHub no longer has can't be compared: unknown, so stale.
        if (httpStatus(error) === 404 || httpStatus(error) === 422) return null;
        throw error;
      }
    },
  });
}
