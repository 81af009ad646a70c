import { ApiError, notFound, type RouteTable } from "../server/route-types.js";
import { APP_PERMISSIONS } from "../shapes/presenter.js";
import { searchIssues } from "./search-issues.js";
import type { RouteContext } from "./route-context.js";

/** The app's installations and tokens (JWT), and issue search. */
export function appRoutes(ctx: RouteContext): RouteTable {
  const { store, presenter } = ctx;
  return {
    "GET /app/installations": () => ({ status: 200, list: store.installations.map((i) => presenter.installation(i)) }),

    // https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app
    "POST /app/installations/{installation_id}/access_tokens": (request) => {
      const installation = store.installations.find((i) => i.id === Number(request.params.installation_id));
      if (!installation) throw notFound();
      const { token, expiresAt } = ctx.auth.issueToken(installation);
      return { status: 201, body: { token, expires_at: expiresAt, permissions: APP_PERMISSIONS, repository_selection: installation.repositorySelection } };
    },

    // https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app
    // With the app's JWT: the installation that was granted the repository. A repository the app can't act on (no
    // installation on its account, or one whose selected repositories leave it out) is 404, like one that doesn't
    // exist: "`GET /repos/{owner}/{repo}/installation` returns 404 in two distinct cases: 1. The App is not installed
    // for the owner at all. 2. The App is installed, but the installation's repository selection ("Only select
    // repositories") does not include this repository." (https://github.com/fabro-sh/fabro/pull/797)
    "GET /repos/{owner}/{repo}/installation": (request) => {
      const repo = store.repo({ owner: request.params.owner ?? "", name: request.params.repo ?? "" });
      const installation = repo ? store.installationOf(repo) : undefined;
      if (!installation) throw notFound();
      return { status: 200, body: presenter.installation(installation) };
    },

    // https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation
    // With an installation's token: the repositories it was granted (all of its account's, or the selected ones).
    "GET /installation/repositories": (request) => {
      const installation = request.installation;
      if (!installation) throw new ApiError({ status: 403, message: "Resource not accessible by integration" });
      const repos = [...store.repos.values()].filter((repo) => store.covers({ installation, repo })).sort((a, b) => a.id - b.id);
      return {
        status: 200,
        list: repos.map((repo) => presenter.repository(repo)),
        wrap: ({ items, total }) => ({ total_count: total, repository_selection: installation.repositorySelection, repositories: items }),
      };
    },

    "GET /search/issues": (request) => {
      if (!request.installation) throw new ApiError({ status: 403, message: "Resource not accessible by integration" });
      const found = searchIssues({
        ctx,
        installation: request.installation,
        q: request.query.get("q") ?? "",
        sort: request.query.get("sort"),
        order: request.query.get("order"),
      });
      return {
        status: 200,
        list: found.map(({ repo, issue }) => ({ ...presenter.issue({ repo, issue }), score: 1 })),
        cap: 1000,
        wrap: ({ items, total }) => ({ total_count: total, incomplete_results: false, items }),
      };
    },
  };
}
