import type { ChangedFile } from "../policy/types.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";

/** GitHub lists at most 300 files of a comparison; a full page may hide more. */
const COMPARE_FILE_LIMIT = 300;

/**
 * The files that differ from commit `base` to commit `head`, each with its
 * status and its blob at `head`; null when GitHub can't list them all (300
 * files or more) or doesn't know a commit. One request: a merge group is
 * compared once, with its parent.
 * https://docs.github.com/rest/commits/commits#compare-two-commits
 */
export async function loadComparisonFiles(params: { github: GitHub; repo: RepoRef; base: string; head: string }): Promise<ChangedFile[] | null> {
  const { github, repo, base, head } = params;
  return reading({
    what: `comparing ${base.slice(0, 7)}...${head.slice(0, 7)} in ${repo.owner}/${repo.repo}`,
    read: async () => {
      try {
        const { data } = await github.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...${head}` });
        const files = data.files ?? [];
        if (files.length >= COMPARE_FILE_LIMIT) return null;
        return files.map((f) => ({
          path: f.filename,
          previousPath: f.previous_filename ?? null,
          change: { status: f.status, blobSha: f.sha ?? null, patchDigest: null },
        }));
      } catch (error) {
        if (httpStatus(error) === 404 || httpStatus(error) === 422) return null;
        throw error;
      }
    },
  });
}
