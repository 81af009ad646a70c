import { createHash } from "node:crypto";
import { LruCache } from "../cache/lru-cache.js";
import { cap, type StoreOptions } from "../cache/ttl-cache.js";
import type { ChangedFile } from "../policy/types.js";
import { reading, type GitHub, type RepoRef } from "./client.js";
import type { PullRequestSnapshot } from "../policy/types.js";
import { itemInRepoKey, repoKey } from "./repo-key.js";

/** A PR's file list, as read for one head. */
export interface PullFiles {
  files: ChangedFile[];
  filesComplete: boolean;
}

/** A list tied to a head is content at an immutable SHA: kept until evicted. */
export type PullFilesStore = LruCache<PullFiles>;

export function createPullFilesStore(options: StoreOptions): PullFilesStore {
  return new LruCache({ maxEntries: cap({ options, n: 2_000 }), maxWeight: cap({ options, n: 300_000 }), weigh: (list) => list.files.length + 1 });
}

/** GitHub lists at most 3,000 files of a pull request. */
export const PR_FILE_LIMIT = 3000;

export interface ListedFiles extends PullFiles {
  /**
   * The head commit the list belongs to, or null when the list can't show it.
   * GitHub's list names no commit, but each entry's `contents_url` reads the
   * file `?ref=` the commit the list was computed at: a list that names the
   * snapshot's head is that head's list, even if the PR moved meanwhile.
   */
  listedAt: string | null;
}

/**
 * The PR's changed files at the snapshot's head. A list tied to that head is
 * content at an immutable SHA, so it is cached by (head, base branch) and a
 * later event on the same head costs no call. Every list is read to the end
 * or the call throws: a partial list is never evaluated as if complete.
 * https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
 */
export async function loadPullRequestFiles(params: { github: GitHub; repo: RepoRef; pr: PullRequestSnapshot; store: PullFilesStore }): Promise<ListedFiles> {
  const { github, repo, pr } = params;
  const key = `${itemInRepoKey({ repo, number: pr.number })}@${pr.headSha}..${pr.baseRef}`;
  const cached = params.store.get(key);
  if (cached) return { ...cached, listedAt: pr.headSha };
  const where = `${repo.owner}/${repo.repo}#${pr.number}`;
  const entries = await reading({
    what: `listing files of ${where}`,
    read: () => github.paginate(github.rest.pulls.listFiles, { ...repo, pull_number: pr.number, per_page: 100 }),
  });
  const files = entries.map((f) => ({
    path: f.filename,
    previousPath: f.previous_filename ?? null,
    change: { status: f.status, blobSha: f.sha ?? null, patchDigest: patchDigest(f.patch) },
  }));
  // At the cap GitHub may have cut the list short, so exactly 3,000 counts as incomplete too.
  // Below it, a list of the head is the whole list; one that can't show its head
  // must also reach the `changed_files` that came with the PR.
  const listedAt = headOfList(entries);
  const filesComplete = files.length < PR_FILE_LIMIT && (listedAt === pr.headSha || pr.changedFiles === null || files.length >= pr.changedFiles);
  if (listedAt === pr.headSha) params.store.set({ key, value: { files, filesComplete } });
  return { files, filesComplete, listedAt };
}

/**
 * A base branch was rewritten (a forced push): the merge base its PRs are
 * compared from may have moved, so their lists are no longer the same
 * content. Lists are keyed by head and base branch name.
 */
export function forgetListsOnBase(params: { store: PullFilesStore; repo: RepoRef; baseRef: string }): void {
  const prefix = `${repoKey(params.repo)}#`;
  params.store.deleteWhere((key) => key.startsWith(prefix) && key.endsWith(`..${params.baseRef}`));
}

/**
 * The one commit every present file's `contents_url` names, or null. Removed
 * files are skipped (their content lives at the base), and a list with no
 * present file, or with two different commits, names none.
 */
function headOfList(entries: Array<{ status: string; contents_url: string }>): string | null {
  const refs = new Set<string | null>();
  for (const entry of entries) {
    if (entry.status === "removed") continue;
    refs.add(refOf(entry.contents_url));
  }
  const [only] = [...refs];
  return refs.size === 1 && only ? only : null;
}

function refOf(url: string): string | null {
  try {
    const ref = new URL(url).searchParams.get("ref");
    return ref && /^[0-9a-f]{40}$/.test(ref) ? ref : null;
  } catch {
    return null;
  }
}

/**
 * A digest of what a patch adds and removes: its `+` and `-` lines, without
 * the hunk headers and context, which move when unrelated lines of the file
 * change. Two patches with the same digest make the same change. Null when
 * GitHub gives no patch (binary or very large diffs).
 * https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
 */
function patchDigest(patch: string | undefined): string | null {
  if (patch === undefined) return null;
  const changed = patch.split("\n").filter((line) => line.startsWith("+") || line.startsWith("-"));
  return createHash("sha256").update(changed.join("\n")).digest("base64url").slice(0, 22);
}
