import { reading, type GitHub, type RepoRef } from "./client.js";

/**
 * Rewrites one of the app's comments, unless it already says exactly that;
 * `at` is GitHub's time of the write, null if none was made.
 */
export async function updateComment(params: {
  github: GitHub;
  repo: RepoRef;
  commentId: number;
  body: string;
  current: string;
}): Promise<{ updated: boolean; at: string | null }> {
  if (params.body === params.current) return { updated: false, at: null };
  const { github, repo, commentId } = params;
  const { data } = await reading({
    what: `updating comment ${commentId} in ${repo.owner}/${repo.repo}`,
    read: () => github.rest.issues.updateComment({ ...repo, comment_id: commentId, body: params.body }),
  });
  return { updated: true, at: data.updated_at };
}
