import type { Installation, Issue, Repo } from "../model/store.js";
import type { RouteContext } from "./route-context.js";

export interface Hit {
  repo: Repo;
  issue: Issue;
}

/**
 * GitHub's issue search, for the qualifiers an app's sweep uses: `is:open`,
 * `is:closed`, `state:…`, `is:pr`, `is:issue`, `type:…`, `label:` (a
 * comma-separated list is an OR; several `label:` qualifiers are an AND),
 * `org:`, `user:`, `repo:` (several are an OR), and `updated:` with `>=`, `>`, `<=`, `<` or a
 * plain instant (a date, or a date and time in UTC). Other terms match the
 * title. Any other qualifier is reported as not modelled and ignored. The
 * repositories the installation was granted are searched, and every public
 * one besides: an app can read what is public anywhere, and search shows it
 * (probot/probot#1033: "I'm receiving issues from orgs/repos the app is not
 * installed"). Of the repositories that match `org:`, `user:` and `repo:`,
 * only the first 4,000 are searched (Store.searchRepositoryLimit). Results
 * are ordered by repository, then number, or by `sort=updated` in `order` (GitHub's default
 * order is `desc`), ties by number.
 * https://docs.github.com/search-github/getting-started-with-searching-on-github/understanding-the-search-syntax#query-for-dates
 * https://docs.github.com/rest/search/search#search-scope-limits
 */
export function searchIssues(params: { ctx: RouteContext; installation: Installation; q: string; sort?: string | null; order?: string | null }): Hit[] {
  const { ctx, installation } = params;
  const filters: Array<(hit: Hit) => boolean> = [];
  const inRepo: Array<(repo: Repo) => boolean> = [];
  // Several `repo:` qualifiers are an OR: "your search query searches for the `octocat/test` and `codertocat/test` repositories".
  const named: string[] = [];
  for (const token of tokens(params.q)) {
    const qualifier = /^(-?)([a-z]+):(.+)$/i.exec(token);
    if (!qualifier) {
      const text = unquote(token).toLowerCase();
      filters.push(({ issue }) => issue.title.toLowerCase().includes(text));
      continue;
    }
    const [, negate = "", key = "", value = ""] = qualifier;
    const scope = repoFilter({ key: key.toLowerCase(), value });
    if (scope && key.toLowerCase() === "repo" && !negate) named.push(unquote(value.toLowerCase()));
    else if (scope) inRepo.push(negate ? (repo) => !scope(repo) : scope);
    const filter = scope ? null : qualifierFilter({ key: key.toLowerCase(), value });
    if (!scope && !filter) ctx.problem(`search qualifier ${key}: is not modelled by the sandbox; it was ignored`);
    if (filter) filters.push(negate ? (hit) => !filter(hit) : filter);
  }
  if (named.length > 0) inRepo.push((repo) => named.includes(fullName(repo)));
  // "The REST API will find up to 4,000 repositories that match your filters and return results from those
  // repositories." Which ones is not documented: the sandbox takes the oldest.
  const repos = [...ctx.store.repos.values()]
    .filter((repo) => (!repo.private || ctx.store.covers({ installation, repo })) && inRepo.every((f) => f(repo)))
    .sort((a, b) => a.id - b.id)
    .slice(0, ctx.store.searchRepositoryLimit);
  const hits = repos.flatMap((repo) => [...repo.issues.values()].map((issue) => ({ repo, issue })).filter((hit) => filters.every((f) => f(hit))));
  if (params.sort === "updated") {
    const sign = params.order === "asc" ? 1 : -1;
    hits.sort((a, b) => sign * (Date.parse(a.issue.updatedAt) - Date.parse(b.issue.updatedAt) || a.issue.number - b.issue.number));
  } else if (params.sort) {
    ctx.problem(`search sort=${params.sort} is not modelled by the sandbox; results are in its own order`);
  }
  return hits;
}

/** `updated:>=2026-03-02T09:00:00Z` and its kin; null for a value the sandbox can't read (reported, like an unknown qualifier). */
function updatedFilter(value: string): ((hit: Hit) => boolean) | null {
  const match = /^(>=|<=|>|<)?(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?Z?)?)$/i.exec(value);
  if (!match) return null;
  const [, op = "", text = ""] = match;
  const at = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text.toUpperCase().endsWith("Z") ? text : `${text}Z`);
  if (Number.isNaN(at)) return null;
  const compare: Record<string, (t: number) => boolean> = {
    ">=": (t) => t >= at,
    ">": (t) => t > at,
    "<=": (t) => t <= at,
    "<": (t) => t < at,
    "": (t) => t >= at && t < at + (text.length === 10 ? 86_400_000 : 1000),
  };
  const test = compare[op];
  return test ? ({ issue }) => test(Date.parse(issue.updatedAt)) : null;
}

/** `org:`, `user:` and `repo:`: which repositories a search looks in. */
function repoFilter(params: { key: string; value: string }): ((repo: Repo) => boolean) | null {
  const value = unquote(params.value.toLowerCase());
  if (params.key === "org" || params.key === "user") return (repo) => repo.owner.login.toLowerCase() === value;
  if (params.key === "repo") return (repo) => fullName(repo) === value;
  return null;
}

function fullName(repo: Repo): string {
  return `${repo.owner.login}/${repo.name}`.toLowerCase();
}

function qualifierFilter(params: { key: string; value: string }): ((hit: Hit) => boolean) | null {
  const value = params.value.toLowerCase();
  switch (params.key) {
    case "is":
    case "state":
    case "type":
      if (value === "open" || value === "closed") return ({ issue }) => issue.state === value;
      if (value === "pr" || value === "issue") return ({ issue }) => (issue.pull !== null) === (value === "pr");
      return null;
    case "label": {
      const names = splitList(params.value).map((n) => n.toLowerCase());
      return ({ issue }) => issue.labels.some((l) => names.includes(l.toLowerCase()));
    }
    case "updated":
      return updatedFilter(params.value);
    default:
      return null;
  }
}

/** Splits a query on spaces outside double quotes. */
function tokens(q: string): string[] {
  return q.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

/** `"a","b",c` → a, b, c. */
function splitList(value: string): string[] {
  return (value.match(/(?:[^,"]+|"[^"]*")+/g) ?? []).map(unquote);
}

function unquote(text: string): string {
  return text.replace(/^"|"$/g, "");
}
