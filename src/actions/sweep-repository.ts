import type { Logger } from "probot";
import { hasLabel, LABELS, STATE_LABELS_QUERY } from "../constants.js";
import type { GitHub, RepoRef } from "../github/client.js";
import { searchIssues } from "../github/search-issues.js";
import type { ItemRef } from "../items/item-ref.js";
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
export async function sweepRepository(params: {
  github: GitHub;
  repo: RepoRef;
  evaluate: (item: ItemRef) => Promise<void>;
  log: Logger;
}): Promise<SweepReport> {
  const { github, repo, log } = params;
  // One repository through one token: what an installation is to the app's sweep.
  const report: SweepReport = { installations: 1, redelivered: 0, found: 0, evaluated: 0, failed: 0 };
  // Not `is:open`: a vote on an issue closed before its deadline must still close.
  const search = await searchIssues({
    github,
    query: `${STATE_LABELS_QUERY} repo:${repo.owner}/${repo.repo}`,
    from: null,
    what: `searching ${repo.owner}/${repo.repo} for items Gavel is waiting on`,
  });
  if (search.incomplete || search.capped)
    log.warn(`sweep: GitHub's search of ${repo.owner}/${repo.repo} was incomplete; items it left out wait for their events or the next run`);
  for (const found of search.items) {
    const labels = found.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")));
    const kinds: Array<ItemRef["kind"]> = [];
    if (found.pull_request && found.state === "open" && hasLabel({ labels, label: LABELS.governanceWaiting })) kinds.push("pull");
    if (hasLabel({ labels, label: LABELS.voteOpen })) kinds.push("vote");
    for (const kind of kinds) {
      report.found++;
      report.evaluated++;
      // installationId 0: no installation, a GITHUB_TOKEN; each evaluation reads what it needs.
      const item: ItemRef = { installationId: 0, owner: repo.owner, repo: repo.repo, number: found.number, kind };
      try {
        await params.evaluate(item);
      } catch (error) {
        report.failed++;
        log.error({ err: error }, `sweep: evaluating ${repo.owner}/${repo.repo}#${found.number} failed`);
      }
    }
  }
  return report;
}
