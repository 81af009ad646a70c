import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";

/** Deletes one of the app's comments; one another replica already deleted is done. */
export async function deleteComment(params: { github: GitHub; repo: RepoRef; commentId: number }): Promise<void> {
  const { github, repo, commentId } = params;
  await reading({
    what: `deleting comment ${commentId} in ${repo.owner}/${repo.repo}`,
    read: async () => {
      try {
        await github.rest.issues.deleteComment({ ...repo, comment_id: commentId });
      } catch (error) {
        if (httpStatus(error) !== 404) throw error;
      }
    },
  });
}
