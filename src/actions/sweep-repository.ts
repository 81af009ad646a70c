import { LABELS, STATE_LABELS_QUERY } from "../constants.js";
import type { GitHub, RepoRef } from "../github/client.js";
import type { GavelDeps } from "../handlers/deps.js";
import { governPullRequest } from "../handlers/govern-pull-request.js";
import { reconcileVote } from "../handlers/reconcile-vote.js";
import { threadKey } from "../handlers/vote-thread.js";
import { searchIssues } from "../schedule/search-issues.js";
import type { SweepReport } from "../schedule/sweep.js";

/**
 * The reconcile sweep of Actions mode, for `schedule` and `workflow_dispatch`
 * runs. The app's sweep lists installations, which a GITHUB_TOKEN can't do,
 * and searches a whole account, which it can't write; this one searches the
 * workflow's own repository, with the same ONE search for Gavel's state labels.
 * Every run is a cold start, so every item found is evaluated (as on the
 * app's first sweep). A failing item is logged and counted and the others
 * still run; the caller fails the job when any did, so the workflow's history
 * shows it, and the next scheduled run retries it.
 * https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 */
export async function sweepRepository(params: { github: GitHub; repo: RepoRef; deps: GavelDeps }): Promise<SweepReport> {
  const { github, repo, deps } = params;
  // One repository through one token: what an installation is to the app's sweep.
  const report: SweepReport = { installations: 1, redelivered: 0, found: 0, evaluated: 0, failed: 0 };
  // Not `is:open`: a vote on an issue closed before its deadline must still close.
  const search = await searchIssues({ github, query: `${STATE_LABELS_QUERY} repo:${repo.owner}/${repo.repo}`, from: null, what: `searching ${repo.owner}/${repo.repo} for items Gavel is waiting on` });
  if (search.incomplete || search.capped) deps.log.warn(`sweep: GitHub's search of ${repo.owner}/${repo.repo} was incomplete; items it left out wait for their events or the next run`);
  const items = search.items;
  for (const found of items) {
    const labels = found.labels.map((l) => (typeof l === "string" ? l : l.name));
    const evaluations: Array<() => Promise<void>> = [];
    // Each evaluation reads what it needs, so installationId 0 (no installation: a GITHUB_TOKEN) is only a lock key.
    if (found.pull_request && found.state === "open" && labels.includes(LABELS.governanceWaiting)) {
      evaluations.push(() => governPullRequest({ target: { github, installationId: 0, repo, number: found.number, hintHeadSha: null }, deps }));
    }
    if (labels.includes(LABELS.voteOpen)) {
      const target = { github, installationId: 0, repo, number: found.number };
      evaluations.push(() => deps.locks.exclusive({ key: threadKey(target), task: () => reconcileVote({ target, deps }) }));
    }
    for (const evaluate of evaluations) {
      report.found++;
      report.evaluated++;
      try {
        await evaluate();
      } catch (error) {
        report.failed++;
        deps.log.error({ err: error }, `sweep: evaluating ${repo.owner}/${repo.repo}#${found.number} failed`);
      }
    }
  }
  return report;
}
