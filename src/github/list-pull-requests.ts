import { reading, type GitHub, type RepoRef } from "./client.js";
import type { PullRequestSnapshot } from "../policy/types.js";
import { snapshotFromPayload } from "./load-pull-request.js";

/**
 * Every open PR of a repository, as the list shows them (each a snapshot
 * read from the API just now).
 * https://docs.github.com/rest/pulls/pulls#list-pull-requests
 */
export async function listOpenPullRequests(params: { github: GitHub; repo: RepoRef }): Promise<PullRequestSnapshot[]> {
  const { github, repo } = params;
  const open = await reading({
    what: `listing open pull requests of ${repo.owner}/${repo.repo}`,
    read: () => github.paginate(github.rest.pulls.list, { ...repo, state: "open", per_page: 100 }),
  });
  return open.map((pull) => snapshotFromPayload({ pull, source: "api" }));
}

/**
 * The numbers of the open PRs whose head is `headSha`, as GitHub associates
 * them with the commit.
 * https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit
 */
export async function pullRequestsWithHead(params: { github: GitHub; repo: RepoRef; headSha: string }): Promise<number[]> {
  const { github, repo, headSha } = params;
  const { data } = await reading({
    what: `listing pull requests of ${headSha.slice(0, 7)} in ${repo.owner}/${repo.repo}`,
    read: () => github.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: headSha }),
  });
  return data.filter((pr) => pr.state === "open" && pr.head.sha === headSha).map((pr) => pr.number);
}
