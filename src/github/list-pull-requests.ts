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
 * The numbers of the open PRs whose head is `headSha`, forks' included: the
 * open PRs are listed and matched by head. GitHub's "List pull requests
 * associated with a commit" answers `[]` on the base repository for a commit
 * that exists only in a fork, so it can't find a fork's PR.
 * https://docs.github.com/rest/pulls/pulls#list-pull-requests
 */
export async function pullRequestsWithHead(params: { github: GitHub; repo: RepoRef; headSha: string }): Promise<number[]> {
  const open = await listOpenPullRequests(params);
  return open.filter((pr) => pr.headSha === params.headSha).map((pr) => pr.number);
}
