import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { REPO, say, startStory } from "../story.js";

/**
 * Issue 14, guarantee 7: the subject of a removal, who is recused, can
 * neither start nor cancel a removal of themselves, though they are a
 * maintainer (docs/architecture.md, "Who may do what").
 */
describe("attack: the recused subject of a removal acts on it", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });
  const labels = (number: number) => local.github.labels({ repo: REPO, number });
  const appBodies = (number: number) => local.github.appComments({ repo: REPO, number }).map((c) => c.body);

  it("grace can't cancel the vote on her removal: it stays open, she is told why, and it still passes", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Remove @grace (inactive)" });
    await say({ local, number: issue, user: "alice", body: "/vote removal @grace" });
    expect(labels(issue)).toEqual(["vote: open"]);

    await say({ local, number: issue, user: "grace", body: "/vote cancel" });
    expect(labels(issue)).toEqual(["vote: open"]);
    expect(appBodies(issue)[0]).toContain("Vote open: Remove @grace (inactive)");
    expect(appBodies(issue).at(-1)).toContain("@grace, you are the subject of this vote");

    for (const user of ["bob", "carol", "dave", "erin"]) await say({ local, number: issue, user, body: "/vote yes" });
    expect(labels(issue)).toEqual(["vote: passed"]);
  });

  it("grace can't start a removal of herself either", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "grace", title: "Remove me" });
    await say({ local, number: issue, user: "grace", body: "/vote removal @grace" });
    expect(labels(issue)).toEqual([]);
    expect(appBodies(issue)).toEqual([expect.stringContaining("@grace, you are the subject of this vote")]);
  });

  it("a maintainer other than the subject still cancels it", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Remove @frank" });
    await say({ local, number: issue, user: "alice", body: "/vote removal @frank" });
    await say({ local, number: issue, user: "bob", body: "/vote cancel" });
    expect(labels(issue)).toEqual(["vote: cancelled"]);
  });
});
