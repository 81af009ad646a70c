import type { GavelConfig } from "../config/types.js";
import { matchRules, type RuleMatch } from "../policy/match-rules.js";
import type { PullRequestFacts } from "../policy/types.js";
import { readAnnouncements } from "../state/announcement-marker.js";
import type { MarkerKey } from "../state/signed-marker.js";
import type { GitHub, RepoRef } from "./client.js";
import { loadChangesSince } from "./load-changes-since.js";
import { loadConfig, type LoadedConfig } from "./load-config.js";
import { loadElectorate } from "./load-electorate.js";
import { loadPullRequest, loadPullRequestActivity, type PullRequestSnapshot } from "./load-pull-request.js";
import { findCheck, type ExistingCheck } from "./publish-check.js";

export type LoadedPullRequest =
  | { kind: "closed"; pr: PullRequestSnapshot }
  | { kind: "invalid-config"; pr: PullRequestSnapshot; config: Extract<LoadedConfig, { ok: false }>; existing: ExistingCheck | null }
  | { kind: "ready"; pr: PullRequestSnapshot; config: GavelConfig; matches: RuleMatch[]; facts: PullRequestFacts; existing: ExistingCheck | null; duplicates: number[] };

/**
 * Everything one PR evaluation reads, in at most three parallel rounds:
 * 1. the config (default branch) ∥ the PR and its files;
 * 2. only if a rule matches: reviews and the app's comments ∥ the electorate;
 *    always: the app's check on the head;
 * 3. only for approvals or announcements on older commits: comparisons.
 * A PR that touches nothing governed costs no review, comment or member reads.
 */
export async function loadPullRequestFacts(params: {
  github: GitHub;
  repo: RepoRef;
  number: number;
  appId: number;
  key: MarkerKey;
}): Promise<LoadedPullRequest> {
  const { github, repo, number, appId } = params;
  const [config, pr] = await Promise.all([loadConfig({ github, repo }), loadPullRequest({ github, repo, number })]);
  if (!pr.open) return { kind: "closed", pr };
  const headSha = pr.headSha;
  if (!config.ok) return { kind: "invalid-config", pr, config, existing: await findCheck({ github, repo, headSha, appId }) };

  const matches = matchRules({ rules: config.config.rules, files: pr.files, filesComplete: pr.filesComplete, labels: pr.labels });
  const matched = matches.length > 0;
  const [activity, electorate, existing] = await Promise.all([
    matched ? loadPullRequestActivity({ github, repo, number, appId }) : { reviews: [], appComments: [] },
    matched ? loadElectorate({ github, repo, source: config.config.maintainers }) : { voters: [], sources: [], leftOut: [], problems: [] },
    findCheck({ github, repo, headSha, appId }),
  ]);
  const scope = { threadId: pr.id };
  const { announcements, tampered, duplicates } = readAnnouncements({ key: params.key, scope, comments: activity.appComments });
  const changesSince = await loadChangesSince({ github, repo, headSha, reviews: activity.reviews, announcements });
  return {
    kind: "ready",
    pr,
    config: config.config,
    matches,
    existing,
    duplicates,
    facts: { ...pr, reviews: activity.reviews, changesSince, announcements, tamperedAnnouncements: tampered, electorate },
  };
}
