import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import type { VoteRecord } from "../../../src/policy/vote-types.js";
import { deriveMarkerKey } from "../../../src/state/signed-marker.js";
import { voteMarker } from "../../../src/state/vote-marker.js";
import { appOctokit } from "../requests.js";
import { MAINTAINERS, REPO, withFreshStory } from "../story.js";
import { VoteThread } from "./vote-thread.js";
import { voteRecord } from "../../helpers/vote-record.js";

/**
 * Votes under concurrency: ballots delivered at once, and what racing
 * replicas of Gavel (each with the app's token) leave behind: a second vote
 * or a second decision record. The later copy goes; the thread keeps working.
 */
let local: LocalGavel;
let thread: VoteThread;
withFreshStory((started) => {
  local = started;
  thread = VoteThread.open({ local, title: "Adopt the new release process" });
});

/** Posts `body` with the app's token, as another replica would have. */
async function postAsTheApp(body: string): Promise<number> {
  const octokit = await appOctokit({ local, account: "acme" });
  const { data } = await octokit.rest.issues.createComment({ owner: "acme", repo: "community", issue_number: thread.number, body });
  await local.settle();
  return data.id;
}

describe("racing ballots and replicas", () => {
  it("two ballots delivered at once are both counted", async () => {
    await thread.say("alice", "/vote");
    local.github.setDeliveryConcurrency(2);
    local.github.comment({ repo: REPO, number: thread.number, user: "bob", body: "/vote yes" });
    local.github.comment({ repo: REPO, number: thread.number, user: "carol", body: "/vote yes" });
    await local.settle();
    expect(thread.vote()).toContain("2 yes · 0 no");
  });

  it("two votes opened at once by two replicas: the later is withdrawn, its asker told, and the thread still works", async () => {
    await thread.say("alice", "/vote");
    const issue = local.sandbox.store.requireIssue({ repo: local.sandbox.store.requireRepo(REPO), number: thread.number });
    const now = local.github.now().toISOString();
    // The other replica opened bob's `/vote lazy` for the same position, a moment later.
    const raced: VoteRecord = voteRecord({
      type: "lazy",
      threshold: { kind: "lazy-consensus" },
      electorate: MAINTAINERS,
      starter: "bob",
      requestUrl: "https://github.com/acme/community/issues/1#issuecomment-1",
      openedAt: now,
      deadline: new Date(Date.parse(now) + 3 * 86_400_000).toISOString(),
    });
    const marker = voteMarker({
      key: deriveMarkerKey({ secret: local.sandbox.store.app.webhookSecret }),
      scope: { threadId: issue.id },
      record: raced,
      writtenAt: now,
    });
    const copy = await postAsTheApp(`a copy\n${marker}`);
    for (const user of ["alice", "bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    expect(local.github.comments({ repo: REPO, number: thread.number }).some((c) => c.id === copy)).toBe(false);
    expect(
      local.github
        .appComments({ repo: REPO, number: thread.number })
        .filter((c) => c.body.includes("another vote was opened on this thread at the same moment")),
    ).toHaveLength(1);
    expect(thread.labels()).toEqual(["vote: passed"]);
  });

  it("two decision records from racing replicas: the later is deleted", async () => {
    await thread.say("alice", "/vote");
    for (const user of ["alice", "bob", "carol", "dave"]) await thread.say(user, "/vote yes");
    const [record] = local.github.appComments({ repo: REPO, number: thread.number }).filter((c) => c.body.includes("gavel:decision"));
    await postAsTheApp(record?.body ?? "");
    expect(thread.records()).toHaveLength(2);
    await thread.say("erin", "/vote status");
    expect(
      local.github
        .appComments({ repo: REPO, number: thread.number })
        .filter((c) => c.body.includes("gavel:decision"))
        .map((c) => c.id),
    ).toEqual([record?.id]);
  });
});
