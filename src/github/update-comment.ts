import { reading, type GitHub, type RepoRef } from "./client.js";

/** Rewrites one of the app's comments, unless it already says exactly that. */
export async function updateComment(params: { github: GitHub; repo: RepoRef; commentId: number; body: string; current: string }): Promise<boolean> {
  if (params.body === params.current) return false;
  const { github, repo, commentId } = params;
  await reading({
    what: `updating comment ${commentId} in ${repo.owner}/${repo.repo}`,
    read: () => github.rest.issues.updateComment({ ...repo, comment_id: commentId, body: params.body }),
  });
  return true;
}
