import { createHash } from "node:crypto";

/**
 * A symbolic link, as git stores it: a blob (mode 120000) whose content is
 * the target path, written relative to the link's folder.
 * https://git-scm.com/docs/git-fast-import (file modes: 120000 is a symlink)
 */
export interface SymlinkEntry {
  symlink: string;
}

/** What a path holds: a regular file's text, or a symbolic link. */
export type TreeEntry = string | SymlinkEntry;

/** A commit's files: path → entry. */
export type Tree = ReadonlyMap<string, TreeEntry>;

/** The blob's content: a file's text, or a link's target path. */
export function entryText(entry: TreeEntry): string {
  return typeof entry === "string" ? entry : entry.symlink;
}

export function isSymlink(entry: TreeEntry | undefined): entry is SymlinkEntry {
  return typeof entry === "object";
}

export interface Commit {
  sha: string;
  parents: string[];
  tree: Tree;
  message: string;
  author: string;
  date: string;
}

export interface FileChange {
  filename: string;
  previousFilename: string | null;
  status: "added" | "removed" | "modified" | "renamed";
  /** Blob id of the file as it is after the change (before, for a removal). */
  sha: string;
  additions: number;
  deletions: number;
  patch: string;
}

export type Comparison = {
  status: "identical" | "ahead" | "behind" | "diverged";
  aheadBy: number;
  behindBy: number;
  mergeBase: Commit;
  /** Commits reachable from head but not from base, oldest first. */
  commits: Commit[];
  /** Changes from the merge base to head, as GitHub's three-dot comparison lists them. */
  files: FileChange[];
};

/** Git's blob id of a text: content-addressed, as GitHub reports it for files. */
export function blobSha(text: string): string {
  return createHash("sha1")
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest("hex");
}

/**
 * A repository's commits: enough git for what GitHub's API reports (merge
 * bases, ahead/behind, changed files). Commit ids are content hashes of the
 * tree, parents, message, author and date, so they are stable across runs.
 */
export class CommitGraph {
  private readonly commits = new Map<string, Commit>();

  add(params: { parents: string[]; tree: Tree; message: string; author: string; date: string }): Commit {
    const hash = createHash("sha1");
    for (const [path, entry] of [...params.tree].sort(([a], [b]) => a.localeCompare(b)))
      hash.update(`${path}\0${isSymlink(entry) ? "120000" : "100644"}\0${blobSha(entryText(entry))}\n`);
    hash.update(`${params.parents.join(",")}\0${params.message}\0${params.author}\0${params.date}\0${this.commits.size}`);
    const commit: Commit = { ...params, sha: hash.digest("hex") };
    this.commits.set(commit.sha, commit);
    return commit;
  }

  /** Drops a commit, as GitHub's garbage collection drops one no ref reaches. */
  forget(sha: string): void {
    this.commits.delete(sha);
  }

  get(sha: string): Commit | undefined {
    return this.commits.get(sha);
  }

  /** A full or abbreviated (7+ hex digits) id. */
  find(ref: string): Commit | undefined {
    if (ref.length < 7 || !/^[0-9a-f]+$/.test(ref)) return undefined;
    return this.commits.get(ref) ?? [...this.commits.values()].find((c) => c.sha.startsWith(ref));
  }

  /** Every commit reachable from `sha` with its distance, `sha` included. */
  ancestry(sha: string): Map<string, number> {
    const seen = new Map<string, number>([[sha, 0]]);
    const queue = [sha];
    while (queue.length > 0) {
      const current = queue.shift() ?? "";
      for (const parent of this.commits.get(current)?.parents ?? []) {
        if (seen.has(parent)) continue;
        seen.set(parent, (seen.get(current) ?? 0) + 1);
        queue.push(parent);
      }
    }
    return seen;
  }

  mergeBase(params: { base: string; head: string }): Commit | null {
    const fromBase = this.ancestry(params.base);
    const fromHead = [...this.ancestry(params.head)].sort((a, b) => a[1] - b[1]);
    const shared = fromHead.find(([sha]) => fromBase.has(sha));
    return shared ? (this.commits.get(shared[0]) ?? null) : null;
  }

  /** GitHub's `base...head`; null when they share no history (GitHub answers 404). */
  compare(params: { base: string; head: string }): Comparison | null {
    const base = this.commits.get(params.base);
    const head = this.commits.get(params.head);
    const mergeBase = this.mergeBase(params);
    if (!base || !head || !mergeBase) return null;
    const baseSide = this.ancestry(base.sha);
    const headSide = this.ancestry(head.sha);
    const commits = [...headSide]
      .filter(([sha]) => !baseSide.has(sha))
      .sort((a, b) => b[1] - a[1])
      .flatMap(([sha]) => this.commits.get(sha) ?? []);
    const behindBy = [...baseSide.keys()].filter((sha) => !headSide.has(sha)).length;
    const aheadBy = commits.length;
    const status = aheadBy === 0 && behindBy === 0 ? "identical" : behindBy === 0 ? "ahead" : aheadBy === 0 ? "behind" : "diverged";
    return { status, aheadBy, behindBy, mergeBase, commits, files: diffTrees({ from: mergeBase.tree, to: head.tree }) };
  }
}

/** Applies changes (null deletes a file) to a tree. */
export function applyChanges(params: { tree: Tree; changes: Record<string, TreeEntry | null> }): Tree {
  const next = new Map(params.tree);
  for (const [path, entry] of Object.entries(params.changes)) {
    if (entry === null) next.delete(path);
    else next.set(path, entry);
  }
  return next;
}

/**
 * What the link at `path` points to, as a path of the repository: its target
 * read relative to the link's folder, or null when it leaves the repository
 * (absolute, or above the root), as git stores it and GitHub resolves it.
 */
export function resolveLink(params: { path: string; target: string }): string | null {
  if (params.target.startsWith("/")) return null;
  const parts = params.path.split("/").slice(0, -1);
  for (const part of params.target.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

/** What changed between two trees; a removed and an added file with the same text are a rename, as git detects it. A link's text is its target. */
export function diffTrees(params: { from: Tree; to: Tree }): FileChange[] {
  const text = (tree: Tree) => new Map([...tree].map(([path, entry]) => [path, entryText(entry)]));
  const from = text(params.from);
  const to = text(params.to);
  const changes: FileChange[] = [];
  const added = [...to].filter(([path]) => !from.has(path));
  const removed = [...from].filter(([path]) => !to.has(path));
  const renamedFrom = new Set<string>();
  for (const [path, body] of added) {
    const source = removed.find(([oldPath, oldText]) => oldText === body && !renamedFrom.has(oldPath));
    if (source) renamedFrom.add(source[0]);
    changes.push({
      filename: path,
      previousFilename: source ? source[0] : null,
      status: source ? "renamed" : "added",
      sha: blobSha(body),
      ...lineDiff({ before: source ? body : "", after: body }),
    });
  }
  for (const [path, body] of removed) {
    if (!renamedFrom.has(path))
      changes.push({ filename: path, previousFilename: null, status: "removed", sha: blobSha(body), ...lineDiff({ before: body, after: "" }) });
  }
  for (const [path, body] of to) {
    const before = from.get(path);
    const retyped = isSymlink(params.from.get(path)) !== isSymlink(params.to.get(path));
    if (before !== undefined && (before !== body || retyped))
      changes.push({ filename: path, previousFilename: null, status: "modified", sha: blobSha(body), ...lineDiff({ before, after: body }) });
  }
  return changes.sort((a, b) => a.filename.localeCompare(b.filename));
}

/** A whole-file hunk: enough for counts and a readable patch, not a minimal diff. */
function lineDiff(params: { before: string; after: string }): { additions: number; deletions: number; patch: string } {
  const lines = (text: string) => (text === "" ? [] : text.replace(/\n$/, "").split("\n"));
  const before = lines(params.before);
  const after = lines(params.after);
  const kept = new Set(before.filter((l) => after.includes(l)));
  const removed = before.filter((l) => !kept.has(l));
  const added = after.filter((l) => !kept.has(l));
  const header = `@@ -${before.length > 0 ? 1 : 0},${before.length} +${after.length > 0 ? 1 : 0},${after.length} @@`;
  const patch = [header, ...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`)].join("\n");
  return { additions: added.length, deletions: removed.length, patch };
}

/** One entry of GitHub's Git tree listing. */
export interface TreeListing {
  path: string;
  mode: "100644" | "120000" | "040000";
  type: "blob" | "tree";
  sha: string;
  /** Blobs only. */
  size?: number;
}

/**
 * The folder `prefix` ("" for the root) of a commit's files as git's tree
 * objects list it: files (mode 100644), links (mode 120000, whose blob is
 * the target) and folders (040000, with their own tree id), in git's order;
 * with `recursive`, everything below, as GitHub's `?recursive=` lists it.
 * https://docs.github.com/rest/git/trees#get-a-tree
 */
export function listTree(params: { tree: Tree; prefix: string; recursive: boolean }): TreeListing[] {
  const { tree, prefix } = params;
  const base = prefix === "" ? "" : `${prefix}/`;
  const listing: TreeListing[] = [];
  const folders = new Set<string>();
  for (const [path, entry] of tree) {
    if (!path.startsWith(base)) continue;
    const [first = "", ...rest] = path.slice(base.length).split("/");
    if (rest.length === 0) {
      const body = entryText(entry);
      listing.push({ path: `${base}${first}`, mode: isSymlink(entry) ? "120000" : "100644", type: "blob", sha: blobSha(body), size: Buffer.byteLength(body) });
    } else folders.add(`${base}${first}`);
  }
  for (const folder of folders) {
    listing.push({ path: folder, mode: "040000", type: "tree", sha: treeSha({ tree, prefix: folder }) });
    if (params.recursive) listing.push(...listTree({ tree, prefix: folder, recursive: true }));
  }
  return listing.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A folder's tree id: a hash of what it lists, so equal folders share it, as in git. */
export function treeSha(params: { tree: Tree; prefix: string }): string {
  const hash = createHash("sha1").update("tree\0");
  for (const entry of listTree({ ...params, recursive: false })) hash.update(`${entry.mode} ${entry.path.split("/").at(-1) ?? ""}\0${entry.sha}\n`);
  return hash.digest("hex");
}
