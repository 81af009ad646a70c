import { describe, expect, it } from "@jest/globals";
import { maintainersFile } from "../../../sandbox/driver.js";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { pathsOf, ROUTE } from "../requests.js";
import { approve, CHARTER, checkState, MAINTAINERS, REPO, withFreshStory } from "../story.js";

/**
 * Who may approve a governed PR: the maintainers the default branch lists
 * (file, teams, users, minus `exclude`, minus bots), never the PR's own
 * version of them. A source that can't be read fails closed; the file that
 * lists them is governed whatever the rules say.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const CONFIG = ".github/governance.yml";
const thread = (number: number) => ({ repo: REPO, number });
const summary = (number: number) => local.github.latestCheck(thread(number))?.output.summary ?? "";
async function configure(yaml: string): Promise<void> {
  local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { [CONFIG]: yaml } });
  await local.settle();
}
async function open(params: { author: string; files: Record<string, string> }): Promise<number> {
  const number = local.github.openPullRequest({ repo: REPO, title: "A change", ...params });
  await local.settle();
  return number;
}

describe("the electorate", () => {
  it("a PR that adds its author to MAINTAINERS.md does not grow the electorate", async () => {
    const pr = await open({ author: "mallory", files: { "MAINTAINERS.md": maintainersFile([...MAINTAINERS, "mallory"]) } });
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave"] });
    // MAINTAINERS.md is a supporting document: 2/3 of all, no discussion period.
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 4 of 5 approvals");
    expect(summary(pr)).not.toContain("mallory");
    // Read from the default branch only, never at the PR's head.
    expect(pathsOf({ local, route: ROUTE.contents }).filter((p) => p.includes("?ref="))).toEqual([]);
  });

  it("team members join the electorate; bots among them don't, nor anyone excluded", async () => {
    local.github.createTeam({ org: "acme", slug: "core", members: ["zed", "helper-app[bot]"] });
    await configure("maintainers:\n  teams: [core]\n  exclude: [grace]\n");
    const pr = await open({ author: "zoe", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    expect(summary(pr)).toContain("@alice, @bob, @carol, @dave, @erin, @frank, @zed");
    expect(summary(pr)).toContain("- @grace — MAINTAINERS.md: excluded by maintainers.exclude\n- @helper-app[bot] — team @acme/core: bot");
  });

  it("a team that can't be read fails closed rather than shrinking the electorate", async () => {
    await configure("maintainers:\n  teams: [core]\n");
    local.github.resetRequestCounts();
    const pr = await open({ author: "zoe", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    expect(pathsOf({ local, route: ROUTE.teamMembers })).toEqual(["/orgs/acme/teams/core/members?per_page=100"]);
    expect(local.github.latestCheck(thread(pr))).toMatchObject({ conclusion: "failure", output: { title: expect.stringContaining("@acme/core") } });
  });

  it("a custom maintainers file is governed even when no rule names it", async () => {
    // A path no default rule names (the defaults govern MAINTAINERS.md in the root, .github/ and docs/).
    await configure("maintainers:\n  file: governance/people.md\n");
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "governance/people.md": maintainersFile(MAINTAINERS) } });
    await local.settle();
    const pr = await open({ author: "zoe", files: { "governance/people.md": maintainersFile([...MAINTAINERS, "zoe"]) } });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 0 of 5 approvals · discussion ends 2026-03-16 09:03 UTC");
  });
});
