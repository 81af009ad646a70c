import type { StoreOptions } from "../cache/ttl-cache.js";
import { createInstalledStore, type InstalledStore } from "./app-installed-on.js";
import { createComparisonStore, type ComparisonStore } from "./compare-commits.js";
import { createElectorateStores, type ElectorateStores } from "./load-electorate.js";
import { createAppCommentStore, type AppCommentStore } from "./load-pull-request-activity.js";
import { createPullFilesStore, type PullFilesStore } from "./load-pull-request-files.js";
import { createPullThreadIdStore, type PullThreadIdStore } from "./pull-thread-ids.js";
import { createCheckStore, type CheckStore } from "./publish-check.js";
import { createLinkTargetStore, createTreeStore, type LinkTargetStore, type TreeStore } from "./load-symlinks.js";
import { createFileStore, type FileStore } from "./read-file.js";
import { createSnapshotStore, type SnapshotStore } from "./trust-snapshot.js";

/**
 * How long a value that a webhook would normally invalidate (the default
 * branch's files, a PR's own comments, a check run) is trusted before it is
 * revalidated. A safety net for a lost webhook, not the mechanism: the push,
 * comment and check events invalidate entries as they arrive.
 */
export const CACHE_TTL_MS = 5 * 60_000;

/**
 * Everything one process remembers of GitHub between events, all bounded.
 * Each store is defined beside the code that reads it, with its key and its
 * webhook invalidation; this only puts them together for one process. Like
 * policy-bot's global cache, only what can't go stale is kept for good:
 * content at an immutable SHA (a head's file list, a comparison of two
 * commits, a parsed maintainers file or a link's target by blob SHA), and a
 * PR's issue id. Content
 * behind a name (a file or the links on the default branch, a team, the app's
 * comments on a PR, the check on a head, whether the app is installed on a
 * repository) is kept until a webhook says it changed, and at most the TTL
 * before a conditional re-read. Losing any of it costs API calls, never
 * correctness: every entry is something Gavel could read again.
 * See docs/architecture.md, "What each store may hold".
 */
export class GitHubStores {
  readonly files: FileStore;
  readonly electorate: ElectorateStores;
  readonly pullFiles: PullFilesStore;
  readonly comparisons: ComparisonStore;
  readonly appComments: AppCommentStore;
  readonly checks: CheckStore;
  readonly snapshots: SnapshotStore;
  readonly installed: InstalledStore;
  readonly trees: TreeStore;
  readonly linkTargets: LinkTargetStore;
  readonly pullThreadIds: PullThreadIdStore;

  /** `clock` is monotonic milliseconds (default `performance.now`); `scale` multiplies every cap (default 1). */
  constructor(params: { clock?: () => number; ttlMs?: number; scale?: number } = {}) {
    const scale = params.scale ?? 1;
    if (!(scale > 0)) throw new Error(`the cache's scale must be above 0, not ${scale}`);
    const options: StoreOptions = { clock: params.clock ?? (() => performance.now()), ttlMs: params.ttlMs ?? CACHE_TTL_MS, scale };
    this.files = createFileStore(options);
    this.electorate = createElectorateStores(options);
    this.pullFiles = createPullFilesStore(options);
    this.comparisons = createComparisonStore(options);
    this.appComments = createAppCommentStore(options);
    this.checks = createCheckStore(options);
    this.snapshots = createSnapshotStore(options);
    this.installed = createInstalledStore(options);
    this.trees = createTreeStore(options);
    this.linkTargets = createLinkTargetStore(options);
    this.pullThreadIds = createPullThreadIdStore(options);
  }

  private all(): Array<{ name: string; store: { size: number; clear(): void } }> {
    return [
      { name: "defaultBranchFiles", store: this.files },
      { name: "teams", store: this.electorate.teams },
      { name: "maintainers", store: this.electorate.maintainers },
      { name: "pullFiles", store: this.pullFiles },
      { name: "comparisons", store: this.comparisons },
      { name: "appComments", store: this.appComments },
      { name: "checks", store: this.checks },
      { name: "snapshots", store: this.snapshots },
      { name: "installed", store: this.installed },
      { name: "defaultBranchLinks", store: this.trees },
      { name: "linkTargets", store: this.linkTargets },
      { name: "pullThreadIds", store: this.pullThreadIds },
    ];
  }

  /** Forgets everything, as a restart would. */
  clear(): void {
    for (const { store } of this.all()) store.clear();
  }

  /** Sizes, for the benchmark's memory report. */
  sizes(): Record<string, number> {
    return Object.fromEntries(this.all().map(({ name, store }) => [name, store.size]));
  }
}
