import type { Account, Issue, Repo, Store } from "../model/store.js";
import { isRecord } from "../openapi/schema-doc.js";
import type { Auth } from "../server/auth.js";
import { ApiError, notFound, type ApiRequest } from "../server/route-types.js";
import type { Presenter } from "../shapes/presenter.js";
import type { GitHubEvents } from "../webhooks/events.js";

/** What route handlers share: the state, how it is shown, and the webhooks its changes send. */
export interface RouteContext {
  store: Store;
  presenter: Presenter;
  events: GitHubEvents;
  auth: Auth;
  /** Reports something the sandbox does not model, loudly. */
  problem: (message: string) => void;
}

/**
 * The repository a request names, as an installation token sees it. The
 * repositories the installation was granted are its own. Outside them (not
 * selected, or another account's), a private repository is 404, as GitHub
 * answers rather than confirm that it exists; a public one may be read, since
 * an app "will always have at least read-only access to all public
 * repositories on GitHub", but not written (403).
 * https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api#404-not-found-for-an-existing-resource
 * https://docs.github.com/apps/using-github-apps/installing-your-own-github-app
 */
export function repoOf(params: { ctx: RouteContext; request: ApiRequest }): Repo {
  const { ctx, request } = params;
  const repo = ctx.store.repo({ owner: request.params.owner ?? "", name: request.params.repo ?? "" });
  if (!repo) throw notFound();
  const installation = request.installation;
  if (!installation || ctx.store.covers({ installation, repo })) return repo;
  if (repo.private) throw notFound();
  if (request.method !== "GET") throw new ApiError({ status: 403, message: "Resource not accessible by integration" });
  return repo;
}

export function issueOf(params: { repo: Repo; number: string | undefined }): Issue {
  const issue = params.repo.issues.get(Number(params.number));
  if (!issue) throw notFound();
  return issue;
}

export function pullOf(params: { repo: Repo; number: string | undefined }): Issue {
  const issue = issueOf(params);
  if (!issue.pull) throw notFound();
  return issue;
}

/** Who a write is shown as: with an installation token, the app's bot account. */
export function writer(params: { ctx: RouteContext; request: ApiRequest }): Account {
  if (!params.request.installation) throw new ApiError({ status: 403, message: "Resource not accessible by integration" });
  return params.ctx.store.app.bot;
}

export function field(params: { body: unknown; key: string }): unknown {
  const { body, key } = params;
  return isRecord(body) ? body[key] : undefined;
}

export function stringField(params: { body: unknown; key: string }): string | undefined {
  const value = field(params);
  return typeof value === "string" ? value : undefined;
}
