import { blobSha, entryText, isSymlink, resolveLink, treeSha, type Commit, type FileChange, type Tree, type TreeEntry } from "../model/git.js";
import type { Repo } from "../model/store.js";
import { ApiError, notFound, type RouteTable } from "../server/route-types.js";
import { WEB } from "../shapes/presenter.js";
import { repoOf, type RouteContext } from "./route-context.js";

/** GitHub lists at most this many files of a comparison. */
export const COMPARE_FILE_LIMIT = 300;

/** Repository contents, comparisons and the PRs of a commit. */
export function repoRoutes(ctx: RouteContext): RouteTable {
  const api = ctx.presenter.api;
  return {
    // https://docs.github.com/rest/repos/contents#get-repository-content
    "GET /repos/{owner}/{repo}/contents/{path}": (request) => {
      const repo = repoOf({ ctx, request });
      const ref = request.query.get("ref") ?? repo.defaultBranch;
      const sha = ctx.store.resolveRef({ repo, ref });
      if (!sha) throw new ApiError({ status: 404, message: `No commit found for the ref ${ref}` });
      const tree: Tree = repo.graph.get(sha)?.tree ?? new Map<string, TreeEntry>();
      const path = (request.params.path ?? "").replace(/^\/+|\/+$/g, "");
      const entry = (item: { kind: "file" | "dir" | "symlink"; at: string; blob: string }) => {
        const { kind, at, blob } = item;
        const url = `${api}/repos/${repo.owner.login}/${repo.name}/contents/${at}?ref=${encodeURIComponent(ref)}`;
        const html = `${WEB}/${repo.owner.login}/${repo.name}/${kind === "dir" ? "tree" : "blob"}/${ref}/${at}`;
        const git = `${api}/repos/${repo.owner.login}/${repo.name}/git/${kind === "dir" ? "trees" : "blobs"}/${kind === "dir" ? treeSha({ tree, prefix: at }) : blobSha(blob)}`;
        const download = kind === "dir" ? null : `https://raw.githubusercontent.com/${repo.owner.login}/${repo.name}/${ref}/${at}`;
        return {
          type: kind,
          name: at.split("/").at(-1) ?? at,
          path: at,
          sha: kind === "dir" ? treeSha({ tree, prefix: at }) : blobSha(blob),
          size: kind === "dir" ? 0 : Buffer.byteLength(blob),
          url,
          html_url: html,
          git_url: git,
          download_url: download,
          _links: { self: url, git, html },
        };
      };
      const file = (at: string, text: string) => {
        if (Buffer.byteLength(text) <= ONE_MB) return { ...entry({ kind: "file", at, blob: text }), encoding: "base64", content: base64Lines(text) };
        // Files of 1-100 MB: "only the raw or object custom media types are supported"; with the object media type the
        // content is "" and the encoding "none". With the default media type GitHub refuses them with 403 `too_large`.
        if (request.accept.includes("application/vnd.github.object")) return { ...entry({ kind: "file", at, blob: text }), encoding: "none", content: "" };
        throw tooLarge();
      };
      const found = tree.get(path);
      if (typeof found === "string") return { status: 200, body: file(path, found) };
      if (found !== undefined) {
        // A link to a file of the repository answers with that file's content under the link's own name and path;
        // any other link (to a folder, outside the repository, to nothing) answers as itself, with its `target`.
        const target = followLink({ tree, path });
        if (target !== null) return { status: 200, body: { ...file(path, target.text), sha: blobSha(target.text) } };
        return { status: 200, body: { ...entry({ kind: "symlink", at: path, blob: found.symlink }), target: found.symlink } };
      }
      const prefix = path === "" ? "" : `${path}/`;
      const children = new Map<string, "file" | "dir" | "symlink">();
      for (const [file, value] of tree) {
        if (!file.startsWith(prefix)) continue;
        const [first = "", ...rest] = file.slice(prefix.length).split("/");
        children.set(first, rest.length > 0 ? "dir" : isSymlink(value) ? "symlink" : "file");
      }
      if (children.size === 0) throw notFound();
      // A folder lists its links as `symlink` (the `content-directory` schema's types are dir, file, submodule and symlink).
      return {
        status: 200,
        body: [...children]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, kind]) => entry({ kind, at: `${prefix}${name}`, blob: entryText(tree.get(`${prefix}${name}`) ?? "") })),
      };
    },

    // https://docs.github.com/rest/commits/commits#compare-two-commits
    "GET /repos/{owner}/{repo}/compare/{basehead}": (request) => {
      const repo = repoOf({ ctx, request });
      const [baseRef = "", headRef = ""] = (request.params.basehead ?? "").split("...");
      const base = ctx.store.resolveRef({ repo, ref: baseRef });
      const head = ctx.store.resolveRef({ repo, ref: headRef });
      if (!base || !head) throw notFound();
      const comparison = repo.graph.compare({ base, head });
      if (!comparison) throw new ApiError({ status: 404, message: `No common ancestor between ${baseRef} and ${headRef}.` });
      const url = `${api}/repos/${repo.owner.login}/${repo.name}/compare/${baseRef}...${headRef}`;
      const html = `${WEB}/${repo.owner.login}/${repo.name}/compare/${baseRef}...${headRef}`;
      const baseCommit = repo.graph.get(base);
      return {
        status: 200,
        body: {
          url,
          html_url: html,
          permalink_url: html,
          diff_url: `${html}.diff`,
          patch_url: `${html}.patch`,
          base_commit: baseCommit ? commitJson({ ctx, repo, commit: baseCommit }) : null,
          merge_base_commit: commitJson({ ctx, repo, commit: comparison.mergeBase }),
          status: comparison.status,
          ahead_by: comparison.aheadBy,
          behind_by: comparison.behindBy,
          total_commits: comparison.aheadBy,
          commits: comparison.commits.map((commit) => commitJson({ ctx, repo, commit })),
          files: comparison.files.slice(0, COMPARE_FILE_LIMIT).map((file) => diffEntry({ ctx, repo, file, ref: head })),
        },
      };
    },

    // https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit
    // A commit that exists only in a fork is associated with no PR of this repository: asked here,
    // GitHub answers [] for a fork PR's head (observed: https://github.com/TooTallNate/nx.js/pull/410).
    "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls": (request) => {
      const repo = repoOf({ ctx, request });
      const sha = ctx.store.resolveRef({ repo, ref: request.params.commit_sha ?? "" });
      if (!sha) throw new ApiError({ status: 422, message: `No commit found for SHA: ${request.params.commit_sha ?? ""}` });
      const pulls = [...repo.issues.values()].filter((issue) => {
        const head = issue.pull && !issue.pull.fork ? repo.branches.get(issue.pull.headRef) : undefined;
        return head !== undefined && repo.graph.ancestry(head).has(sha);
      });
      return { status: 200, list: pulls.map((issue) => ctx.presenter.pull({ repo, issue })) };
    },
  };
}

/** One file of a comparison or a PR, as GitHub's `diff-entry`. */
export function diffEntry(params: { ctx: RouteContext; repo: Repo; file: FileChange; ref: string }): Record<string, unknown> {
  const { repo, file, ref } = params;
  const api = params.ctx.presenter.api;
  const path = encodeURIComponent(file.filename);
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${WEB}/${repo.owner.login}/${repo.name}/blob/${ref}/${path}`,
    raw_url: `${WEB}/${repo.owner.login}/${repo.name}/raw/${ref}/${path}`,
    contents_url: `${api}/repos/${repo.owner.login}/${repo.name}/contents/${path}?ref=${ref}`,
    patch: file.patch,
    ...(file.previousFilename ? { previous_filename: file.previousFilename } : {}),
  };
}

export function commitJson(params: { ctx: RouteContext; repo: Repo; commit: Commit }): Record<string, unknown> {
  const { ctx, repo, commit } = params;
  const url = `${ctx.presenter.api}/repos/${repo.owner.login}/${repo.name}/commits/${commit.sha}`;
  const person = { name: commit.author, email: `${commit.author}@users.noreply.github.com`, date: commit.date };
  const author = ctx.presenter.user(ctx.store.account({ login: commit.author }));
  return {
    sha: commit.sha,
    node_id: Buffer.from(`C_${commit.sha}`).toString("base64"),
    url,
    html_url: `${WEB}/${repo.owner.login}/${repo.name}/commit/${commit.sha}`,
    comments_url: `${url}/comments`,
    commit: { url, author: person, committer: person, message: commit.message, comment_count: 0, tree: { sha: commit.sha, url } },
    author,
    committer: author,
    parents: commit.parents.map((sha) => ({ sha, url: `${ctx.presenter.api}/repos/${repo.owner.login}/${repo.name}/commits/${sha}` })),
  };
}

/** https://docs.github.com/rest/repos/contents#get-repository-content: content is returned for files up to 1 MB. */
const ONE_MB = 1024 * 1024;

/**
 * GitHub's answer to a file over 1 MB asked for with the default media type:
 * 403, with an error of code `too_large`.
 * https://docs.github.com/rest/repos/contents#get-repository-content ("Between 1-100 MB: Only the raw or object custom
 * media types are supported"); the message and code as GitHub answers them, e.g.
 * https://github.com/tgstation/icondiffbot/issues/24
 */
function tooLarge(): ApiError {
  return new ApiError({
    status: 403,
    message:
      "This API returns blobs up to 1 MB in size. The requested blob is too large to fetch via the API, but you can use the Git Data API to request blobs up to 100 MB in size.",
    errors: [{ resource: "Blob", field: "data", code: "too_large" }],
  });
}

/** Links git follows before giving up (a loop), as Linux's MAXSYMLINKS. */
const MAX_LINK_HOPS = 40;

/**
 * The regular file the link at `path` leads to, through other links, or null
 * when it leads to a folder, outside the repository, to nothing, or around in
 * a loop: "If the content is a symlink and the symlink's target is a normal
 * file in the repository, then the API responds with the content of the file.
 * Otherwise, the API responds with an object describing the symlink itself"
 * (https://docs.github.com/rest/repos/contents#get-repository-content).
 */
function followLink(params: { tree: Tree; path: string }): { path: string; text: string } | null {
  let at = params.path;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const entry = params.tree.get(at);
    if (typeof entry === "string") return { path: at, text: entry };
    if (entry === undefined) return null;
    const next = resolveLink({ path: at, target: entry.symlink });
    if (next === null) return null;
    at = next;
  }
  return null;
}

/** GitHub's contents API wraps base64 at 60 characters, with a final newline. */
export function base64Lines(text: string): string {
  const encoded = Buffer.from(text).toString("base64");
  return `${encoded.match(/.{1,60}/g)?.join("\n") ?? ""}\n`;
}
