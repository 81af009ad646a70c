import { Lazy, type RouteTable } from "../server/route-types.js";
import { diffEntry } from "./repo-routes.js";
import { pullOf, repoOf, type RouteContext } from "./route-context.js";

/** GitHub lists at most this many files of a pull request: "Responses include a maximum of 3000 files." */
export const PR_FILE_LIMIT = 3000;

/** Pull requests, their files and their reviews. */
export function pullRoutes(ctx: RouteContext): RouteTable {
  return {
    // https://docs.github.com/rest/pulls/pulls#get-a-pull-request
    "GET /repos/{owner}/{repo}/pulls/{pull_number}": (request) => {
      const repo = repoOf({ ctx, request });
      return { status: 200, body: ctx.presenter.pull({ repo, issue: pullOf({ repo, number: request.params.pull_number }) }) };
    },

    // https://docs.github.com/rest/pulls/pulls#list-pull-requests: newest first, open ones by default.
    "GET /repos/{owner}/{repo}/pulls": (request) => {
      const repo = repoOf({ ctx, request });
      const state = request.query.get("state") ?? "open";
      const pulls = [...repo.issues.values()].filter((i) => i.pull && (state === "all" || i.state === state)).sort((a, b) => b.number - a.number);
      return { status: 200, list: pulls.map((issue) => new Lazy(() => ctx.presenter.pull({ repo, issue, simple: true }))) };
    },

    // https://docs.github.com/rest/pulls/pulls#list-pull-requests-files: the merge base against the head, cut at 3,000 files.
    "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": (request) => {
      const repo = repoOf({ ctx, request });
      const issue = pullOf({ repo, number: request.params.pull_number });
      const head = repo.branches.get(issue.pull?.headRef ?? "") ?? "";
      const base = repo.branches.get(issue.pull?.baseRef ?? "") ?? "";
      const files = repo.graph.compare({ base, head })?.files ?? [];
      return { status: 200, list: files.map((file) => diffEntry({ ctx, repo, file, ref: head })), cap: PR_FILE_LIMIT };
    },

    // https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request: in the order they were submitted.
    "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": (request) => {
      const repo = repoOf({ ctx, request });
      const issue = pullOf({ repo, number: request.params.pull_number });
      return { status: 200, list: (issue.pull?.reviews ?? []).map((review) => ctx.presenter.review({ repo, issue, review })) };
    },
  };
}
