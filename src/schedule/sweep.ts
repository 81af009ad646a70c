import type { Logger, Probot } from "probot";
import { LABELS } from "../constants.js";
import { reading } from "../github/client.js";
import type { WakeItem, WakeScheduler } from "./wake-scheduler.js";

export interface SweepReport {
  installations: number;
  found: number;
  evaluated: number;
  failed: number;
}

/** The labels Gavel keeps on items that time alone can change. */
const STATE_LABELS = [LABELS.governanceWaiting, LABELS.voteOpen];

/**
 * The reconcile sweep: per installation, ONE search for open issues and PRs
 * carrying Gavel's state labels, then an evaluation of those that are due
 * (all of them when `all`, as on the first sweep after a start). Its cost
 * grows with installations and due items, not with repositories. One item's
 * failure is logged and the sweep goes on; the next sweep retries it.
 * https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 */
export async function sweep(params: {
  probot: Probot;
  scheduler: WakeScheduler;
  all: boolean;
  evaluate: (item: WakeItem) => Promise<void>;
  log: Logger;
}): Promise<SweepReport> {
  const report: SweepReport = { installations: 0, found: 0, evaluated: 0, failed: 0 };
  const appOctokit = await params.probot.auth();
  const installations = await reading({ what: "listing the app's installations", read: () => appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 }) });
  for (const installation of installations) {
    report.installations++;
    const account = installation.account && "login" in installation.account ? installation.account.login : null;
    if (!account) continue;
    const github = await params.probot.auth(installation.id);
    const q = `is:open label:${STATE_LABELS.map((l) => `"${l}"`).join(",")} ${installation.target_type === "Organization" ? "org" : "user"}:${account}`;
    const items = await reading({ what: `searching ${account} for items Gavel is waiting on`, read: () => github.paginate(github.rest.search.issuesAndPullRequests, { q, per_page: 100 }) });
    for (const found of items) {
      const [owner, repo] = found.repository_url.split("/").slice(-2);
      if (!owner || !repo) continue;
      const labels = found.labels.map((l) => (typeof l === "string" ? l : l.name));
      const kinds: Array<WakeItem["kind"]> = [];
      if (found.pull_request && labels.includes(LABELS.governanceWaiting)) kinds.push("pull");
      if (labels.includes(LABELS.voteOpen)) kinds.push("vote");
      for (const kind of kinds) {
        report.found++;
        const item: WakeItem = { installationId: installation.id, owner, repo, number: found.number, kind };
        if (!params.all && !params.scheduler.isDue({ item, updatedAt: found.updated_at })) continue;
        report.evaluated++;
        try {
          await params.evaluate(item);
        } catch (error) {
          report.failed++;
          params.log.error({ err: error }, `sweep: evaluating ${owner}/${repo}#${found.number} failed`);
        }
      }
    }
  }
  return report;
}
