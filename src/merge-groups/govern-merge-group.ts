import type { RepoGateway } from "../github/repo-gateway.js";
import type { GavelDeps } from "../items/gavel-deps.js";
import { configErrorReport, evaluationErrorReport } from "../messages/error-report.js";
import { mergeGroupReport } from "../messages/merge-group-report.js";
import type { CheckReport } from "../messages/check-report.js";
import { decideMergeGroup, governedGroupFiles, queuedPullNumber, type QueuedPull } from "../policy/merge-group-verdict.js";
import { governPullRequest } from "../pull-requests/govern-pull-request.js";

/** A merge group GitHub asks checks of, as `merge_group.checks_requested` names it. */
export interface MergeGroupTarget {
  gateway: RepoGateway;
  installationId: number;
  headSha: string;
  headRef: string;
  /** The group's parent: the previous group's head, or the branch's. */
  baseSha: string;
}

/**
 * The `governance` check on a merge group's commit, which a merge queue waits
 * for when the branch requires the check:
 * 1. read the default branch's config and what the group changes on its parent;
 * 2. when that touches a governed file, govern the PR the group adds afresh
 *    (its check at its own head is then current), and read its files and check;
 * 3. decide (decideMergeGroup) and publish on the group's head.
 * Anything that fails publishes a failing check first: a merge queue must
 * never wait for a check that will not come, nor merge on a guess.
 */
export async function governMergeGroup(params: { target: MergeGroupTarget; deps: GavelDeps }): Promise<void> {
  const { target, deps } = params;
  let report: CheckReport;
  try {
    report = await judge(params);
  } catch (error) {
    await publish({ target, report: evaluationErrorReport(error), deps });
    throw error;
  }
  await publish({ target, report, deps });
}

async function judge(params: { target: MergeGroupTarget; deps: GavelDeps }): Promise<CheckReport> {
  const { target, deps } = params;
  const { gateway } = target;
  const [config, files] = await Promise.all([gateway.loadConfig(), gateway.comparisonFiles({ base: target.baseSha, head: target.headSha })]);
  if (!config.ok) return configErrorReport(config.problems);
  const pullNumber = queuedPullNumber(target.headRef);
  const rules = config.config.rules;
  const governed = files !== null && governedGroupFiles({ files, rules }).length > 0;
  const pull = governed && pullNumber !== null ? await readQueuedPull({ target, deps, number: pullNumber }) : null;
  const verdict = decideMergeGroup({ pullNumber, files, rules, pull });
  return mergeGroupReport({ verdict, repoUrl: `https://github.com/${gateway.repo.owner}/${gateway.repo.repo}` });
}

async function readQueuedPull(params: { target: MergeGroupTarget; deps: GavelDeps; number: number }): Promise<QueuedPull> {
  const { target, deps, number } = params;
  const { gateway } = target;
  await governPullRequest({
    target: { item: { installationId: target.installationId, ...gateway.repo, number, kind: "pull" }, gateway, hintHeadSha: null },
    deps,
  });
  const pr = await gateway.readPullRequest(number);
  const [listed, check] = await Promise.all([gateway.listPullRequestFiles(pr), gateway.findCheck({ headSha: pr.headSha })]);
  return { number, open: pr.open, headSha: pr.headSha, files: listed.files, filesComplete: listed.filesComplete, check };
}

async function publish(params: { target: MergeGroupTarget; report: CheckReport; deps: GavelDeps }): Promise<void> {
  const { target, report, deps } = params;
  const existing = await target.gateway.findCheck({ headSha: target.headSha });
  await target.gateway.publishCheck({ headSha: target.headSha, existing, report, now: deps.now() });
}
