import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseMaintainers } from "../../src/electorate/parse-maintainers.js";

const fixtures = new URL("../fixtures/maintainers/", import.meta.url);
const expected: Record<string, unknown> = JSON.parse(readFileSync(new URL("expected.json", fixtures), "utf8"));
const md = (...lines: string[]): string => lines.join("\n");
const lower = (hs: readonly string[]): string[] => hs.map((h) => h.toLowerCase()).sort();

describe("parseMaintainers on real MAINTAINERS.md files", () => {
  const files = readdirSync(fixtures).filter((f) => f.endsWith(".md"));

  it("has an expectation for every fixture", () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(Array.isArray(expected[file])).toBe(true);
  });

  it.each(files)("%s", (file) => {
    const want = expected[file];
    if (!Array.isArray(want)) throw new Error(`no expectation for ${file}`);
    const { handles, missingSection } = parseMaintainers({ markdown: readFileSync(new URL(file, fixtures), "utf8") });
    expect(lower(handles)).toEqual(lower(want.map(String)));
    expect(missingSection).toBeNull();
  });
});

interface Case {
  name: string;
  markdown: string;
  section?: string | null;
  handles: string[];
  skipped?: string[];
  missing?: string | null;
  /** handle, line, reason; [] when left unsaid. */
  leftOut?: Array<[string, number, string]>;
}

const cases: Case[] = [
  {
    name: "bullet list of mentions",
    markdown: md("- @alice", "- @bob-smith", "* @Carol"),
    handles: ["alice", "bob-smith", "Carol"],
  },
  {
    name: "bullet list of profile links",
    markdown: md("* [Alice A](https://github.com/alice)", "* [Bob](http://www.github.com/bob/)", "* <https://GitHub.com/carol>", "* github.com/dave."),
    handles: ["alice", "bob", "carol", "dave"],
  },
  {
    name: "GitHub column only: bare handles, employer org links and emails elsewhere ignored",
    markdown: [
      "| Name | GitHub | Employer | Email |",
      "|------|--------|----------|-------|",
      "| Alice | alice | [Acme](https://github.com/acme) | alice@example.com |",
      "| Bob | @bob | [Initech](https://github.com/initech/) | @slackbob |",
      "| Carol | [carol](https://github.com/carol) | Self | c@x.io |",
      "| Dave | [@dave](https://github.com/dave) | | |",
      "| Eve | **eve** | | |",
      "| Nobody | N/A | | |",
    ].join("\n"),
    handles: ["alice", "bob", "carol", "dave", "eve"],
  },
  {
    name: "handle column headers are recognised in several spellings",
    markdown: [
      "GH Handle|Name",
      "-|-",
      "a1|A",
      "",
      "| GitHub username | Slack |",
      "|:---:|---|",
      "| b2 | @slack-b |",
      "",
      "| Handle |",
      "| --- |",
      "| c3 |",
      "",
      "| Name | GitHub-ID |",
      "| -- | -- |",
      "| D | d4 |",
    ].join("\n"),
    handles: ["a1", "b2", "c3", "d4"],
  },
  {
    name: "a table without a handle column is scanned whole",
    markdown: "| Name | Company |\n|---|---|\n| [@ann](https://github.com/ann) | Acme |\n| Ben (@ben) | ben@ben.dev |",
    handles: ["ann", "ben"],
  },
  {
    name: "emails, teams, scoped packages, repos and GitHub's own pages are not people",
    markdown: [
      "- Mail maintainers@example.com or first.last@corp.io; ping @org/team; see @types/node and @example.com.",
      "- Repo https://github.com/org/repo and https://github.com/org/repo/blob/main/MAINTAINERS.md.",
      "- https://github.com/orgs/acme/people https://github.com/sponsors/x https://github.com/settings",
      "- https://github.com/topics/go https://gist.github.com/zed api.github.com/users/zed @dependabot[bot]",
      "- Real ones: @real-one, (@two). [three](https://github.com/three?tab=repositories) @a_b @x--y",
    ].join("\n"),
    handles: ["real-one", "two", "three"],
  },
  {
    name: "handles in inline code or fenced code do not count; handles beside them do",
    markdown: md("* `tsdb`: @codesome", "* `@notme` and ``@nor `me` ``", "```", "@fenced", "```", "~~~~md", "- @tilde", "~~~~", "- `unclosed @yes"),
    handles: ["codesome", "yes"],
  },
  {
    name: "HTML comments are ignored, also across lines and inside tables",
    markdown: md("- @a <!-- @hidden -->", "<!--", "- @gone", "-->", "| GitHub |", "|---|", "| b |", "<!-- | c | -->", "| d |", "<!-- open", "- @never"),
    handles: ["a", "b", "d"],
  },
  {
    name: "former and non-maintainer sections are left out with their sub-headings",
    markdown: [
      "# Maintainers",
      "- @cur1",
      "## Emeritus Maintainers",
      "- @em",
      "### Core",
      "- @emcore",
      "## Current",
      "- @cur2",
      "## Alumni",
      "@al",
      "## Former maintainers",
      "@fo",
      "## Inactive",
      "@in",
      "## Retired",
      "@re",
      "## Past Maintainers",
      "@pa",
      "## Triage",
      "@tr",
      "## Triagers",
      "@trs",
      "## Reviewers",
      "@rv",
      "## Initial Authors",
      "@ia",
      "## Security contacts",
      "@sec",
    ].join("\n"),
    handles: ["cur1", "cur2"],
    skipped: [
      "Emeritus Maintainers",
      "Alumni",
      "Former maintainers",
      "Inactive",
      "Retired",
      "Past Maintainers",
      "Triage",
      "Triagers",
      "Reviewers",
      "Initial Authors",
      "Security contacts",
    ],
    leftOut: [
      ["em", 4, "in section “Emeritus Maintainers”"],
      ["emcore", 6, "in section “Emeritus Maintainers”"],
      ["al", 10, "in section “Alumni”"],
      ["fo", 12, "in section “Former maintainers”"],
      ["in", 14, "in section “Inactive”"],
      ["re", 16, "in section “Retired”"],
      ["pa", 18, "in section “Past Maintainers”"],
      ["tr", 20, "in section “Triage”"],
      ["trs", 22, "in section “Triagers”"],
      ["rv", 24, "in section “Reviewers”"],
      ["ia", 26, "in section “Initial Authors”"],
      ["sec", 28, "in section “Security contacts”"],
    ],
  },
  {
    name: "setext headings delimit sections too",
    markdown: md("Maintainers", "===========", "- @a", "", "Emeritus", "--------", "- @b", "", "---", "", "- @c", "", "Other", "-----", "- @d"),
    handles: ["a", "d"],
    skipped: ["Emeritus"],
    leftOut: [
      ["b", 7, "in section “Emeritus”"],
      ["c", 11, "in section “Emeritus”"],
    ],
  },
  {
    name: "bold or colon labels start an excluded part until the next heading or label",
    markdown: md(
      "## Team",
      "- @a",
      "",
      "**Emeritus**",
      "- @b",
      "",
      "**Current:**",
      "- @c",
      "",
      "Former maintainers:",
      "- @d",
      "",
      "## Other",
      "- @e",
      "",
      "**Emeritus maintainers are thanked** by @f",
    ),
    handles: ["a", "c", "e"],
    skipped: ["Emeritus", "Former maintainers"],
    leftOut: [
      ["b", 5, "listed under “Emeritus”"],
      ["d", 11, "listed under “Former maintainers”"],
      ["f", 16, "in prose, not a list or table"],
    ],
  },
  {
    name: "a line led by an excluded label is left out by itself; labels may be list items",
    markdown: md(
      "- @a",
      "- **Emeritus:** @b, @c",
      "Past maintainers: [d](https://github.com/d)",
      "- @e",
      "- **Note**: @f",
      "",
      "- **Emeritus**",
      "  - @g",
      "- **Current**",
      "  - @h",
      "* Inactive:",
      "",
      "  * @i",
      "* @j",
      "",
      "**Retired**",
      "",
      "* @k",
    ),
    handles: ["a", "e", "f", "h", "j"],
    skipped: ["Emeritus", "Past maintainers", "Emeritus", "Inactive", "Retired"],
    leftOut: [
      ["b", 2, "listed under “Emeritus”"],
      ["c", 2, "listed under “Emeritus”"],
      ["d", 3, "listed under “Past maintainers”"],
      ["g", 8, "listed under “Emeritus”"],
      ["i", 13, "listed under “Inactive”"],
      ["k", 18, "listed under “Retired”"],
    ],
  },
  {
    name: "columns about other services are not read when a table has no handle column",
    markdown: md("| Name | Slack Handle | E-mail | X |", "|---|---|---|---|", "| [@ann](https://github.com/ann) | @ann-slack | a@b.c | @annx |"),
    handles: ["ann"],
  },
  {
    name: "section selects one heading, sub-headings included, excluded ones still out",
    markdown: md(
      "# Project",
      "@top",
      "## Core Maintainers ##",
      "- @a",
      "### Docs",
      "- @b",
      "### Emeritus",
      "- @c",
      "## Reviewers",
      "- @d",
      "## Core maintainers",
      "- @e",
    ),
    section: "  ## core   MAINTAINERS ",
    handles: ["a", "b"],
    skipped: ["Emeritus"],
    leftOut: [
      ["top", 2, "outside section “## core   MAINTAINERS”"],
      ["c", 8, "in section “Emeritus”"],
      ["d", 10, "outside section “## core   MAINTAINERS”"],
      ["e", 12, "outside section “## core   MAINTAINERS”"],
    ],
  },
  {
    name: "section may name an otherwise excluded heading and code in headings",
    markdown: "# M\n- @a\n## `api` Reviewers\n- @b\n# Next\n- @c",
    section: "`api` reviewers",
    handles: ["b"],
    skipped: [],
    leftOut: [
      ["a", 2, "outside section “`api` reviewers”"],
      ["c", 6, "outside section “`api` reviewers”"],
    ],
  },
  {
    name: "a missing section yields no handles",
    markdown: "# Maintainers\n- @a\n**Elsewhere**\n- @b",
    section: "Elsewhere",
    handles: [],
    skipped: [],
    missing: "Elsewhere",
    leftOut: [
      ["a", 2, "outside section “Elsewhere”"],
      ["b", 4, "outside section “Elsewhere”"],
    ],
  },
  {
    name: "duplicates compare case-insensitively and keep the first spelling",
    markdown: "- @SuperQ owns build; @superq and https://github.com/SUPERQ too.\n\n| GitHub |\n|-|\n| Superq |\n| other |",
    handles: ["SuperQ", "other"],
  },
  {
    name: "handles in heading text count, and in a list under a heading per person, but not in its prose",
    markdown: "## Alice (@alice)\nWorks on things.\n### Bob\n- [bob](https://github.com/bob)\n### Carol\n[carol](https://github.com/carol)",
    handles: ["alice", "bob"],
    leftOut: [["carol", 6, "in prose, not a list or table"]],
  },
  {
    name: "a reason quotes at most 100 characters of a heading (labels are 80 at most): each handle under it keeps its reason",
    markdown: `# Maintainers\n\n- @a\n\n## Emeritus ${"x".repeat(10_000)}\n\n- @b\n- @c\n\nOld ${"y".repeat(10_000)}\n${"=".repeat(5)}\n\n- @d\n`,
    handles: ["a"],
    skipped: [`Emeritus ${"x".repeat(10_000)}`],
    leftOut: [
      ["b", 7, `in section “Emeritus ${"x".repeat(90)}…”`],
      ["c", 8, `in section “Emeritus ${"x".repeat(90)}…”`],
      ["d", 13, `outside section “Maintainers”`],
    ],
  },
];

describe("parseMaintainers", () => {
  it.each(cases)("$name", ({ markdown, section, handles, skipped, missing, leftOut }) => {
    const got = parseMaintainers({ markdown, section });
    expect(got.handles).toEqual(handles);
    if (skipped !== undefined) expect(got.skippedSections).toEqual(skipped);
    expect(got.missingSection).toBe(missing ?? null);
    expect(got.leftOut.map((h) => [h.handle, h.line, h.reason])).toEqual(leftOut ?? []);
  });

  it("reads 500 maintainers from one table, without their emails or employers' org links", () => {
    const rows = Array.from({ length: 500 }, (_, i) => `| Person ${i} | @user-${i} | p${i}@example.com | [Co](https://github.com/co${i}) |`);
    const markdown = `# Maintainers\n\n| Name | GitHub | Email | Org |\n|---|---|---|---|\n${rows.join("\n")}\n`;
    expect(parseMaintainers({ markdown }).handles).toEqual(Array.from({ length: 500 }, (_, i) => `user-${i}`));
  });

  // Hostile shapes, about 200 KB each, between two real handles (list items). Their running time is `npm run bench`'s
  // concern; here they must be read without throwing and without inventing or losing a handle.
  it.each([
    ["backticks", "`".repeat(1000) + " ` `` ".repeat(33_000), []],
    ["hashes and stars", `# ${"#".repeat(100_000)}x\n| **${"*".repeat(100_000)} |`, []],
    ["hyphens and mentions", `@a${"-".repeat(100_000)}b ${"@".repeat(100_000)}`, []],
    ["links", `${"https://github.com/orgs/".repeat(4_000)}https://github.com/a${"-a".repeat(50_000)}`, []],
    ["table rows", `| GitHub |\n|---|\n${"| x |\n".repeat(33_000)}`, ["x"]],
    ["comments", "<!-- x --> `".repeat(17_000), []],
    ["pipes", `${"|".repeat(120_000)}\n${"-|".repeat(40_000)}`, []],
    ["tildes", "~a ~~b ".repeat(20_000) + "~~~ ~ ~~".repeat(10_000), []],
    ["tildes and pipes in a row", `| GitHub | x |\n|---|---|\n| ${"~".repeat(100_000)}${"|".repeat(100_000)}`, []],
    ["struck cells", `| a | GitHub |\n|-|-|\n${"| ~~@a~~ ".repeat(25_000)}`, []],
    ["strike tags", `- ${"<s><del <strike ".repeat(8_000)}${"</s></del>".repeat(6_000)}`, []],
    ["details tags", `${"<details>".repeat(10_000)}\n- @x\n${"</details>".repeat(10_000)}`, []],
    ["unclosed tags", `${"<details <s ~ <del".repeat(10_000)}\n${"</details>".repeat(10_000)}`, []],
    ["status words", `- ${"stepped former@x ".repeat(12_000)}`, []],
    ["nested list items", Array.from({ length: 2_000 }, (_, i) => `${" ".repeat(i % 100)}- @u`).join("\n"), ["u"]],
    ["one-line paragraphs", "a:\n\n".repeat(50_000), []],
    ["clauses", `${"@m maintainer, ".repeat(12_000)}:\n- @n`, ["m", "n"]],
  ])("reads 200 KB of %s", (_, hostile, inside) => {
    const { handles } = parseMaintainers({ markdown: md("- @before", "", hostile, "", "- @after") });
    expect(handles).toEqual(["before", ...inside, "after"]);
  });
});

describe("URL schemes are not people", () => {
  it("a doubled link yields only the real handle", () => {
    expect(parseMaintainers({ markdown: "- github.com/https://github.com/alice" }).handles).toEqual(["alice"]);
  });
});
