import { answeredAt, httpStatus, reading, type GitHub, type RepoRef } from "./client.js";

/**
 * Deletes one of the app's comments; one another replica already deleted is
 * done. Answers GitHub's time of the deletion, null if it made none.
 */
export async function deleteComment(params: { github: GitHub; repo: RepoRef; commentId: number }): Promise<string | null> {
  const { github, repo, commentId } = params;
  return await reading({
    what: `deleting comment ${commentId} in ${repo.owner}/${repo.repo}`,
    read: async () => {
      try {
        return answeredAt(await github.rest.issues.deleteComment({ ...repo, comment_id: commentId }));
      } catch (error) {
        if (httpStatus(error) !== 404) throw error;
        return null;
      }
    },
  });
}
