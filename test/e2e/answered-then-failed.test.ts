import { describe, expect, it } from "@jest/globals";
import { E2E_TIME_SCALE, type LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { ROUTE } from "./requests.js";
import { checkState, REPO, withFreshStory } from "./story.js";

/**
 * Probot's webhook middleware (@octokit/webhooks') answers `202 still
 * processing` after 9 s and lets the handler go on
 * (https://github.com/octokit/webhooks.js/blob/main/src/middleware/create-middleware.ts).
 * GitHub logs a 2xx as delivered, so a handler that fails after that answer
 * is never redelivered: the sweep must still repair what it left. Here the
 * 9 s are scaled with Gavel's other clocks (450 ms).
 */
let local: LocalGavel;
withFreshStory(
  (started) => {
    local = started;
  },
  { answerWebhooksAfterMs: 9_000 * E2E_TIME_SCALE },
);

describe("a handler that fails after its delivery was answered 202", () => {
  it("is logged by GitHub as delivered and never redelivered; the first sweep after a restart repairs its PR", async () => {
    // Every check run Gavel writes for it takes 600 ms, then fails: the evaluation's, and the failing check that says why.
    local.github.injectFault({ route: ROUTE.createCheck, latencyMs: 600, status: 502, times: 2 });
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Docs", files: { "docs/guide.md": "# Guide\n" } });
    await local.settle();
    const opened = local.github.deliveries().find((d) => d.event === "pull_request" && d.action === "opened");
    expect(opened?.status).toBe(202);
    expect(checkState({ local, number: pr })).toBe("no check");
    expect(local.github.requestLog().filter((r) => r.route === ROUTE.createCheck && r.status === 502)).toHaveLength(2);

    // The process is replaced (a deploy or a crash): nothing in memory remembers the PR.
    await local.restart();
    local.github.resetRequestCounts();
    expect(await local.sweep()).toMatchObject({ redelivered: 0, evaluated: 1, failed: 0 });
    expect(local.github.requestCounts()["POST /app/hook/deliveries/{delivery_id}/attempts"]).toBeUndefined();
    expect(checkState({ local, number: pr })).toBe("completed/success: No governed files changed");
  }, 30_000);
});
