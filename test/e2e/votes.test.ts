import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { REPO, say, startStory } from "./story.js";

describe("e2e: votes on issues", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });
  const appBodies = (number: number) => local.github.appComments({ repo: REPO, number }).map((c) => c.body);

  it("a nomination passes by majority: /vote nomination @heidi, then four yes of seven", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi as a maintainer" });
    await say({ local, number: issue, user: "alice", body: "Heidi reviews everything.\n\n/vote nomination @heidi" });
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: open"]);
    const [vote] = appBodies(issue);
    expect(vote).toContain("Vote open: Nominate @heidi as a maintainer");

    for (const user of ["bob", "carol", "dave"]) await say({ local, number: issue, user, body: "/vote yes" });
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: open"]);

    await say({ local, number: issue, user: "erin", body: "/vote yes" });
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: passed"]);
    const bodies = appBodies(issue);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toContain("Vote passed: Nominate @heidi as a maintainer");
    expect(bodies[1]).toContain("Decision record: Nominate @heidi as a maintainer");
  });

  it("a removal leaves its subject out: grace's ballot is refused, and four yes of six pass", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Remove @grace (inactive)" });
    await say({ local, number: issue, user: "alice", body: "/vote removal @grace" });
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: open"]);

    await say({ local, number: issue, user: "grace", body: "/vote no" });
    const reply = appBodies(issue).at(-1);
    expect(reply).toContain("Only the maintainers listed in the vote can cast a ballot");

    for (const user of ["bob", "carol", "dave"]) await say({ local, number: issue, user, body: "/vote yes" });
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: open"]);
    await say({ local, number: issue, user: "erin", body: "/vote +1" });
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: passed"]);
    expect(appBodies(issue).at(-1)).toContain("Decision record: Remove @grace (inactive)");
  });

  it("someone who is not a maintainer gets a polite reply and nothing opens", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "zoe", title: "Let's vote on tabs" });
    await say({ local, number: issue, user: "zoe", body: "/vote" });
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual([]);
    expect(appBodies(issue)).toEqual([expect.stringContaining("Only maintainers can start or cancel a vote here")]);
  });

  it("ordinary comments cost no API request", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "zoe", title: "Question" });
    local.github.resetRequestCounts();
    await say({ local, number: issue, user: "zoe", body: "How do I become a maintainer?" });
    expect(local.github.requestCounts()).toEqual({});
    expect(local.sandbox.problems).toEqual([]);
    expect(local.github.deliveries().every((d) => d.status === 200)).toBe(true);
  });
});
