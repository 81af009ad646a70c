import { reading, type GitHub } from "./client.js";

/**
 * What the app's own identity gives: a client as the app (its JWT: the
 * installations, the webhook delivery log) and a client as each installation
 * (each with its own rate limit). Probot supplies both; Gavel's request
 * policy is already on them.
 */
export interface AppClient {
  asApp(): Promise<GitHub>;
  asInstallation(installationId: number): Promise<GitHub>;
}

export type Installation = Awaited<ReturnType<GitHub["rest"]["apps"]["listInstallations"]>>["data"][number];

/** Every installation of the app. https://docs.github.com/rest/apps/apps#list-installations-for-the-authenticated-app */
export async function listInstallations(app: GitHub): Promise<Installation[]> {
  return reading({ what: "listing the app's installations", read: () => app.paginate(app.rest.apps.listInstallations, { per_page: 100 }) });
}

/**
 * How many repositories one search covers: "The REST API will find up to
 * 4,000 repositories that match your filters and return results from those
 * repositories." Which 4,000 is not documented, so an account with more is
 * searched in parts, each naming its repositories.
 * https://docs.github.com/rest/search/search#search-scope-limits
 */
export const SEARCH_REPOSITORY_LIMIT = 4000;

/** Repositories named in one search of a split sweep: each `repo:` qualifier takes about 30 characters of the URL. */
const REPOS_PER_SEARCH = 100;

/**
 * Where an installation's sweep searches, and which results it keeps.
 * `qualifiers` are the searches' scopes: `org:acme` (or `user:`) when one
 * search covers the installation, else `repo:` lists of its repositories
 * (several `repo:` qualifiers are an OR). `granted` is the repositories it
 * was granted (lower-cased `owner/name`), whose results alone are kept:
 * search also returns public repositories the installation was not granted
 * (probot/probot#1033); null when every repository of the account is.
 */
export interface InstallationScope {
  qualifiers: string[];
  granted: ReadonlySet<string> | null;
}

/**
 * An installation's scope. On all of an account's repositories it costs one
 * read (how many there are), and the list only when over `limit`; on
 * selected repositories, the list.
 * https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation
 */
export async function installationScope(params: { github: GitHub; installation: Installation; account: string; limit?: number }): Promise<InstallationScope> {
  const { github, installation } = params;
  const limit = params.limit ?? SEARCH_REPOSITORY_LIMIT;
  const what = `listing the repositories installation ${installation.id} (${params.account}) was granted`;
  const whole = `${installation.target_type === "Organization" ? "org" : "user"}:${params.account}`;
  if (installation.repository_selection === "all") {
    const { data } = await reading({ what, read: () => github.rest.apps.listReposAccessibleToInstallation({ per_page: 1 }) });
    if (data.total_count <= limit) return { qualifiers: [whole], granted: null };
  }
  const repos = await reading({ what, read: () => github.paginate(github.rest.apps.listReposAccessibleToInstallation, { per_page: 100 }) });
  const names = repos.map((r) => r.full_name.toLowerCase());
  const granted = installation.repository_selection === "all" ? null : new Set(names);
  if (names.length <= limit) return { qualifiers: [whole], granted };
  const size = Math.min(REPOS_PER_SEARCH, limit);
  const qualifiers: string[] = [];
  for (let i = 0; i < names.length; i += size)
    qualifiers.push(
      names
        .slice(i, i + size)
        .map((n) => `repo:${n}`)
        .join(" "),
    );
  return { qualifiers, granted };
}
