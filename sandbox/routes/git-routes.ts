import { blobSha, entryText, listTree, treeSha, type Tree } from "../model/git.js";
import type { Repo } from "../model/store.js";
import { notFound, type RouteTable } from "../server/route-types.js";
import { repoOf, type RouteContext } from "./route-context.js";
import { base64Lines } from "./repo-routes.js";

/** Git's trees and blobs: how a repository's files, links among them, are listed and read. */
export function gitRoutes(ctx: RouteContext): RouteTable {
  const api = ctx.presenter.api;
  return {
    // https://docs.github.com/rest/git/trees#get-a-tree: `tree_sha` is a tree's id or a branch or tag name;
    // `recursive` set to any value lists everything below; past 100,000 entries `truncated` is true.
    "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": (request) => {
      const repo = repoOf({ ctx, request });
      const found = findTree({ ctx, repo, ref: request.params.tree_sha ?? "" });
      if (!found) throw notFound();
      const all = listTree({ tree: found.tree, prefix: found.prefix, recursive: request.query.has("recursive") });
      const url = (kind: string, sha: string) => `${api}/repos/${repo.owner.login}/${repo.name}/git/${kind}/${sha}`;
      const relative = (path: string) => (found.prefix === "" ? path : path.slice(found.prefix.length + 1));
      const limit = ctx.store.treeEntryLimit;
      const tree = all.slice(0, limit).map((e) => ({ ...e, path: relative(e.path), url: url(e.type === "tree" ? "trees" : "blobs", e.sha) }));
      const sha = treeSha({ tree: found.tree, prefix: found.prefix });
      return { status: 200, body: { sha, url: url("trees", sha), tree, truncated: all.length > limit } };
    },

    // https://docs.github.com/rest/git/blobs#get-a-blob: any blob of the repository by its id; a link's blob is its target.
    "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": (request) => {
      const repo = repoOf({ ctx, request });
      const sha = request.params.file_sha ?? "";
      for (const tree of trees(repo)) {
        for (const entry of tree.values()) {
          const text = entryText(entry);
          if (blobSha(text) !== sha) continue;
          const url = `${api}/repos/${repo.owner.login}/${repo.name}/git/blobs/${sha}`;
          return {
            status: 200,
            body: {
              sha,
              node_id: Buffer.from(`B_${sha}`).toString("base64"),
              size: Buffer.byteLength(text),
              url,
              content: base64Lines(text),
              encoding: "base64",
            },
          };
        }
      }
      throw notFound();
    },
  };
}

function* trees(repo: Repo): Generator<Tree> {
  for (const sha of repo.branches.values()) {
    for (const ancestor of repo.graph.ancestry(sha).keys()) {
      const commit = repo.graph.get(ancestor);
      if (commit) yield commit.tree;
    }
  }
}

/**
 * A branch, tag or commit names its root folder; a tree id names whichever
 * folder hashes to it. `HEAD` is the default branch, as in any bare git
 * repository (https://git-scm.com/docs/gitrepository-layout: "HEAD … names
 * the default branch"), and GitHub resolves it so for `git/trees/HEAD`. GitHub's
 * docs name only "The SHA1 value or ref (branch or tag) name of the tree"; `HEAD`
 * working is observed (https://github.com/scripting/Scripting-News/issues/94).
 */
function findTree(params: { ctx: RouteContext; repo: Repo; ref: string }): { tree: Tree; prefix: string } | null {
  const { repo } = params;
  const ref = params.ref === "HEAD" ? repo.defaultBranch : params.ref;
  const commit = params.ctx.store.resolveRef({ repo, ref });
  const tree = commit ? repo.graph.get(commit)?.tree : undefined;
  if (tree) return { tree, prefix: "" };
  for (const candidate of trees(repo)) {
    if (treeSha({ tree: candidate, prefix: "" }) === ref) return { tree: candidate, prefix: "" };
    for (const folder of listTree({ tree: candidate, prefix: "", recursive: true }).filter((e) => e.type === "tree")) {
      if (folder.sha === ref) return { tree: candidate, prefix: folder.path };
    }
  }
  return null;
}
