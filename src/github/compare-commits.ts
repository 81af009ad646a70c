import { comparisonKey, type Comparison, type GavelCache } from "../cache/gavel-cache.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";

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
export async function pathsChangedBetween(params: { github: GitHub; repo: RepoRef; from: string; to: string; cache: GavelCache | null }): Promise<string[] | null> {
  const forward = await compare({ ...params, base: params.from, head: params.to });
  if (!forward) return null;
  if (forward.status === "ahead" || forward.status === "identical") return forward.paths;
  const backward = await compare({ ...params, base: params.to, head: params.from });
  if (!backward) return null;
  return [...new Set([...forward.paths, ...backward.paths])];
}

async function compare(params: { github: GitHub; repo: RepoRef; base: string; head: string; cache: GavelCache | null }): Promise<Comparison | null> {
  const { github, repo, base, head } = params;
  const key = comparisonKey({ repo, base, head });
  const cached = params.cache?.comparisons.get(key);
  if (cached) return cached;
  const result = await readComparison(params);
  // An unknown commit may be known a moment later (a push still arriving): only answers are kept.
  if (result) params.cache?.comparisons.set({ key, value: result });
  return result;
}

async function readComparison(params: { github: GitHub; repo: RepoRef; base: string; head: string }): Promise<Comparison | null> {
  const { github, repo, base, head } = params;
  return reading({ what: `comparing ${base.slice(0, 7)}...${head.slice(0, 7)} in ${repo.owner}/${repo.repo}`, read: async () => {
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
  } });
}
