import { cap, TtlCache, type StoreOptions } from "../cache/ttl-cache.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { repoKey } from "./repo-key.js";

/**
 * Whether the app is installed on a repository, by repository: a value
 * behind a name (an owner of the account may grant or take the repository
 * at any time), trusted for the store's TTL and dropped when an
 * `installation_repositories` webhook says the owner's grants changed.
 */
export type InstalledStore = TtlCache<boolean>;

export function createInstalledStore(options: StoreOptions): InstalledStore {
  return new TtlCache({ maxEntries: cap({ options, n: 2_000 }), ttlMs: options.ttlMs, clock: options.clock });
}

/**
 * Whether Gavel governs `repo`: the app's installation on its account was
 * granted it (all repositories, or it among the selected ones) and is not
 * suspended. GitHub answers 404 when no installation was granted the
 * repository, or it doesn't exist; any other error is thrown, so that a
 * lookup that failed never counts as an answer. @octokit/auth-app signs this
 * route with the app's JWT even on an installation's client (its
 * `requires-app-auth` list), so it costs nothing of the installation's rate
 * limit.
 * https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app
 */
export async function isAppInstalledOn(params: { github: GitHub; repo: RepoRef; store: InstalledStore }): Promise<boolean> {
  const { github, repo, store } = params;
  const key = repoKey(repo);
  const fresh = store.fresh(key);
  if (fresh !== undefined) return fresh;
  const since = store.epoch;
  return reading({
    what: `asking whether Gavel is installed on ${repo.owner}/${repo.repo}`,
    read: async () => {
      let installed: boolean;
      try {
        const { data } = await github.rest.apps.getRepoInstallation({ ...repo });
        installed = data.suspended_at === null || data.suspended_at === undefined;
      } catch (error) {
        if (httpStatus(error) !== 404) throw error;
        installed = false;
      }
      store.set({ key, value: installed, since });
      return installed;
    },
  });
}

/**
 * A push to `repo` arrived: GitHub sends a repository's events only to an
 * installation that was granted it, so a `.github` created after its 404 was
 * stored (which `installation_repositories` may not announce, on an
 * installation on all repositories) is asked again at the next evaluation.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#push
 */
export function forgetInstalledOn(params: { store: InstalledStore; repo: RepoRef }): void {
  params.store.delete(repoKey(params.repo));
}

/**
 * The repositories the app's installation on `owner` was granted changed
 * (`installation_repositories`: added, removed, or all of them): what the
 * store holds of that account is dropped.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#installation_repositories
 */
export function forgetInstallationsOf(params: { store: InstalledStore; owner: string }): void {
  const prefix = repoKey({ owner: params.owner, repo: "" });
  params.store.deleteWhere((key) => key.startsWith(prefix));
}
