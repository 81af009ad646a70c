import { describe, expect, it } from "@jest/globals";
import { burst } from "../../bench/burst.js";
import { E2E_TIME_SCALE } from "../../sandbox/gavel/local-gavel.js";
import { CONTENT_LIMITS, WRITE_SPACING_MS } from "../../src/github/write-lanes.js";

/**
 * Issue 15: production's throttling on (Octokit's throttling and retry
 * plugins as Probot configures them, Gavel's own pacing), every clock ×
 * E2E_TIME_SCALE. 200 PRs opened at once in one installation, then a push to
 * the default branch that changes the rules, so that every open PR is
 * governed again. At real speed its 320 writes alone take over five minutes
 * (a second apart), more than CI's whole budget: `npm run bench` runs it so.
 * GitHub's secondary limits: no concurrency, a second between writes, at most
 * 80 content-creating requests a minute and 500 an hour.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
describe("a burst of 200 PRs in one installation", () => {
  it("ends with every check right, no evaluation error, each write made once, and writes paced as GitHub asks", async () => {
    const result = await burst({ timeScale: E2E_TIME_SCALE, pullRequests: 200 });

    expect(result.problems).toEqual([]);
    expect(result.failedDeliveries).toBe(0);
    expect(result.wrongChecks).toEqual([]);
    expect(result.evaluationErrors).toEqual([]);
    // One run per head when the PRs open; a governed PR's verdict goes back to waiting, which needs a new run.
    expect(result.checkRuns).toEqual({ "governed: 2 runs": 40, "other: 1 runs": 160 });
    expect(result.repeatedWrites).toEqual([]);
    expect(result.openWrites).toEqual({ "POST /repos/{owner}/{repo}/check-runs": 200 });
    // Each newly governed PR: the waiting label, the announcement, and a new run (its verdict went back from success).
    expect(result.pushWrites).toEqual({
      "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": 40,
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": 40,
      "POST /repos/{owner}/{repo}/check-runs": 40,
    });
    // No two writes of the installation in flight at once, a (scaled) second apart, and GitHub's content limits in the test's time.
    expect(result.maxWritesInFlight).toBe(1);
    expect(result.minWriteSpacingMs).toBeGreaterThanOrEqual(WRITE_SPACING_MS * E2E_TIME_SCALE);
    for (const window of result.maxWritesPerWindow) expect(window.seen).toBeLessThanOrEqual(window.requests);
    expect(result.maxWritesPerWindow.map((w) => w.requests)).toEqual(CONTENT_LIMITS.map((l) => l.requests));
    // Settling waited for every queued request.
    expect(result.lateRequests).toBe(0);
  }, 300_000);
});
