import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";

/** Routes as the sandbox counts them. */
export const ROUTE = {
  contents: "GET /repos/{owner}/{repo}/contents/{path}",
  pull: "GET /repos/{owner}/{repo}/pulls/{pull_number}",
  pulls: "GET /repos/{owner}/{repo}/pulls",
  files: "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
  reviews: "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  issue: "GET /repos/{owner}/{repo}/issues/{issue_number}",
  comments: "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
  issueEvents: "GET /repos/{owner}/{repo}/issues/{issue_number}/events",
  checks: "GET /repos/{owner}/{repo}/commits/{ref}/check-runs",
  compare: "GET /repos/{owner}/{repo}/compare/{basehead}",
  commitPulls: "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls",
  teamMembers: "GET /orgs/{org}/teams/{team_slug}/members",
  search: "GET /search/issues",
  deliveries: "GET /app/hook/deliveries",
  installations: "GET /app/installations",
  installation: "GET /repos/{owner}/{repo}/installation",
  tree: "GET /repos/{owner}/{repo}/git/trees/{tree_sha}",
  postComment: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
  editComment: "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
  deleteComment: "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}",
  addLabels: "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
  removeLabel: "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}",
  createCheck: "POST /repos/{owner}/{repo}/check-runs",
  updateCheck: "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
} as const;

const TOKENS = "POST /app/installations/{installation_id}/access_tokens";

/** Where the requests are read: a LocalGavel, or `{ github }` for the sandbox without Gavel's server. */
type Source = Pick<LocalGavel, "github">;

/** The requests since the last reset, in order, as "METHOD template"; installation tokens (authentication) left out. */
export function routes(local: Source): string[] {
  return local.github.requestLog().flatMap((r) => (r.route === TOKENS ? [] : [r.route]));
}

/** The requests since the last reset by route, installation tokens left out: the order of reads made in parallel is GitHub's to choose, their count is not. */
export function costs(local: Source): Record<string, number> {
  return Object.fromEntries(Object.entries(local.github.requestCounts()).filter(([route]) => route !== TOKENS));
}

/** The writes since the last reset, in order. */
export function writeRoutes(local: Source): string[] {
  return routes(local).filter((route) => !route.startsWith("GET "));
}

/** The decoded paths, with their queries, of the requests to `route` since the last reset. */
export function pathsOf(params: { local: Source; route: string }): string[] {
  return params.local.github.requestLog().flatMap((r) => (r.route === params.route ? [r.path] : []));
}

/** The bodies of the app's comments on a thread that carry `marker` (e.g. "gavel:announcement"), oldest first. */
export function appBodies(params: { local: LocalGavel; repo: string; number: number; marker?: string }): string[] {
  const { local, repo, number, marker } = params;
  return local.github.appComments({ repo, number }).flatMap((c) => (marker === undefined || c.body.includes(marker) ? [c.body] : []));
}

/** A message as a snapshot keeps it: a state marker's signature depends on the run's secret, so it is masked. */
export function maskSignature(body: string): string {
  return body.replace(/(<!-- gavel:[\w-]+ [\w-]+)\.[\w-]+ -->/g, "$1.<signature> -->");
}

/**
 * The app's own Octokit on an installation: what another replica of Gavel,
 * or one that died mid-write, would have written with the same token.
 */
export async function appOctokit(params: { local: LocalGavel; account: string }) {
  const installation = params.local.sandbox.store.installationFor(params.account);
  if (!installation) throw new Error(`the app is not installed on ${params.account}`);
  return params.local.probot.auth(installation.id);
}
