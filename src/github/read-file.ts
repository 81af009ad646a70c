import { fileKey, type GavelCache } from "../cache/gavel-cache.js";
import type { UnusableFile } from "../messages/error-report.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { UnusableFileError } from "./unusable-file-error.js";

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
 * an unreadable one must never be confused. A path that holds something Gavel
 * can't use (a directory, a submodule, a file over MAX_FILE_BYTES, whose
 * content GitHub leaves out above 1 MB anyway) throws UnusableFileError, as
 * reading it again would give the same answer.
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
  const read = await reading({ what: `reading ${repo.owner}/${repo.repo}:${path}`, read: async (): Promise<FileContent | UnusableFile | null> => {
    try {
      const headers = stale?.etag ? { "if-none-match": stale.etag } : {};
      const response = await github.rest.repos.getContent({ ...repo, path, headers });
      const data = response.data;
      if (Array.isArray(data)) return { path, problem: "not-a-file", type: "dir" };
      if (data.type !== "file" || !("content" in data)) return { path, problem: "not-a-file", type: data.type };
      if (data.size > MAX_FILE_BYTES) return { path, problem: "too-large", bytes: data.size, limit: MAX_FILE_BYTES };
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
  if (read !== null && "problem" in read) throw new UnusableFileError({ repo, file: read });
  return read;
}
