import { loadConfig } from "../github/load-config.js";
import { loadElectorate } from "../github/load-electorate.js";
import { loadPullRequest, loadPullRequestActivity } from "../github/load-pull-request.js";
import { loadChangesSince } from "../github/load-changes-since.js";
import { findCheck, publishCheck } from "../github/publish-check.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { configErrorReport, evaluationErrorReport } from "../messages/error-report.js";
import { pullRequestReport } from "../messages/pull-request-report.js";
import { evaluatePullRequest } from "../policy/evaluate-pull-request.js";
import { matchRules } from "../policy/match-rules.js";
import type { Evaluation } from "../policy/types.js";
import { readAnnouncements } from "../state/announcement-marker.js";
import { announce } from "./announce.js";
import type { GavelDeps } from "./deps.js";

export interface GovernTarget {
  github: GitHub;
  repo: RepoRef;
  defaultBranch: string;
  number: number;
  /** The head the webhook named: where an evaluation error is reported if the PR itself can't be read. */
  hintHeadSha: string | null;
}

/**
 * One evaluation of one PR: load facts for its CURRENT head (webhooks arrive
 * out of order) → evaluate (pure) → publish one check on that head. Any error
 * publishes a failing check that says why, then propagates to the log.
 */
export async function governPullRequest(params: { target: GovernTarget; deps: GavelDeps }): Promise<Evaluation | null> {
  const { target, deps } = params;
  let reportOn = target.hintHeadSha;
  try {
    const { github, repo, number } = target;
    const [config, pr] = await Promise.all([loadConfig({ github, repo, defaultBranch: target.defaultBranch }), loadPullRequest({ github, repo, number })]);
    const headSha = pr.headSha;
    reportOn = headSha;
    if (!pr.open) return null;
    if (!config.ok) {
      const existing = await findCheck({ github, repo, headSha, appId: deps.appId });
      await publishCheck({ github, repo, headSha, existing, report: configErrorReport(config.problems) });
      return null;
    }
    const rules = config.config.rules;
    const matched = matchRules({ rules, files: pr.files, filesComplete: pr.filesComplete, labels: pr.labels }).length > 0;
    const [activity, electorate, existing] = await Promise.all([
      matched ? loadPullRequestActivity({ github, repo, number, appId: deps.appId }) : { reviews: [], appComments: [] },
      matched ? loadElectorate({ github, repo, defaultBranch: target.defaultBranch, source: config.config.maintainers }) : { voters: [], sources: [], leftOut: [], problems: [] },
      findCheck({ github, repo, headSha, appId: deps.appId }),
    ]);
    const scope = { repo: `${repo.owner}/${repo.repo}`, number };
    const { announcements, tampered } = readAnnouncements({ key: deps.markerKey, scope, comments: activity.appComments });
    const changesSince = await loadChangesSince({ github, repo, headSha, reviews: activity.reviews, announcements });
    const facts = { ...pr, reviews: activity.reviews, changesSince, announcements, tamperedAnnouncements: tampered, electorate };
    const posted = await announce({ github, repo, rules, facts, key: deps.markerKey, now: deps.now() });
    const evaluation = evaluatePullRequest({ rules, facts: { ...facts, announcements: [...announcements, ...posted] }, now: deps.now() });
    await publishCheck({ github, repo, headSha, existing, report: pullRequestReport(evaluation) });
    return evaluation;
  } catch (error) {
    if (reportOn) await reportError({ target, headSha: reportOn, error, deps });
    throw error;
  }
}

async function reportError(params: { target: GovernTarget; headSha: string; error: unknown; deps: GavelDeps }): Promise<void> {
  const { github, repo } = params.target;
  try {
    const existing = await findCheck({ github, repo, headSha: params.headSha, appId: params.deps.appId });
    await publishCheck({ github, repo, headSha: params.headSha, existing, report: evaluationErrorReport(params.error) });
  } catch (publishError) {
    params.deps.log.error({ err: publishError }, `could not publish the evaluation error on ${repo.owner}/${repo.repo}@${params.headSha}`);
  }
}
