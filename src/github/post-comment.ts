import type { AppComment } from "../state/announcement-marker.js";
import { reading, type GitHub, type RepoRef } from "./client.js";

/**
 * Posts a comment and returns it as Gavel reads its own comments, with the
 * `created_at` GitHub set: for an announcement, that is when a discussion
 * period starts.
 */
export async function postComment(params: { github: GitHub; repo: RepoRef; number: number; body: string }): Promise<AppComment> {
  const { github, repo, number } = params;
  const { data } = await reading({
    what: `commenting on ${repo.owner}/${repo.repo}#${number}`,
    read: () => github.rest.issues.createComment({ ...repo, issue_number: number, body: params.body }),
  });
  return { id: data.id, body: data.body ?? params.body, createdAt: data.created_at, updatedAt: data.updated_at, url: data.html_url };
}
