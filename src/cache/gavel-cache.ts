import type { RepoRef } from "../github/client.js";
import type { ExistingCheck } from "../github/publish-check.js";
import type { PullRequestSnapshot } from "../github/load-pull-request.js";
import type { FileContent } from "../github/read-file.js";
import type { ChangedFile } from "../policy/types.js";
import type { AppComment } from "../state/announcement-marker.js";
import { LruCache } from "./lru-cache.js";
import { TtlCache } from "./ttl-cache.js";

/**
 * How long a value that a webhook would normally invalidate (the default
 * branch's files, a PR's own comments, a check run) is trusted before it is
 * revalidated. A safety net for a lost webhook, not the mechanism: the push,
 * comment and check events invalidate entries as they arrive.
 */
export const CACHE_TTL_MS = 5 * 60_000;

/** A PR's file list, as read for one head. */
export interface PullFiles {
  files: ChangedFile[];
  filesComplete: boolean;
}

export interface Comparison {
  status: string;
  paths: string[];
}

export interface TeamMembers {
  members: Array<{ login: string; type: string }> | null;
}

export interface ParsedMaintainers {
  handles: string[];
  missingSection: string | null;
}

/**
 * Everything Gavel remembers between events, in one process, all bounded.
 * Content at an immutable SHA (a head's file list, a comparison of two
 * commits, a parsed MAINTAINERS.md by blob SHA) never goes stale. Content
 * behind a name (a file on the default branch, a team, the app's comments on
 * a PR, the check on a head) is kept until a webhook says it changed, and at
 * most CACHE_TTL_MS before a conditional re-read. Losing any of it costs API
 * calls, never correctness: every entry is something Gavel could read again.
 */
export class GavelCache {
  readonly defaultBranchFiles: TtlCache<FileContent | null>;
  readonly teams: TtlCache<TeamMembers>;
  readonly maintainers: LruCache<ParsedMaintainers>;
  readonly pullFiles: LruCache<PullFiles>;
  readonly comparisons: LruCache<Comparison | null>;
  readonly appComments: TtlCache<AppComment[]>;
  readonly checks: TtlCache<ExistingCheck>;
  /** The newest PR each webhook showed: see `trustSnapshot`. */
  readonly snapshots: LruCache<PullRequestSnapshot>;

  /**
   * `scale` multiplies every cap (entries and weight); 1 is production's.
   * The soak uses a smaller one to fill the caches early and show that
   * memory then stays flat.
   */
  constructor(params: { clock?: () => number; ttlMs?: number; scale?: number } = {}) {
    const clock = params.clock ?? (() => performance.now());
    const ttlMs = params.ttlMs ?? CACHE_TTL_MS;
    const scale = params.scale ?? 1;
    if (!(scale > 0)) throw new Error(`the cache's scale must be above 0, not ${scale}`);
    const cap = (n: number) => Math.max(1, Math.round(n * scale));
    this.defaultBranchFiles = new TtlCache({ maxEntries: cap(2_000), ttlMs, clock, maxWeight: cap(50_000_000), weigh: (file) => (file ? file.text.length : 1) });
    this.teams = new TtlCache({ maxEntries: cap(1_000), ttlMs, clock, maxWeight: cap(500_000), weigh: (team) => team.members?.length ?? 1 });
    this.maintainers = new LruCache({ maxEntries: cap(500), maxWeight: cap(500_000), weigh: (parsed) => parsed.handles.length + 1 });
    this.pullFiles = new LruCache({ maxEntries: cap(2_000), maxWeight: cap(300_000), weigh: (list) => list.files.length + 1 });
    this.comparisons = new LruCache({ maxEntries: cap(5_000), maxWeight: cap(300_000), weigh: (c) => (c ? c.paths.length : 0) + 1 });
    this.appComments = new TtlCache({ maxEntries: cap(5_000), ttlMs, clock, maxWeight: cap(20_000_000), weigh: (list) => list.reduce((sum, c) => sum + c.body.length, 1) });
    this.checks = new TtlCache({ maxEntries: cap(10_000), ttlMs, clock, maxWeight: cap(20_000_000), weigh: (check) => (check.summary?.length ?? 0) + (check.title?.length ?? 0) + 1 });
    this.snapshots = new LruCache({ maxEntries: cap(10_000) });
  }

  /**
   * A push to `repo`'s default branch changed `paths` (null: it can't be
   * told which). Every repository's config that falls back to or extends a
   * file there re-reads it, because entries are keyed by the file's own repo.
   */
  forgetDefaultBranch(params: { repo: RepoRef; paths: string[] | null }): void {
    const prefix = `${repoKey(params.repo)}:`;
    if (params.paths === null) {
      this.defaultBranchFiles.deleteWhere((key) => key.startsWith(prefix));
      return;
    }
    for (const path of params.paths) this.defaultBranchFiles.delete(fileKey({ repo: params.repo, path }));
  }

  /** Someone other than this process changed the app's comments on an item. */
  forgetComments(params: { repo: RepoRef; number: number }): void {
    this.appComments.delete(threadKey(params));
  }

  /**
   * A webhook about one of the app's own comments: the one this process just
   * posted changes nothing; any other creation, edit or deletion (a replica,
   * a person editing Gavel's comment) drops the item's cached comments.
   */
  noteAppComment(params: { repo: RepoRef; number: number; commentId: number; action: string }): void {
    const known = this.appComments.entry(threadKey(params))?.value.some((c) => c.id === params.commentId) ?? false;
    if (params.action === "created" && known) return;
    this.forgetComments(params);
  }

  /** Forgets everything, as a restart would. */
  clear(): void {
    for (const cache of [this.defaultBranchFiles, this.teams, this.maintainers, this.pullFiles, this.comparisons, this.appComments, this.checks, this.snapshots]) cache.clear();
  }

  /** Sizes, for the benchmark's memory report. */
  sizes(): Record<string, number> {
    return {
      defaultBranchFiles: this.defaultBranchFiles.size,
      teams: this.teams.size,
      maintainers: this.maintainers.size,
      pullFiles: this.pullFiles.size,
      comparisons: this.comparisons.size,
      appComments: this.appComments.size,
      checks: this.checks.size,
      snapshots: this.snapshots.size,
    };
  }
}

export function repoKey(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`.toLowerCase();
}

/** Paths keep their case: GitHub's are case-sensitive. */
export function fileKey(params: { repo: RepoRef; path: string }): string {
  return `${repoKey(params.repo)}:${params.path}`;
}

export function threadKey(params: { repo: RepoRef; number: number }): string {
  return `${repoKey(params.repo)}#${params.number}`;
}

export function pullFilesKey(params: { repo: RepoRef; number: number; headSha: string; baseRef: string }): string {
  return `${threadKey(params)}@${params.headSha}..${params.baseRef}`;
}

export function checkKey(params: { repo: RepoRef; headSha: string }): string {
  return `${repoKey(params.repo)}@${params.headSha}`;
}

export function comparisonKey(params: { repo: RepoRef; base: string; head: string }): string {
  return `${repoKey(params.repo)}:${params.base}...${params.head}`;
}
