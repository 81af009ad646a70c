import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import type { Delivery } from "../../../sandbox/webhooks/deliveries.js";
import { REPO, say, startStory } from "../story.js";

/**
 * Issue 14, guarantee 7: a `/vote cancel` acts only on a vote that was open
 * when it was written. GitHub may deliver a webhook late or twice, and
 * Gavel's sweep asks GitHub to redeliver the ones that failed: a cancel
 * written before a vote opened must not cancel it when it finally arrives.
 * "Before" is GitHub's order of the comments (their ids), never Gavel's clock.
 */
describe("attack: a delayed or redelivered /vote cancel", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });
  const labels = (number: number) => local.github.labels({ repo: REPO, number });
  /** The first delivery of the comment `commentId` (Gavel's own comments send deliveries too). */
  const deliveryOf = (commentId: number): Delivery => {
    const delivery = local.github.deliveries().find((d) => d.event === "issue_comment" && d.body.includes(`"id":${commentId},`));
    if (!delivery) throw new Error(`no delivery of comment ${commentId}`);
    return delivery;
  };

  it("a redelivered cancel, which closed the first vote, leaves the second one open", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Adopt the release process" });
    await say({ local, number: issue, user: "alice", body: "/vote" });
    const cancel = deliveryOf(await say({ local, number: issue, user: "bob", body: "/vote cancel" }));
    expect(labels(issue)).toEqual(["vote: cancelled"]);

    await say({ local, number: issue, user: "alice", body: "/vote" });
    expect(labels(issue)).toEqual(["vote: open"]);
    const before = local.github.appComments({ repo: REPO, number: issue }).map((c) => c.body);

    local.github.redeliver(cancel.id);
    await local.settle();
    expect(labels(issue)).toEqual(["vote: open"]);
    expect(local.github.appComments({ repo: REPO, number: issue }).map((c) => c.body)).toEqual(before);
  });

  it("a cancel that GitHub failed to deliver, redelivered by the sweep after a vote opened, cancels nothing", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Adopt the new logo" });
    local.github.dropDeliveries({ event: "issue_comment.created", times: 1 });
    const cancel = deliveryOf(await say({ local, number: issue, user: "carol", body: "/vote cancel" }));
    expect(cancel.dropped).toBe(true);

    await say({ local, number: issue, user: "alice", body: "/vote" });
    expect(labels(issue)).toEqual(["vote: open"]);
    await local.sweep(); // asks GitHub to redeliver the failed delivery
    expect(local.github.deliveries().some((d) => d.redelivery && d.event === "issue_comment")).toBe(true);
    expect(labels(issue)).toEqual(["vote: open"]);

    // A cancel written after the vote opened still cancels it.
    await say({ local, number: issue, user: "carol", body: "/vote cancel" });
    expect(labels(issue)).toEqual(["vote: cancelled"]);
  });
});
