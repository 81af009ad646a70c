import type { Logger, Probot } from "probot";
import { LABELS } from "../constants.js";
import { reading, type GitHub } from "../github/client.js";
import type { WakeItem, WakeScheduler } from "./wake-scheduler.js";

export interface SweepReport {
  installations: number;
  found: number;
  evaluated: number;
  /** Items, or whole installations, that could not be evaluated; each is logged and retried next sweep. */
  failed: number;
}

/** The labels Gavel keeps on items that time alone can change. */
const STATE_LABELS = [LABELS.governanceWaiting, LABELS.voteOpen];

/**
 * The reconcile sweep: per installation, ONE search for open issues and PRs
 * carrying Gavel's state labels, then an evaluation of those that are due
 * (all of them when `all`, as on the first sweep after a start). Its cost
 * grows with installations and due items, not with repositories. A failing
 * item or installation (suspended, rate-limited, search refused) is logged
 * and counted, and the sweep goes on; the next sweep retries it. A search
 * GitHub reports as incomplete (it times out, or stops at 1,000 results) is
 * logged too: the items it left out wait for their webhooks or the next sweep.
 * https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 */
export async function sweep(params: {
  probot: Probot;
  scheduler: WakeScheduler;
  all: boolean;
  evaluate: (item: WakeItem) => Promise<void>;
  log: Logger;
  /** Applied to each Octokit the sweep uses (timeouts and retries). */
  guard?: (github: GitHub) => GitHub;
}): Promise<SweepReport> {
  const report: SweepReport = { installations: 0, found: 0, evaluated: 0, failed: 0 };
  const guard = params.guard ?? ((github: GitHub) => github);
  const appOctokit = guard(await params.probot.auth());
  const installations = await reading({ what: "listing the app's installations", read: () => appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 }) });
  for (const installation of installations) {
    report.installations++;
    const account = installation.account && "login" in installation.account ? installation.account.login : null;
    if (installation.suspended_at || !account) {
      params.log.info(`sweep: skipping installation ${installation.id} (${installation.suspended_at ? "suspended" : "no account"})`);
      continue;
    }
    try {
      await sweepInstallation({ ...params, installationId: installation.id, account, organization: installation.target_type === "Organization", report });
    } catch (error) {
      report.failed++;
      params.log.error({ err: error }, `sweep: installation ${installation.id} (${account}) failed; the next sweep retries it`);
    }
  }
  return report;
}

async function sweepInstallation(params: {
  probot: Probot;
  scheduler: WakeScheduler;
  all: boolean;
  evaluate: (item: WakeItem) => Promise<void>;
  log: Logger;
  installationId: number;
  account: string;
  organization: boolean;
  report: SweepReport;
  guard?: (github: GitHub) => GitHub;
}): Promise<void> {
  const { report, account, installationId: id } = params;
  const github = (params.guard ?? ((g: GitHub) => g))(await params.probot.auth(id));
  // Not `is:open`: a vote on an issue closed before its deadline must still close.
  const q = `label:${STATE_LABELS.map((l) => `"${l}"`).join(",")} ${params.organization ? "org" : "user"}:${account}`;
  let incomplete = false;
  const items = await reading({
    what: `searching ${account} for items Gavel is waiting on`,
    read: () =>
      github.paginate(github.rest.search.issuesAndPullRequests, { q, per_page: 100 }, (response) => {
        if (response.data.incomplete_results || (response.data.total_count ?? 0) > 1000) incomplete = true;
        return response.data;
      }),
  });
  if (incomplete) params.log.warn(`sweep: GitHub's search for ${account} was incomplete; items it left out wait for their webhooks or the next sweep`);
  for (const found of items) {
    const [owner, repo] = found.repository_url.split("/").slice(-2);
    if (!owner || !repo) throw new Error(`sweep: a search result has no repository: ${found.repository_url}`);
    const labels = found.labels.map((l) => (typeof l === "string" ? l : l.name));
    const kinds: Array<WakeItem["kind"]> = [];
    if (found.pull_request && found.state === "open" && labels.includes(LABELS.governanceWaiting)) kinds.push("pull");
    if (labels.includes(LABELS.voteOpen)) kinds.push("vote");
    for (const kind of kinds) {
      report.found++;
      const item: WakeItem = { installationId: id, owner, repo, number: found.number, kind };
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
