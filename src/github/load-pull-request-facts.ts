import type { GavelCache } from "../cache/gavel-cache.js";
import { noteSnapshot } from "../cache/trust-snapshot.js";
import type { GavelConfig } from "../config/types.js";
import type { UnusableFile } from "../messages/error-report.js";
import { matchRules, type RuleMatch } from "../policy/match-rules.js";
import type { PullRequestFacts } from "../policy/types.js";
import { readAnnouncements } from "../state/announcement-marker.js";
import type { MarkerKey } from "../state/signed-marker.js";
import type { GitHub, RepoRef } from "./client.js";
import { loadChangesSince } from "./load-changes-since.js";
import { loadConfig, type LoadedConfig } from "./load-config.js";
import { loadElectorate } from "./load-electorate.js";
import { loadPullRequestActivity } from "./load-pull-request-activity.js";
import { loadPullRequestFiles } from "./load-pull-request-files.js";
import { readPullRequest, type PullRequestSnapshot } from "./load-pull-request.js";
import { findCheck, type ExistingCheck } from "./publish-check.js";
import { UnusableFileError } from "./unusable-file-error.js";

export type LoadedPullRequest =
  | { kind: "closed"; pr: PullRequestSnapshot }
  /** The file list belongs to a newer head than the snapshot: evaluate again from a fresh read. */
  | { kind: "moved"; pr: PullRequestSnapshot; listedAt: string }
  | { kind: "invalid-config"; pr: PullRequestSnapshot; config: Extract<LoadedConfig, { ok: false }>; existing: ExistingCheck | null }
  /** The maintainers file is there but Gavel can't use it: like an invalid config, only a fix on the default branch helps. */
  | { kind: "unusable-file"; pr: PullRequestSnapshot; file: UnusableFile; existing: ExistingCheck | null }
  | {
      kind: "ready";
      pr: PullRequestSnapshot;
      config: GavelConfig;
      matches: RuleMatch[];
      facts: PullRequestFacts;
      existing: ExistingCheck | null;
      duplicates: number[];
      /** Whether the file list is provably the head's; if not, a success must be confirmed first. */
      filesAtHead: boolean;
      reviewsEtag: string | null;
    };

/**
 * Everything one PR evaluation reads, in at most three parallel rounds when
 * the webhook brought the PR (one more when it must be read):
 * 1. the config (default branch) ∥ the PR's files;
 * 2. only if a rule matches: reviews ∥ the app's comments ∥ the electorate;
 *    always: the app's check on the head;
 * 3. only for approvals or announcements on older commits: comparisons.
 * Each read is skipped when the cache holds it (see GavelCache), so a review
 * on a PR already evaluated reads the reviews and nothing else. A PR that
 * touches nothing governed costs no review, comment or member reads.
 */
export async function loadPullRequestFacts(params: {
  github: GitHub;
  repo: RepoRef;
  number: number;
  /** The PR from the webhook, or null to read it now. */
  snapshot: PullRequestSnapshot | null;
  /** The head was just pushed or opened: see `findCheck`. */
  newHead: boolean;
  /**
   * The snapshot is of a PR opened moments ago with no comment (see
   * `justOpened`): none of its comments can be Gavel's yet, so they are not
   * read. An earlier delivery of the same event in this process would have
   * left them in the cache.
   */
  justOpened: boolean;
  appId: number;
  key: MarkerKey;
  cache: GavelCache | null;
}): Promise<LoadedPullRequest> {
  const { github, repo, number, appId, cache } = params;
  if (params.snapshot && !params.snapshot.open) return { kind: "closed", pr: params.snapshot };
  const withFiles = async () => {
    const pr = params.snapshot ?? (await readPullRequest({ github, repo, number }));
    if (!params.snapshot && cache) noteSnapshot({ cache, repo, snapshot: pr });
    return { pr, listed: pr.open ? await loadPullRequestFiles({ github, repo, pr, cache }) : null };
  };
  const [config, { pr, listed }] = await Promise.all([loadConfig({ github, repo, cache }), withFiles()]);
  if (!listed) return { kind: "closed", pr };
  if (listed.listedAt !== null && listed.listedAt !== pr.headSha) return { kind: "moved", pr, listedAt: listed.listedAt };
  const headSha = pr.headSha;
  const check = () => findCheck({ github, repo, headSha, appId, cache, newHead: params.newHead });
  if (!config.ok) return { kind: "invalid-config", pr, config, existing: await check() };

  const matches = matchRules({ rules: config.config.rules, files: listed.files, filesComplete: listed.filesComplete, labels: pr.labels });
  const matched = matches.length > 0;
  const [activity, electorate, existing] = await Promise.all([
    matched ? loadPullRequestActivity({ github, repo, number, appId, cache, noComments: params.justOpened }) : { reviews: [], reviewsEtag: null, appComments: [] },
    matched ? loadElectorate({ github, repo, source: config.config.maintainers, cache }).catch(unusable) : { voters: [], sources: [], leftOut: [], problems: [] },
    check(),
  ]);
  if ("unusable" in electorate) return { kind: "unusable-file", pr, file: electorate.unusable, existing };
  const { announcements, tampered, duplicates } = readAnnouncements({ key: params.key, scope: { threadId: pr.id }, comments: activity.appComments });
  const changesSince = await loadChangesSince({ github, repo, headSha, reviews: activity.reviews, announcements, cache });
  return {
    kind: "ready",
    pr,
    config: config.config,
    matches,
    existing,
    duplicates,
    filesAtHead: listed.listedAt === headSha,
    reviewsEtag: activity.reviewsEtag,
    facts: {
      number: pr.number,
      author: pr.author,
      authorIsBot: pr.authorIsBot,
      draft: pr.draft,
      headSha,
      labels: pr.labels,
      files: listed.files,
      filesComplete: listed.filesComplete,
      reviews: activity.reviews,
      changesSince,
      announcements,
      tamperedAnnouncements: tampered,
      electorate,
    },
  };
}

function unusable(error: unknown): { unusable: UnusableFile } {
  if (error instanceof UnusableFileError) return { unusable: error.file };
  throw error;
}
