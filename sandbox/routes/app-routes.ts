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
      return { status: 201, body: { token, expires_at: expiresAt, permissions: APP_PERMISSIONS, repository_selection: "all" } };
    },

    "GET /search/issues": (request) => {
      if (!request.installation) throw new ApiError({ status: 403, message: "Resource not accessible by integration" });
      const found = searchIssues({ ctx, installation: request.installation, q: request.query.get("q") ?? "", sort: request.query.get("sort"), order: request.query.get("order") });
      return {
        status: 200,
        list: found.map(({ repo, issue }) => ({ ...presenter.issue({ repo, issue }), score: 1 })),
        cap: 1000,
        wrap: ({ items, total }) => ({ total_count: total, incomplete_results: false, items }),
      };
    },
  };
}
