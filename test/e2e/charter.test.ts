import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { maintainersFile } from "../../sandbox/driver.js";
import { approve, checkState, DAY, MAINTAINERS, openCharterPr, REPO, startStory } from "./story.js";

/**
 * The charter story over real HTTP: Gavel's Probot server, signed deliveries,
 * and the sandbox's GitHub API. Steps run in order and share one sandbox.
 */
describe("e2e: a charter PR on a repository with seven maintainers", () => {
  let local: LocalGavel;
  let pr = 0;
  const thread = () => ({ repo: REPO, number: pr });

  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });

  it("opening it posts the announcement, a waiting check and the waiting label", async () => {
    pr = await openCharterPr(local);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    const [announcement, ...others] = local.github.appComments(thread());
    expect(others).toEqual([]);
    expect(announcement?.body).toContain("This pull request changes the project's governance");
    // The discussion starts at the announcement's created_at, which the sandbox (GitHub) set.
    expect(announcement?.createdAt).toBe("2026-03-02T09:01:00Z");
    expect(announcement?.user.login).toBe("gavel[bot]");
    expect(local.github.labels(thread())).toEqual(["governance: waiting"]);
    expect(local.github.latestCheck(thread())?.output.summary).toContain("⌈2/3 × 7⌉ = 5 of 7 eligible maintainers");
  });

  it("an approval costs exactly these API requests", async () => {
    local.github.resetRequestCounts();
    await approve({ local, number: pr, users: ["bob"] });
    // Everything but the reviews is cached from the opening: the votes, and the check update.
    expect(local.github.requestCounts()).toEqual({
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": 1,
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": 1,
    });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 2 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
  });

  it("five approvals still wait for the discussion period", async () => {
    await approve({ local, number: pr, users: ["carol", "dave", "erin"] });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 5 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
  });

  it("a push that leaves the governed files as they were keeps the approvals", async () => {
    local.github.push({ repo: REPO, number: pr, author: "alice", files: { "README.md": "# community\n\nSee GOVERNANCE.md.\n" } });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 5 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
  });

  it("a push that changes GOVERNANCE.md makes the approvals stale", async () => {
    const before = local.github.headSha(thread());
    local.github.push({ repo: REPO, number: pr, author: "alice", files: { "GOVERNANCE.md": "# Governance\n\nEvery release needs two maintainers.\n" } });
    await local.settle();
    expect(local.github.headSha(thread())).not.toBe(before);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    expect(local.github.latestCheck(thread())?.output.summary).toContain("stale");
  });

  it("after new approvals, the check turns green only once the discussion period has passed", async () => {
    await approve({ local, number: pr, users: ["bob", "carol", "dave", "frank"] });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 5 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    await local.advance(13 * DAY);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 5 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    local.github.resetRequestCounts();
    await local.advance(DAY);
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
    expect(local.github.labels(thread())).toEqual([]);
    // The wake-up came from Gavel's own timer: no webhook, no sweep search.
    expect(local.github.requestCounts()["GET /search/issues"]).toBeUndefined();
    expect(local.github.deliveries().every((d) => d.status === 200)).toBe(true);
    expect(local.sandbox.problems).toEqual([]);
  });

  it("a push to the default branch that adds maintainers re-evaluates the open PRs under the new electorate", async () => {
    local.github.resetRequestCounts();
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "MAINTAINERS.md": maintainersFile([...MAINTAINERS, "heidi", "ivan"]) } });
    await local.settle();
    expect(local.github.requestCounts()["GET /repos/{owner}/{repo}/pulls"]).toBe(1);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 5 of 6 approvals · discussion over");
    expect(local.github.labels(thread())).toEqual(["governance: waiting"]);
  });

  it("a PR that touches no governed file passes at once", async () => {
    const docs = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Typo", files: { "README.md": "# Community\n" } });
    await local.settle();
    expect(checkState({ local, number: docs })).toBe("completed/success: No governed files changed");
    expect(local.github.appComments({ repo: REPO, number: docs })).toEqual([]);
  });
});
