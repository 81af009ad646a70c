import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { approve, CHARTER, checkState, DAY, REPO, say, withFreshStory } from "../story.js";

/**
 * Gavel's own label and comment writes move an issue's `updated_at`, as
 * anyone's do, so the sweep's search for changes finds each item Gavel just
 * wrote to. Those are changes Gavel made and saw: the sweep must not evaluate
 * the item again for them, only for someone else's change after them.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const HOUR = 3_600_000;

describe("Gavel's own writes", () => {
  it("an announcement, a vote and its ballots are not evaluated again by the next sweep; a later change by someone else is", async () => {
    // The first sweep after a start evaluates what is labelled; this one sets the cursor.
    await local.sweep();
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    await approve({ local, number: pr, users: ["alice", "bob"] });
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi" });
    await say({ local, number: issue, user: "alice", body: "/vote nomination @heidi" });
    await say({ local, number: issue, user: "bob", body: "/vote yes" });
    expect(local.github.labels({ repo: REPO, number: pr })).toEqual(["governance: waiting"]);
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: open"]);

    await local.advance(HOUR);
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 2, evaluated: 0, failed: 0 });

    // The discussion ends: Gavel's timer turns the check green and takes its label off (a write in a later second than
    // anything it read: the sandbox's clock stands still while Gavel works, so the writes above share their read's second).
    await approve({ local, number: pr, users: ["carol", "dave", "erin"] });
    await local.advance(15 * DAY);
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
    expect(await local.sweep()).toMatchObject({ evaluated: 0, failed: 0 });

    // Someone else's change after Gavel's writes, whose webhook GitHub never sent, is still evaluated.
    await local.advance(HOUR);
    local.github.dropDeliveries({ event: "pull_request_review", times: 1, unlogged: true });
    local.github.review({ repo: REPO, number: pr, user: "frank", state: "COMMENT", body: "Late, but fine." });
    await local.settle();
    await local.advance(HOUR);
    expect(await local.sweep()).toMatchObject({ evaluated: 1, failed: 0 });
  });
});
