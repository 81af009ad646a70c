import { describe, expect, it, jest } from "@jest/globals";
import { E2E_TIME_SCALE, type LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { writePacing, writePacingByAccount, isWrite } from "../../sandbox/server/write-pacing.js";
import { pacedClients } from "../../src/github/paced-clients.js";
import { createPacing } from "../../src/github/pacing.js";
import { RequestTimeoutError } from "../../src/github/request-policy.js";
import { WRITE_SPACING_MS } from "../../src/github/write-lanes.js";
import { ROUTE } from "./requests.js";
import { CHARTER, MAINTAINERS, REPO, withFreshStory } from "./story.js";

/**
 * Production's throttling under Gavel (issue 15): Octokit's throttling and
 * retry plugins as Probot configures them, with Gavel's own pacing and
 * request policy, every clock scaled. GitHub's limits are per installation;
 * its secondary limits ask for no concurrency and writes at least a second
 * apart.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 * https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#pause-between-mutative-requests
 */
jest.setTimeout(30_000);

let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const SITE = "globex/site";

function installationId(account: string): number {
  const installation = local.sandbox.store.installationFor(account);
  if (!installation) throw new Error(`the app is not installed on ${account}`);
  return installation.id;
}

describe("each installation is paced by its own limiter", () => {
  it("webhook handlers' writes: never two at once in an installation, a second apart, while two installations write side by side", async () => {
    local.github.createRepo({ repo: SITE, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER } });
    local.github.setDeliveryConcurrency(12);
    // Each check run takes 150 ms (scaled) to answer: three write spacings, so overlap would show.
    local.github.injectFault({ route: ROUTE.createCheck, latencyMs: 3 * 1_000 * E2E_TIME_SCALE });
    local.github.resetRequestCounts();
    for (let i = 0; i < 6; i++)
      for (const repo of [REPO, SITE]) local.github.openPullRequest({ repo, author: "zoe", title: `Page ${i}`, files: { [`docs/page-${i}.md`]: `# ${i}\n` } });
    await local.settle();

    const log = local.github.requestLog();
    const byAccount = writePacingByAccount(log);
    for (const account of ["acme", "globex"]) {
      const pacing = byAccount.get(account);
      expect(pacing?.writes).toBe(6);
      expect(pacing?.maxInFlight).toBe(1);
      expect(pacing?.minSpacingMs).toBeGreaterThanOrEqual(WRITE_SPACING_MS * E2E_TIME_SCALE);
    }
    // Probot's own event client has no throttle id: one limiter would have served both installations, one write at a time.
    expect(writePacing(log.filter(isWrite)).maxInFlight).toBe(2);
    for (const repo of [REPO, SITE])
      for (let number = 1; number <= 6; number++) expect(local.github.latestCheck({ repo, number })?.output.title).toBe("No governed files changed");
  });
});

describe("the timeout bounds a network attempt, never time in the queue", () => {
  /** Gavel's clients with production's pacing × 0.1: 100 ms between writes, an attempt abandoned after 500 ms. */
  const tenthSpeed = () => pacedClients({ app: () => local.probot.auth(), pacing: createPacing({ timeScale: 0.1 }), log: local.probot.log });

  it("12 writes asked at once: each made once, one at a time, though the last waits twice the timeout in the queue", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Labels" });
    await local.settle();
    const github = await tenthSpeed().asInstallation(installationId("acme"));
    local.github.resetRequestCounts();
    const labels = Array.from({ length: 12 }, (_, i) => `topic-${i}`);
    const results = await Promise.allSettled(
      labels.map((label) => github.rest.issues.addLabels({ owner: "acme", repo: "community", issue_number: issue, labels: [label] })),
    );

    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const writes = local.github.requestLog().filter(isWrite);
    expect(writes.map((w) => w.status)).toEqual(labels.map(() => 200));
    const pacing = writePacing(writes);
    expect(pacing.maxInFlight).toBe(1);
    expect(pacing.minSpacingMs).toBeGreaterThanOrEqual(WRITE_SPACING_MS * 0.1);
    // The last one was asked for at once, and sent over a second later: more than twice the 500 ms timeout.
    expect((writes.at(-1)?.startedAtMs ?? 0) - (writes[0]?.startedAtMs ?? 0)).toBeGreaterThan(1_000);
    expect(local.github.labels({ repo: REPO, number: issue }).sort()).toEqual([...labels].sort());
  });

  it("a write GitHub is slow to answer fails as a timeout, and is not sent again", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Labels" });
    await local.settle();
    const github = await tenthSpeed().asInstallation(installationId("acme"));
    local.github.injectFault({ route: ROUTE.addLabels, latencyMs: 800, times: 1 });
    local.github.resetRequestCounts();
    const write = github.rest.issues.addLabels({ owner: "acme", repo: "community", issue_number: issue, labels: ["late"] });
    await expect(write).rejects.toMatchObject({ cause: expect.any(RequestTimeoutError) });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(local.github.requestLog().filter(isWrite)).toHaveLength(1);
  });
});
