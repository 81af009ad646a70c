import { fileKey, type GavelCache } from "../cache/gavel-cache.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";

export interface FileContent {
  path: string;
  /** Blob SHA: content at a SHA never changes, so it is a safe cache key. */
  sha: string;
  text: string;
}

/** Larger files are refused rather than parsed: a governance file is small. */
export const MAX_FILE_BYTES = 1_000_000;

/**
 * A file's text on the repository's DEFAULT branch, or null when it does not
 * exist. No ref is sent: GitHub then reads its own default branch, which no
 * tag or branch name can shadow. Any other failure throws: a missing file and
 * an unreadable one must never be confused.
 *
 * With a cache, a fresh entry costs no call and a stale one is revalidated
 * with its ETag (a 304 does not count against the rate limit). The `push`
 * handler drops the entries a push touches.
 * https://docs.github.com/rest/repos/contents#get-repository-content
 */
export async function readFile(params: { github: GitHub; repo: RepoRef; path: string; cache: GavelCache | null }): Promise<FileContent | null> {
  const { github, repo, path } = params;
  const cache = params.cache?.defaultBranchFiles;
  const key = fileKey({ repo, path });
  const fresh = cache?.fresh(key);
  if (fresh !== undefined) return fresh;
  const stale = cache?.entry(key);
  const since = cache?.epoch;
  return reading({ what: `reading ${repo.owner}/${repo.repo}:${path}`, read: async () => {
    try {
      const headers = stale?.etag ? { "if-none-match": stale.etag } : {};
      const response = await github.rest.repos.getContent({ ...repo, path, headers });
      const data = response.data;
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) throw new Error("it is not a file");
      if (data.size > MAX_FILE_BYTES) throw new Error(`it is ${data.size} bytes; Gavel reads governance files up to ${MAX_FILE_BYTES} bytes`);
      const file = { path, sha: data.sha, text: Buffer.from(data.content, "base64").toString("utf8") };
      cache?.set({ key, value: file, etag: response.headers.etag ?? null, since });
      return file;
    } catch (error) {
      const status = httpStatus(error);
      if (status === 304 && stale) {
        cache?.confirm(key);
        return stale.value;
      }
      if (status !== 404) throw error;
      cache?.set({ key, value: null, since });
      return null;
    }
  } });
}
