import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { approve, checkState, openCharterPr, REPO, startStory, visibleState, writes } from "./story.js";

describe("e2e: webhook deliveries", () => {
  let local: LocalGavel;
  let pr = 0;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });

  it("a delivery with a bad signature is rejected and changes nothing", async () => {
    // GitHub's delivery of the opened PR never arrives; a forger sends its payload, signed with another secret.
    local.github.dropDeliveries({ event: "pull_request.opened", times: 1 });
    pr = await openCharterPr(local);
    const dropped = local.github.deliveries().at(-1);
    expect(dropped?.dropped).toBe(true);
    const before = visibleState({ local, number: pr });
    local.github.resetRequestCounts();

    const payload: unknown = JSON.parse(dropped?.body ?? "{}");
    const forged = local.github.forgeDelivery({ event: "pull_request", payload, secret: "not-the-secret" });
    await local.settle();
    expect(forged.status).toBe(400);
    expect(local.github.requestCounts()).toEqual({});
    expect(visibleState({ local, number: pr })).toEqual(before);
    expect(checkState({ local, number: pr })).toBe("no check");

    // Redelivered with GitHub's signature, the same event is handled.
    local.github.redeliver(dropped?.id ?? "");
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
  });

  it("a duplicated delivery (same id, same body) changes nothing", async () => {
    await approve({ local, number: pr, users: ["bob"] });
    const review = local.github
      .deliveries()
      .filter((d) => d.event === "pull_request_review")
      .at(-1);
    const before = visibleState({ local, number: pr });
    local.github.resetRequestCounts();

    const again = local.github.redeliver(review?.id ?? "");
    await local.settle();
    expect(again.status).toBe(200);
    expect(again.id).toBe(review?.id);
    expect(again.body).toBe(review?.body);
    expect(writes(local.github.requestCounts())).toEqual([]);
    expect(visibleState({ local, number: pr })).toEqual(before);
  });

  it("a dropped delivery is repaired by the reconcile sweep", async () => {
    local.github.dropDeliveries({ event: "pull_request_review", times: 1 });
    local.github.review({ repo: REPO, number: pr, user: "carol", state: "APPROVE" });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 2 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    // GitHub logged the delivery as failed: the sweep has it sent again, and evaluates what it waits on.
    const report = await local.sweep();
    expect(report).toMatchObject({ installations: 1, redelivered: 1, found: 1, evaluated: 1, failed: 0 });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 3 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
  });

  it("a GitHub error while reading fails the check with the reason, and a re-run recovers", async () => {
    const heal = local.github.injectFault({ route: "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews", status: 502 });
    await approve({ local, number: pr, users: ["dave"] });
    const failed = local.github.latestCheck({ repo: REPO, number: pr });
    expect(failed?.conclusion).toBe("failure");
    expect(failed?.output.summary).toContain("listing reviews of acme/community#1");
    heal();
    local.github.rerequestCheck({ repo: REPO, checkRunId: failed?.id ?? 0, user: "dave" });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 4 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    expect(local.sandbox.problems).toEqual([]);
  });
});
