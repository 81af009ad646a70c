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
 * The repositories an installation on selected repositories was granted, as
 * lower-cased `owner/name`; null for one on all of its account's
 * repositories, which holds every repository an `org:` or `user:` search of
 * that account can return.
 * https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation
 */
export async function grantedRepositories(params: { github: GitHub; installation: Installation }): Promise<ReadonlySet<string> | null> {
  const { github, installation } = params;
  if (installation.repository_selection === "all") return null;
  const repos = await reading({
    what: `listing the repositories installation ${installation.id} was granted`,
    read: () => github.paginate(github.rest.apps.listReposAccessibleToInstallation, { per_page: 100 }),
  });
  return new Set(repos.map((r) => r.full_name.toLowerCase()));
}
