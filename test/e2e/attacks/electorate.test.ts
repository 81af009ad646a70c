import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { CHARTER, startStory } from "../story.js";

/**
 * Issue 14, guarantee 5: the electorate is exactly the current maintainers.
 * Everyone a maintainers file or a team names but who is not a current
 * maintainer (emeritus, struck through, hidden in <details>, another role,
 * thanked in prose, a member only through a child team) stays out of N, so
 * out of the threshold, and their approval or ballot never counts; the check
 * summary names each of them with where they are named and why. Each case has
 * its own repository on one shared sandbox; the charter rule asks 2/3 of all
 * maintainers, and the PR's author is not a maintainer.
 */
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/maintainers/${name}`, import.meta.url), "utf8");
const EXPECTED: Record<string, string[]> = JSON.parse(fixture("expected.json"));

/** alice, bob and carol are the current maintainers of every file below: N = 3, so 2/3 needs 2. */
const CURRENT = ["# Maintainers", "", "- @alice", "- @bob", "- @carol"];

describe("e2e attack: the electorate is exactly the current maintainers", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });

  /** A repository with `files` on its default branch, and a charter PR by zoe (no maintainer). */
  async function charterPr(params: { repo: string; files: Record<string, string> }): Promise<{ repo: string; number: number }> {
    local.github.createRepo({ repo: params.repo, files: { "GOVERNANCE.md": CHARTER, ...params.files } });
    const number = local.github.openPullRequest({
      repo: params.repo,
      author: "zoe",
      title: "Releases need two maintainers",
      files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` },
    });
    await local.settle();
    return { repo: params.repo, number };
  }
  async function approve(params: { thread: { repo: string; number: number }; users: string[] }): Promise<void> {
    for (const user of params.users) local.github.review({ ...params.thread, user, state: "APPROVE" });
    await local.settle();
  }
  const title = (thread: { repo: string; number: number }) => local.github.latestCheck(thread)?.output.title ?? "";
  const summary = (thread: { repo: string; number: number }) => local.github.latestCheck(thread)?.output.summary ?? "";
  const electorateOf = (thread: { repo: string; number: number }) => summary(thread).slice(summary(thread).indexOf("### Electorate"));
  /** The end of the summary's electorate section, listing `lines` as left out. */
  const leftOutList = (lines: string[]) => `Left out (${lines.length}), named there but not counted:\n\n${lines.map((l) => `- ${l}`).join("\n")}`;
  /** The charter rule's count on the check: `yes` approvals counted, of the ⌈2/3 × n⌉ that N = `n` needs. */
  const expectCount = (params: { thread: { repo: string; number: number }; yes: number; n: number }) => {
    const { thread, yes, n } = params;
    const required = Math.ceil((2 * n) / 3);
    expect(title(thread)).toMatch(new RegExp(`^${yes} of ${required} approvals · discussion ends `));
    expect(summary(thread)).toContain(`⌈2/3 × ${n}⌉ = ${required} of ${n} eligible maintainers`);
  };

  it("a Status column saying “Emeritus”: that row is out of N and the threshold, their approval and ballot don't count, and the summary names them with the line", async () => {
    const file = [
      "# Maintainers",
      "",
      "| Name | GitHub | Status |",
      "| --- | --- | --- |",
      "| Alice | @alice | Active |",
      "| Bob | @bob | Active |",
      "| Carol | @carol | Active |",
      "| Oscar | @oscar | Emeritus |",
      "",
    ].join("\n");
    const thread = await charterPr({ repo: "acme/status-column", files: { "MAINTAINERS.md": file } });
    await approve({ thread, users: ["oscar", "alice"] });
    expectCount({ thread, yes: 1, n: 3 });
    expect(electorateOf(thread)).toBe(
      [
        "### Electorate: 3 eligible maintainers",
        "",
        "Read from the default branch (MAINTAINERS.md), never from this pull request.",
        "",
        "@alice, @bob, @carol",
        "",
        "Left out (1), named there but not counted:",
        "",
        "- @oscar — MAINTAINERS.md line 8: status “Emeritus” in its row",
      ].join("\n"),
    );

    // A /vote's electorate comes from the same reading: oscar's ballot is not counted either.
    const issue = local.github.openIssue({ repo: thread.repo, author: "alice", title: "Adopt a release policy" });
    local.github.comment({ repo: thread.repo, number: issue, user: "alice", body: "/vote" });
    await local.settle();
    local.github.comment({ repo: thread.repo, number: issue, user: "oscar", body: "/vote yes" });
    await local.settle();
    const [vote, reply, ...others] = local.github.appComments({ repo: thread.repo, number: issue }).map((c) => c.body);
    expect(vote).toContain("- **Electorate** (3, fixed when the vote opened): @alice, @bob, @carol");
    expect(vote).toContain("#### Tally: 0 yes · 0 no · 0 abstain · 3 not yet — 2 yes needed");
    expect(reply).toContain("Thanks, @oscar. Only the maintainers listed in the vote can cast a ballot, so this one isn't counted.");
    expect(others).toEqual([]);
    expect(local.sandbox.problems).toEqual([]);
  });

  it.each([
    { name: "a struck-through entry", lines: ["- ~~@sam~~ (stepped down)"], who: "sam", line: 6, reason: "struck through" },
    {
      name: "an entry saying “emeritus since 2024”",
      lines: ["- @xavier — emeritus since 2024"],
      who: "xavier",
      line: 6,
      reason: "status “emeritus” in its list item",
    },
    {
      name: "a <details> block of people",
      lines: ["", "<details>", "<summary>Past maintainers</summary>", "", "- @dora", "", "</details>"],
      who: "dora",
      line: 10,
      reason: "inside a &lt;details> block",
    }, // escaped: a summary renders HTML
    { name: "someone thanked in prose", lines: ["", "Thanks to @trent for the logo."], who: "trent", line: 7, reason: "in prose, not a list or table" },
  ])("$name: out of N, their approval doesn't count, and the summary says why with the line", async ({ lines, who, line, reason }) => {
    const thread = await charterPr({ repo: `acme/left-out-${who}`, files: { "MAINTAINERS.md": [...CURRENT, ...lines, ""].join("\n") } });
    await approve({ thread, users: [who, "alice"] });
    expectCount({ thread, yes: 1, n: 3 });
    expect(electorateOf(thread)).toContain("\n\n@alice, @bob, @carol\n\n");
    expect(electorateOf(thread)).toContain(`\n- @${who} — MAINTAINERS.md line ${line}: ${reason}`);
  });

  it("a Contributors section in a file with no maintainers heading: its people are out of N", async () => {
    const file = ["# People", "", "- @alice", "- @bob", "- @carol", "", "## Contributors", "", "- @zed", "- @yan", ""].join("\n");
    const thread = await charterPr({ repo: "acme/contributors", files: { "MAINTAINERS.md": file } });
    await approve({ thread, users: ["zed", "yan", "alice"] });
    expectCount({ thread, yes: 1, n: 3 });
    expect(electorateOf(thread)).toContain(
      leftOutList(["@zed — MAINTAINERS.md line 9: in section “Contributors”", "@yan — MAINTAINERS.md line 10: in section “Contributors”"]),
    );
  });

  it("a team whose child team adds members: N counts its direct members only, and the inherited ones are named as left out", async () => {
    local.github.createTeam({ org: "acme", slug: "core", members: ["alice", "bob"], maintainers: ["carol"] });
    local.github.createTeam({ org: "acme", slug: "core-docs", members: ["dave", "erin", "alice"], parent: "core" });
    local.github.createTeam({ org: "acme", slug: "core-docs-i18n", members: ["frank"], parent: "core-docs" });
    const thread = await charterPr({ repo: "acme/child-teams", files: { ".github/governance.yml": "maintainers:\n  file: null\n  teams: [core]\n" } });
    // Before: GitHub's listing of @acme/core holds 6 people, so N = 6 and 2/3 needs 4.
    await approve({ thread, users: ["dave", "erin", "frank", "alice"] });
    expectCount({ thread, yes: 1, n: 3 });
    expect(electorateOf(thread)).toContain("Read from the default branch (team @acme/core), never from this pull request.\n\n@alice, @bob, @carol\n\n");
    expect(electorateOf(thread)).toContain(
      leftOutList([
        "@dave — team @acme/core: a member of a child team of @acme/core, not of the team itself",
        "@erin — team @acme/core: a member of a child team of @acme/core, not of the team itself",
        "@frank — team @acme/core: a member of a child team of @acme/core, not of the team itself",
      ]),
    );
    await approve({ thread, users: ["carol"] });
    expectCount({ thread, yes: 2, n: 3 });
  });

  it("where GitHub doesn't say which team members are direct: a team without child teams counts them all; one with child teams fails closed", async () => {
    const config = { ".github/governance.yml": "maintainers:\n  file: null\n  teams: [core]\n" };
    for (const org of ["flat", "nested"]) {
      local.github.createTeam({ org, slug: "core", members: ["alice", "bob", "carol"] });
      local.github.setTeamMembershipDetails({ org, shown: false });
    }
    local.github.createTeam({ org: "nested", slug: "core-docs", members: ["dave", "erin", "frank"], parent: "core" });
    local.github.resetRequestCounts();
    const flat = await charterPr({ repo: "flat/site", files: config });
    // One look at its child teams (there are none) tells its members are all its own.
    expect(local.github.requestCounts()["GET /orgs/{org}/teams/{team_slug}/teams"]).toBe(1);
    expectCount({ thread: flat, yes: 0, n: 3 });

    const nested = await charterPr({ repo: "nested/site", files: config });
    await approve({ thread: nested, users: ["alice", "bob", "carol", "dave"] });
    expect(local.github.latestCheck(nested)?.conclusion).toBe("failure");
    expect(title(nested)).toBe(
      "Blocked: GitHub's list of team `@nested/core` does not say which members belong to the team itself, and the team has child teams, whose members it lists too",
    );
    expect(local.sandbox.problems).toEqual([]);
    expect(summary(nested)).toContain(
      "Only a team's own members may vote: name the maintainers in `maintainers.users` or the maintainers file instead, or use a team without child teams.",
    );
  });

  it("a MAINTAINERS.md of 800 KB naming 30,000 former maintainers under a heading 500 KB long: N is right and the summary lists the first of them, within GitHub's limit", async () => {
    const former = Array.from({ length: 30_000 }, (_, i) => `- @former-${i}`);
    const file = [...CURRENT, "", `## Emeritus ${"x".repeat(500_000)}`, "", ...former, ""].join("\n");
    const thread = await charterPr({ repo: "acme/many-former", files: { "MAINTAINERS.md": file } });
    await approve({ thread, users: ["former-29999", "alice"] });
    expectCount({ thread, yes: 1, n: 3 });
    const shown = electorateOf(thread);
    expect(shown).toContain(
      `Left out (30,000), named there but not counted:\n\n- @former-0 — MAINTAINERS.md line 9: in section “Emeritus ${"x".repeat(90)}…”\n`,
    );
    expect(shown).toMatch(/\n- …and 29,9\d\d more$/);
    expect(summary(thread).length).toBeLessThanOrEqual(65_535);
    expect(local.sandbox.problems).toEqual([]);
  });

  /** The other handles the real files name, read off them by hand. */
  const REAL_LEFT_OUT: Record<string, string[]> = {
    "keda.md": [
      "@Aarthisk — MAINTAINERS.md line 17: in section “Alumni”",
      "@yaron2 — MAINTAINERS.md line 18: in section “Alumni”",
      "@bbrowning — MAINTAINERS.md line 19: in section “Alumni”",
    ],
    "opa.md": ["@patrick-east — MAINTAINERS.md line 20: in section “Emeritus”"],
  };

  it.each(Object.keys(EXPECTED).filter((name) => !name.startsWith("_")))(
    "the real %s: N is its current maintainers, and every other handle it names is listed as left out",
    async (name) => {
      const thread = await charterPr({ repo: `acme/real-${name.replace(/\.md$/, "")}`, files: { "MAINTAINERS.md": fixture(name) } });
      const current = EXPECTED[name] ?? [];
      const n = current.length;
      const leftOut = REAL_LEFT_OUT[name] ?? [];
      // One current maintainer and everyone left out approve: one approval counts.
      await approve({ thread, users: [current[0] ?? "", ...leftOut.map((l) => /^@(\S+)/.exec(l)?.[1] ?? "")] });
      expectCount({ thread, yes: 1, n });
      const voters = `### Electorate: ${n} eligible maintainers\n\nRead from the default branch (MAINTAINERS.md), never from this pull request.\n\n${current.map((h) => `@${h}`).join(", ")}`;
      expect(electorateOf(thread)).toBe(leftOut.length === 0 ? voters : `${voters}\n\n${leftOutList(leftOut)}`);
    },
  );

  it("OPA's real MAINTAINERS.md, made hostile: struck-through, emeritus, <details> and prose entries don't count; their approvals don't make the threshold", async () => {
    const opa = fixture("opa.md");
    const hostile = `${opa.replace(
      "| Torin Sandall |",
      "| Mallory Mole | ~~@mallory~~ | m@evil.example | Evil | all repositories | 2024-01-01 |\n| Oscar Old | @oscar | o@example.com | Acme | opa (emeritus since 2024) | 2019-01-01 |\n| Torin Sandall |",
    )}* [Eve Former](https://github.com/eve-former)\n\n<details>\n<summary>Earlier maintainers</summary>\n\n* @dora\n\n</details>\n\nThanks to @trent for the logo.\n`;
    const thread = await charterPr({ repo: "acme/real-opa-hostile", files: { "MAINTAINERS.md": hostile } });
    // 10 current maintainers: 2/3 needs 7. Six of them and every pretender approve.
    await approve({
      thread,
      users: ["aliscott", "ashutosh-narkar", "ctab", "maxsmythe", "shomron", "ritazh", "mallory", "oscar", "patrick-east", "eve-former", "dora", "trent"],
    });
    expectCount({ thread, yes: 6, n: 10 });
    expect(electorateOf(thread)).toContain(
      leftOutList([
        "@mallory — MAINTAINERS.md line 16: struck through",
        "@oscar — MAINTAINERS.md line 17: status “emeritus” in its row",
        "@patrick-east — MAINTAINERS.md line 22: in section “Emeritus”",
        "@eve-former — MAINTAINERS.md line 23: in section “Emeritus”",
        "@dora — MAINTAINERS.md line 28: in section “Emeritus”",
        "@trent — MAINTAINERS.md line 32: in section “Emeritus”",
      ]),
    );
    expect(local.sandbox.problems).toEqual([]);
  });
});
