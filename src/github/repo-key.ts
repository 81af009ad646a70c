import type { RepoRef } from "./client.js";

/** GitHub's owner and repository names are case-insensitive: one key for every spelling. */
export function repoKey(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}

/** An issue or pull request of a repository: `acme/widgets#12`. */
export function itemInRepoKey(params: { repo: RepoRef; number: number }): string {
  return `${repoKey(params.repo)}#${params.number}`;
}
