import type { Logger } from "probot";
import type { GitHub, RepoRef } from "../github/client.js";
import { RepoGateway } from "../github/repo-gateway.js";
import type { GitHubStores } from "../github/stores.js";
import type { KeyedLock } from "../schedule/keyed-lock.js";
import type { WakeScheduler } from "../schedule/wake-scheduler.js";
import type { MarkerKey } from "../state/signed-marker.js";

/** What every use case needs besides the item: injected, so tests control the clock and the keys. */
export interface GavelDeps {
  appId: number;
  markerKey: MarkerKey;
  now: () => Date;
  log: Logger;
  /** Where each evaluation arms its next wake-up. */
  schedule: Pick<WakeScheduler, "record" | "forget" | "sawOwnWrites">;
  /** Keeps work on one item in order within this process. */
  locks: KeyedLock;
  /** What this process remembers of GitHub between events, to spare API calls. */
  stores: GitHubStores;
  /**
   * `app`: a GitHub App, which can ask GitHub where it is installed (so an
   * org's `.github` config applies where Gavel governs it). `action`: a
   * GitHub Actions job, with only the job's token and no installation.
   */
  runsAs: "app" | "action";
}

/** The one gateway through which a use case reads and writes a repository. */
export function gatewayFor(params: { deps: GavelDeps; github: GitHub; repo: RepoRef }): RepoGateway {
  return new RepoGateway({
    github: params.github,
    repo: params.repo,
    stores: params.deps.stores,
    appId: params.deps.appId,
    asApp: params.deps.runsAs === "app",
  });
}
