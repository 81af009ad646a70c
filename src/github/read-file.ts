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
 * A file's text at `ref` (Gavel passes the default branch; null reads the
 * repository's default branch, for other repositories), or null when it
 * does not exist. Any other failure throws: a missing file and an unreadable
 * one must never be confused.
 * https://docs.github.com/rest/repos/contents#get-repository-content
 */
export async function readFile(params: { github: GitHub; repo: RepoRef; path: string; ref: string | null }): Promise<FileContent | null> {
  const { github, repo, path, ref } = params;
  const what = `reading ${repo.owner}/${repo.repo}:${path}${ref ? ` at ${ref}` : ""}`;
  return reading({ what: what, read: async () => {
    try {
      const { data } = await github.rest.repos.getContent({ ...repo, path, ...(ref ? { ref } : {}) });
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) throw new Error("it is not a file");
      if (data.size > MAX_FILE_BYTES) throw new Error(`it is ${data.size} bytes; Gavel reads governance files up to ${MAX_FILE_BYTES} bytes`);
      return { path, sha: data.sha, text: Buffer.from(data.content, "base64").toString("utf8") };
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw error;
    }
  } });
}
