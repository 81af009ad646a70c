import { describe, expect, it } from "@jest/globals";
import { DELIVERY_DEADLINE_MS, soak } from "../../bench/soak.js";

/**
 * Issue #8's soak at a reduced size (the full size is `npm run soak`): a
 * seeded mix of what people do across 20 repositories, deliveries 8 at a time
 * to Gavel in its own process; then a fresh process (empty caches) re-runs
 * every open PR's check and must find nothing to change. Timings are asserted
 * only against GitHub's 10 s deadline, and memory not at all (machines vary).
 */
describe("soak over the sandbox (reduced)", () => {
  it("answers every delivery 2xx within 10 s, and every final check equals a fresh evaluation", async () => {
    const result = await soak({ actions: 1_500, repositories: 20, concurrency: 8, checkpoints: 2 });

    expect(result.problems).toEqual([]);
    expect(result.load.sent).toBeGreaterThanOrEqual(1_500);
    expect(result.load.failed).toBe(0);
    expect(result.load.late).toBe(0);
    expect(result.load.slowestMs).toBeLessThanOrEqual(DELIVERY_DEADLINE_MS);

    // What a fresh process (empty caches) says of every open PR is what is already there: it writes nothing.
    expect(result.changedChecks).toEqual([]);
    expect(result.changedLabels).toEqual([]);
    expect(result.freshWrites).toEqual({});
    // It really evaluated: one "Re-run" per open PR, each answered, each reading the PR.
    expect(result.pullRequests).toBeGreaterThan(100);
    expect(result.missingChecks).toEqual([]);
    expect(result.fresh.sent - result.fresh.echoes).toBe(result.pullRequests);
    expect(result.fresh.failed).toBe(0);
    expect(result.fresh.late).toBe(0);
    expect(result.freshReads).toBeGreaterThanOrEqual(result.pullRequests);
  }, 300_000);
});
