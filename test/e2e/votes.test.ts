import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { maintainersFile } from "../../sandbox/driver.js";
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

  describe("electorates of thousands", () => {
    const crowd = (n: number) => ["alice", ...Array.from({ length: n - 1 }, (_, i) => `maintainer-${String(i).padStart(4, "0")}`)];
    async function voteOn(params: { repo: string; maintainers: string[] }): Promise<number> {
      local.github.createRepo({ repo: params.repo, files: { "MAINTAINERS.md": maintainersFile(params.maintainers) } });
      const number = local.github.openIssue({ repo: params.repo, author: "alice", title: "Adopt the new release process" });
      local.github.comment({ repo: params.repo, number, user: "alice", body: "/vote" });
      await local.settle();
      return number;
    }

    it("1,400 maintainers: the vote opens, a ballot from far down the list counts, and every comment fits GitHub's limit", async () => {
      const repo = "acme/crowd-votes";
      const number = await voteOn({ repo, maintainers: crowd(1_400) });
      expect(local.github.labels({ repo, number })).toEqual(["vote: open"]);
      local.github.comment({ repo, number, user: "maintainer-1300", body: "/vote yes" });
      await local.settle();
      const [vote, ...others] = local.github.appComments({ repo, number }).map((c) => c.body);
      expect(others).toEqual([]);
      expect(vote).toContain("- **Electorate** (1400, fixed when the vote opened): @alice, @maintainer-0000,");
      expect(vote).toContain("#### Tally: 1 yes · 0 no · 0 abstain · 1399 not yet — 701 yes needed");
      // The one ballot is listed first, however far down the electorate its voter is.
      expect(vote).toMatch(/\| --- \| --- \|\n\| @maintainer-1300 \| ✅ yes \(\[ballot\]/);
      expect(vote).toContain("| … and 1,100 more | ⏳ not yet |");
      expect(vote?.length).toBeLessThanOrEqual(65_536);
      expect(local.sandbox.problems).toEqual([]);
    });

    it("5,000 maintainers: no vote opens, and the request gets a reply naming the limit", async () => {
      const repo = "acme/too-many";
      const number = await voteOn({ repo, maintainers: crowd(5_000) });
      expect(local.github.labels({ repo, number })).toEqual([]);
      expect(local.github.appComments({ repo, number }).map((c) => c.body)).toEqual([
        expect.stringContaining("No vote was opened: this electorate of 5,000 voters is too large to record in a GitHub comment; at most 1,400."),
      ]);
      expect(local.github.deliveries().every((d) => d.status === 200)).toBe(true);
    });
  });
});
