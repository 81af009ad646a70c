import { LruCache } from "../cache/lru-cache.js";
import { cap, TtlCache, type StoreOptions } from "../cache/ttl-cache.js";
import { resolveLinkTarget } from "../policy/symlinks.js";
import type { Symlink } from "../policy/types.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { repoKey } from "./repo-key.js";

/** The default branch's links as its tree lists them: each link's path and its blob's id (the blob holds the target). */
export interface DefaultBranchLinks {
  links: Array<{ path: string; sha: string }>;
  /** GitHub listed part of the tree only (over 100,000 entries). */
  truncated: boolean;
}

/** By repository: behind a name (the default branch), so trusted for the TTL, then revalidated with its ETag; a push to the default branch drops it. */
export type TreeStore = TtlCache<DefaultBranchLinks>;

/** A link's target text by its blob's id: content at an immutable SHA, kept until evicted. */
export type LinkTargetStore = LruCache<string>;

export function createTreeStore(options: StoreOptions): TreeStore {
  return new TtlCache({
    maxEntries: cap({ options, n: 2_000 }),
    ttlMs: options.ttlMs,
    clock: options.clock,
    maxWeight: cap({ options, n: 50_000 }),
    weigh: (tree) => tree.links.length + 1,
  });
}

export function createLinkTargetStore(options: StoreOptions): LinkTargetStore {
  return new LruCache({ maxEntries: cap({ options, n: 10_000 }) });
}

/** Targets one evaluation reads at most; a repository whose rules reach more links fails closed. */
export const MAX_LINK_TARGETS = 100;

/** Git's mode of a symbolic link in a tree. */
const SYMLINK_MODE = "120000";

/** A path is at most this long on the systems git runs on; a longer blob is no link target. */
const MAX_TARGET_BYTES = 4_096;

/**
 * The default branch's symbolic links that may lead to governed paths: each
 * link `mayLead` says a rule could govern (it, or something in it as a
 * folder), and, through chains, each link at or in the target of one of
 * those. GitHub's contents API follows a link to a file without saying so,
 * so links are found in the Git tree (mode 120000), read as `HEAD`, the
 * default branch, with `recursive` set; a link's blob holds its target.
 * Costs one read of the tree per repository and TTL (a conditional one after
 * that, free when GitHub answers 304), and one read per link blob, cached by
 * its SHA for good. A tree GitHub truncates fails closed: a link Gavel can't
 * see could lead anywhere.
 * https://docs.github.com/rest/git/trees#get-a-tree
 * https://docs.github.com/rest/git/blobs#get-a-blob
 */
export async function loadSymlinks(params: {
  github: GitHub;
  repo: RepoRef;
  trees: TreeStore;
  targets: LinkTargetStore;
  mayLead: (path: string) => boolean;
}): Promise<Symlink[]> {
  const { repo } = params;
  const listed = await readTree(params);
  const where = `${repo.owner}/${repo.repo}`;
  if (listed.truncated)
    throw new Error(
      `the default branch of ${where} has more files than GitHub lists in one tree, so Gavel can't tell whether a governed file is a symbolic link`,
    );
  const found: Symlink[] = [];
  const done = new Set<string>();
  const leadsOn = (path: string) => params.mayLead(path) || found.some(({ target }) => target === "" || path === target || path.startsWith(`${target}/`));
  for (;;) {
    const next = listed.links.filter((l) => !done.has(l.path) && leadsOn(l.path));
    if (next.length === 0) return found;
    if (done.size + next.length > MAX_LINK_TARGETS)
      throw new Error(`the rules of ${where} reach more than ${MAX_LINK_TARGETS} symbolic links on its default branch; Gavel reads at most that many`);
    const texts = await Promise.all(next.map((l) => readTarget({ ...params, sha: l.sha, path: l.path })));
    next.forEach((l, i) => {
      done.add(l.path);
      const target = resolveLinkTarget({ link: l.path, text: texts[i] ?? "" });
      if (target !== null) found.push({ link: l.path, target });
    });
  }
}

/**
 * Drops what the store holds of a repository's default-branch tree: a push
 * there may have added, changed or removed a link.
 */
export function forgetTree(params: { trees: TreeStore; repo: RepoRef }): void {
  params.trees.delete(repoKey(params.repo));
}

async function readTree(params: { github: GitHub; repo: RepoRef; trees: TreeStore }): Promise<DefaultBranchLinks> {
  const { github, repo, trees } = params;
  const key = repoKey(repo);
  const fresh = trees.fresh(key);
  if (fresh) return fresh;
  const stale = trees.entry(key);
  const since = trees.epoch;
  return reading({
    what: `listing the default branch's tree of ${repo.owner}/${repo.repo}`,
    read: async () => {
      try {
        const headers = stale?.etag ? { "if-none-match": stale.etag } : {};
        const response = await github.rest.git.getTree({ ...repo, tree_sha: "HEAD", recursive: "1", headers });
        const links = response.data.tree.flatMap((entry) =>
          entry.mode === SYMLINK_MODE && entry.type === "blob" && entry.path && entry.sha ? [{ path: entry.path, sha: entry.sha }] : [],
        );
        const value = { links, truncated: response.data.truncated };
        trees.set({ key, value, etag: response.headers.etag ?? null, since });
        return value;
      } catch (error) {
        if (httpStatus(error) === 304 && stale) {
          trees.confirm(key);
          return stale.value;
        }
        throw error;
      }
    },
  });
}

async function readTarget(params: { github: GitHub; repo: RepoRef; targets: LinkTargetStore; sha: string; path: string }): Promise<string> {
  const { github, repo, targets, sha } = params;
  const known = targets.get(sha);
  if (known !== undefined) return known;
  const blob = await reading({
    what: `reading the link ${repo.owner}/${repo.repo}:${params.path}`,
    read: () => github.rest.git.getBlob({ ...repo, file_sha: sha }),
  });
  const text = blob.data.size !== null && blob.data.size > MAX_TARGET_BYTES ? "" : Buffer.from(blob.data.content, "base64").toString("utf8");
  targets.set({ key: sha, value: text });
  return text;
}
