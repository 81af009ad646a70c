import { cap, TtlCache, type StoreOptions } from "../cache/ttl-cache.js";
import type { FileRead, RepositoryFile } from "../config/repository-file.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { repoKey } from "./repo-key.js";

/** Larger files are refused rather than parsed: a governance file is small. */
export const MAX_FILE_BYTES = 1_000_000;

/**
 * Files on default branches, by repository and path: a value behind a name,
 * so it is trusted for the store's TTL and then revalidated with its ETag. A
 * missing file is kept too (null), as GitHub's 404 is as much an answer.
 */
export type FileStore = TtlCache<RepositoryFile | null>;

export function createFileStore(options: StoreOptions): FileStore {
  return new TtlCache({
    maxEntries: cap({ options, n: 2_000 }),
    ttlMs: options.ttlMs,
    clock: options.clock,
    maxWeight: cap({ options, n: 50_000_000 }),
    weigh: (file) => (file ? file.text.length : 1),
  });
}

/** Paths keep their case: GitHub's are case-sensitive. */
function fileKey(params: { repo: RepoRef; path: string }): string {
  return `${repoKey(params.repo)}:${params.path}`;
}

/**
 * A file on the repository's DEFAULT branch: no ref is passed, so GitHub
 * reads the default branch itself, which no tag or branch name can shadow. A
 * fresh entry costs no call and a stale one is revalidated with its ETag (a
 * 304 does not count against the rate limit). A file over MAX_FILE_BYTES or
 * something other than a file is `unusable`: reading it again can't help.
 * https://docs.github.com/rest/repos/contents#get-repository-content
 */
export async function readFile(params: { github: GitHub; repo: RepoRef; path: string; store: FileStore }): Promise<FileRead> {
  const { github, repo, path, store } = params;
  const key = fileKey({ repo, path });
  const fresh = store.fresh(key);
  if (fresh !== undefined) return fresh ? { kind: "file", file: fresh } : { kind: "missing", path };
  const stale = store.entry(key);
  const since = store.epoch;
  return reading({
    what: `reading ${repo.owner}/${repo.repo}:${path}`,
    read: async (): Promise<FileRead> => {
      try {
        const headers = stale?.etag ? { "if-none-match": stale.etag } : {};
        const response = await github.rest.repos.getContent({ ...repo, path, headers });
        const data = response.data;
        if (Array.isArray(data)) return { kind: "unusable", file: { path, problem: "not-a-file", type: "dir" } };
        if (data.type !== "file" || !("content" in data)) return { kind: "unusable", file: { path, problem: "not-a-file", type: data.type } };
        if (data.size > MAX_FILE_BYTES) return { kind: "unusable", file: { path, problem: "too-large", bytes: data.size, limit: MAX_FILE_BYTES } };
        const file = { path, sha: data.sha, text: Buffer.from(data.content, "base64").toString("utf8") };
        store.set({ key, value: file, etag: response.headers.etag ?? null, since });
        return { kind: "file", file };
      } catch (error) {
        const status = httpStatus(error);
        if (status === 304 && stale) {
          store.confirm(key);
          return stale.value ? { kind: "file", file: stale.value } : { kind: "missing", path };
        }
        // GitHub refuses a file over 1 MB with 403 `too_large` (the default media type supports files up to 1 MB).
        if (status === 403 && tooLarge(error)) return { kind: "unusable", file: { path, problem: "too-large", bytes: null, limit: MAX_FILE_BYTES } };
        if (status !== 404) throw error;
        store.set({ key, value: null, since });
        return { kind: "missing", path };
      }
    },
  });
}

/**
 * A push to `repo`'s default branch changed `paths` (null: it can't be told
 * which). Every repository's config that falls back to or extends a file
 * there reads it again, since entries are keyed by the file's own repository.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#push
 */
export function forgetPushedFiles(params: { store: FileStore; repo: RepoRef; paths: string[] | null }): void {
  const { store, repo, paths } = params;
  if (paths === null) {
    const prefix = `${repoKey(repo)}:`;
    store.deleteWhere((key) => key.startsWith(prefix));
    return;
  }
  for (const path of paths) store.delete(fileKey({ repo, path }));
}

/**
 * Whether GitHub refused a file as too large: 403 with an error of code
 * `too_large`. https://docs.github.com/rest/repos/contents#get-repository-content
 * ("Between 1-100 MB: Only the raw or object custom media types are supported").
 */
function tooLarge(error: unknown): boolean {
  const response: unknown = typeof error === "object" && error !== null ? Reflect.get(error, "response") : undefined;
  const data: unknown = typeof response === "object" && response !== null ? Reflect.get(response, "data") : undefined;
  const errors: unknown = typeof data === "object" && data !== null ? Reflect.get(data, "errors") : undefined;
  return Array.isArray(errors) && errors.some((e: unknown) => typeof e === "object" && e !== null && Reflect.get(e, "code") === "too_large");
}
