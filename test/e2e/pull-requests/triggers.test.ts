import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { costs, pathsOf, ROUTE, writeRoutes } from "../requests.js";
import { CHARTER, checkState, REPO, withFreshStory } from "../story.js";

/**
 * Which pull request events Gavel evaluates, and on which head: a change that
 * can alter the verdict is evaluated (at the PR's current head, whatever the
 * payload says), re-runs evaluate again, and the rest costs nothing.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const thread = (number: number) => ({ repo: REPO, number });
const charterChange = { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` };
/** A PR whose `opened` GitHub never delivered: Gavel hasn't seen it. */
function openUnseen(files: Record<string, string> = charterChange): number {
  local.github.dropDeliveries({ event: "pull_request.opened", times: 1, unlogged: true });
  return local.github.openPullRequest({ repo: REPO, author: "zoe", title: "A change", files });
}
/** An approval by alice whose webhook never arrives: only a later evaluation can count it. */
async function lostApproval(number: number): Promise<void> {
  local.github.dropDeliveries({ event: "pull_request_review", times: 1, unlogged: true });
  local.github.review({ repo: REPO, number, user: "alice", state: "APPROVE" });
  await local.settle();
}

describe("pull request events", () => {
  it("a PR touching no governed file passes at once, for the config reads, its file list and the check", async () => {
    local.github.resetRequestCounts();
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Typo", files: { "src/index.ts": "export {};\n" } });
    await local.settle();
    // The file list names the head it was computed at, so the success needs no second read of the PR.
    // The repository's config, then the org's, which it falls back to.
    // No config of its own: the org's `.github` is asked for, with whether Gavel is installed there; a success first lists the open PRs on its head.
    // And the default branch's tree, once per repository and 5 minutes: a file no rule names could be a governed link's target.
    expect(costs(local)).toEqual({ [ROUTE.contents]: 2, [ROUTE.installation]: 1, [ROUTE.pulls]: 1, [ROUTE.files]: 1, [ROUTE.tree]: 1, [ROUTE.createCheck]: 1 });
    expect(checkState({ local, number: pr })).toBe("completed/success: No governed files changed");
  });

  it("a closed PR is left alone", async () => {
    const pr = openUnseen();
    local.github.resetRequestCounts();
    local.github.close({ repo: REPO, number: pr, user: "zoe" });
    local.github.label({ repo: REPO, number: pr, user: "alice", label: "governance" });
    await local.settle();
    expect(writeRoutes(local)).toEqual([]);
    expect(local.github.checkRuns(thread(pr))).toEqual([]);
  });

  it("an edit that did not move the base costs nothing", async () => {
    const pr = openUnseen();
    local.github.resetRequestCounts();
    local.github.editPullRequest({ repo: REPO, number: pr, user: "zoe", title: "A better title" });
    await local.settle();
    expect(local.github.requestCounts()).toEqual({});
  });

  it("an edit that moved the base is evaluated", async () => {
    local.github.pushToBranch({ repo: REPO, branch: "next", author: "alice", commits: [{ "docs/next.md": "next\n" }] });
    const pr = openUnseen();
    local.github.editPullRequest({ repo: REPO, number: pr, user: "zoe", base: "next" });
    await local.settle();
    expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 0 of 5 approvals · discussion ends /);
  });

  it("webhooks out of order: a late synchronize is evaluated at the PR's current head, not the payload's", async () => {
    local.github.dropDeliveries({ event: "pull_request.synchronize", times: 1 });
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "A change", files: charterChange });
    const late = local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "README.md": "# first\n" } });
    const current = local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "README.md": "# second\n" } });
    await local.settle();
    const dropped = local.github.deliveries().find((d) => d.dropped);
    local.github.resetRequestCounts();
    local.github.redeliver(dropped?.id ?? "");
    await local.settle();
    expect(local.sandbox.store.requireRepo(REPO).checkRuns.filter((r) => r.headSha === late)).toEqual([]);
    expect(pathsOf({ local, route: ROUTE.checks }).filter((p) => p.includes(late))).toEqual([]);
    expect(local.github.latestCheck(thread(pr))?.headSha).toBe(current);
  });
});

describe("re-runs", () => {
  it("a re-run of the check suite evaluates the suite's PR again", async () => {
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "A change", files: charterChange });
    await local.settle();
    await lostApproval(pr);
    expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 0 of 5 approvals/);
    local.github.rerequestCheckSuite({ repo: REPO, checkRunId: local.github.latestCheck(thread(pr))?.id ?? 0, user: "zoe" });
    await local.settle();
    expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 1 of 5 approvals/);
  });

  /**
   * A check run's `pull_requests` is empty for a PR from a fork, so Gavel
   * asks which PRs the head commit belongs to; but GitHub associates a
   * fork's commit with no PR of the base repository (see the sandbox
   * README), so the re-run finds nothing to evaluate. Known gap: Gavel
   * should look the PR up another way (e.g. by the head's `owner:branch`).
   * This test passes once it does; then drop `.failing`.
   */
  it("a re-run on a PR from a fork (no pull_requests in the payload) evaluates the PR", async () => {
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "A change", files: charterChange, fork: true });
    await local.settle();
    await lostApproval(pr);
    local.github.rerequestCheck({ repo: REPO, checkRunId: local.github.latestCheck(thread(pr))?.id ?? 0, user: "zoe" });
    await local.settle();
    expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 1 of 5 approvals/);
  });
});
