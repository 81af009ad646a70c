import { describe, expect, it } from "@jest/globals";
import { parseMaintainers } from "../../src/electorate/parse-maintainers.js";

// The rules of docs/architecture.md, "Reading MAINTAINERS.md" that decide who is a current maintainer (issue 14,
// guarantee 5), each on a fixed input: the handles that count, and every other one with its line and reason.

const md = (...lines: string[]): string => lines.join("\n");
const PROSE = "in prose, not a list or table";
const STRUCK = "struck through";
const DETAILS = "inside a <details> block";

interface Case {
  name: string;
  markdown: string;
  section?: string;
  handles: string[];
  leftOut: Array<[string, number, string]>;
  skipped?: string[];
}

const cases: Case[] = [
  {
    name: "prose paragraphs are not entries; list items, table rows and headings are",
    markdown: md(
      "Thanks to @thanked for the logo.",
      "",
      "- @listed",
      "",
      "| GitHub |",
      "|---|",
      "| tabled |",
      "",
      "## Owner @headed",
      "",
      "Ask @asked or",
      "@wrapped in chat.",
    ),
    handles: ["listed", "tabled", "headed"],
    leftOut: [
      ["thanked", 1, PROSE],
      ["asked", 11, PROSE],
      ["wrapped", 12, PROSE],
    ],
  },
  {
    name: "a line per person without list markers is a paragraph",
    markdown: md("## Maintainers", "@alice", "@bob"),
    handles: [],
    leftOut: [
      ["alice", 2, PROSE],
      ["bob", 3, PROSE],
    ],
  },
  {
    name: "a one-line lead-in ending with ':' before a list counts the handles its clauses call maintainers",
    markdown: md("@lead is the lead maintainer, with thanks to @helper; the others are:", "", "- @other"),
    handles: ["lead", "other"],
    leftOut: [["helper", 1, PROSE]],
  },
  {
    name: "a lead-in before a table counts too, but not whom it thanks",
    markdown: md("@boss is the project maintainer, thanks to @helper, and the team is:", "| GitHub |", "|---|", "| dev |"),
    handles: ["boss", "dev"],
    leftOut: [["helper", 1, PROSE]],
  },
  {
    name: "not lead-ins: two lines, followed by prose, or without the colon",
    markdown: md(
      "@a is a maintainer and",
      "@b is a maintainer, others are:",
      "- @c",
      "",
      "@d is a maintainer:",
      "",
      "Text.",
      "",
      "@e is a maintainer.",
      "- @f",
    ),
    handles: ["c", "f"],
    leftOut: [
      ["a", 1, PROSE],
      ["b", 2, PROSE],
      ["d", 5, PROSE],
      ["e", 9, PROSE],
    ],
  },
  {
    name: "a list item goes on over its lines, lazy or indented, and in quotes",
    markdown: md("- Alice", "  GitHub: @alice", "- Bob,", "lazily @bob", "", "  still Bob's: @bob2", "", "> - @quoted", "", "after the list @nope"),
    handles: ["alice", "bob", "bob2", "quoted"],
    leftOut: [["nope", 10, PROSE]],
  },
  {
    name: "strikethrough: one or two tildes, <s>, <del>, <strike>; an open tag runs to the end of the line",
    markdown: md(
      "- ~~@a~~",
      "- ~@b~",
      "- <s>@c</s>",
      "- <del>@d</del>",
      "- <STRIKE>@e</STRIKE>",
      '- <del class="x">@f',
      "- @g ~2 years, @h ~3 years",
      "- \\~~@i~~",
      "- ~~~@j~~~",
      "- ~~ @k ~~",
      "- @l, ~~@m~~, @n",
    ),
    handles: ["g", "h", "i", "j", "k", "l", "n"],
    leftOut: [
      ["a", 1, STRUCK],
      ["b", 2, STRUCK],
      ["c", 3, STRUCK],
      ["d", 4, STRUCK],
      ["e", 5, STRUCK],
      ["f", 6, STRUCK],
      ["m", 11, STRUCK],
    ],
  },
  {
    name: "an entry that starts struck through is struck as a whole; a row whose first cell is",
    markdown: md(
      "- ~~Alice Smith~~ (@alice)",
      "- **~~Bob~~** @bob",
      "- Carol ~~Acme~~ @carol",
      "",
      "| Name | GitHub | Company |",
      "|---|---|---|",
      "| ~~Dave~~ | @dave | Acme |",
      "| Erin | @erin | ~~Acme~~ |",
      "| Fred | ~~@fred~~ | Acme |",
      "| <s>Gail</s> | [gail](https://github.com/gail) | |",
    ),
    handles: ["carol", "erin"],
    leftOut: [
      ["alice", 1, STRUCK],
      ["bob", 2, STRUCK],
      ["dave", 7, STRUCK],
      ["fred", 9, STRUCK],
      ["gail", 10, STRUCK],
    ],
  },
  {
    name: "statuses that leave a list item out, as written",
    markdown: md(
      "- @a (Emeritus)",
      "- @b, emeriti",
      "- @c, former maintainer",
      "- @d: inactive",
      "- @e, retired 2023",
      "- @f (alumni)",
      "- @g stepped down",
      "- @h Stepped back in May",
      "- @i (stepped aside)",
      "- @j",
      "  alumna since 2020",
    ),
    handles: [],
    leftOut: [
      ["a", 1, "status “Emeritus” in its list item"],
      ["b", 2, "status “emeriti” in its list item"],
      ["c", 3, "status “former” in its list item"],
      ["d", 4, "status “inactive” in its list item"],
      ["e", 5, "status “retired” in its list item"],
      ["f", 6, "status “alumni” in its list item"],
      ["g", 7, "status “stepped down” in its list item"],
      ["h", 8, "status “Stepped back” in its list item"],
      ["i", 9, "status “stepped aside” in its list item"],
      ["j", 10, "status “alumna” in its list item"],
    ],
  },
  {
    name: "statuses in a table row, in any column but employers' and other services'",
    markdown: md(
      "| Name | GitHub | Company | Slack | Status |",
      "|---|---|---|---|---|",
      "| Ann | @ann | Acme | | Emeritus |",
      "| Ben (retired) | @ben | Acme | | |",
      "| Cat | @cat | Former Acme, now Globex | | |",
      "| Dan | @dan | Acme | former-dan | Active |",
      "| Eve | @eve | Acme | | On leave |",
    ),
    handles: ["cat", "dan", "eve"],
    leftOut: [
      ["ann", 3, "status “Emeritus” in its row"],
      ["ben", 4, "status “retired” in its row"],
    ],
  },
  {
    name: "words that give no status: on leave, handles, emails, links, 'formerly', 'past', 'stepped up', struck out",
    markdown: md(
      "- @a (on leave until June)",
      "- @former-dev",
      "- @b, retired.person@example.com",
      "- @c, see https://github.com/retired-org/tools",
      "- @d (formerly at Acme)",
      "- @e, past releases",
      "- @g stepped up in 2024",
      "- @back ~~(emeritus)~~",
      "- @gone (emeritus)",
    ),
    handles: ["a", "former-dev", "b", "c", "d", "e", "g", "back"],
    leftOut: [["gone", 9, "status “emeritus” in its list item"]],
  },
  {
    name: "a nested list item takes its parent's status and strike",
    markdown: md("- Emeritus maintainers", "  - @old", "- Current maintainers", "  - @new", "- ~~Old team~~", "  - @gone", "    - @gone-too"),
    handles: ["new"],
    leftOut: [
      ["old", 2, "status “Emeritus” in the list item above it"],
      ["gone", 6, STRUCK],
      ["gone-too", 7, STRUCK],
    ],
  },
  {
    name: "<details> hides what it holds: inline, across lines, nested, open or not, unclosed to the end",
    markdown: md(
      "- @before <details><summary>Old</summary> @inline </details> @after",
      "<details open>",
      "",
      "- @a",
      "<details>",
      "- @b",
      "</details>",
      "- @c",
      "</details>",
      "- @d",
      "</details>",
      "- @e",
      "<details>",
      "",
      "- @f",
    ),
    handles: ["before", "after", "d", "e"],
    leftOut: [
      ["inline", 1, DETAILS],
      ["a", 4, DETAILS],
      ["b", 6, DETAILS],
      ["c", 8, DETAILS],
      ["f", 15, DETAILS],
    ],
  },
  {
    name: "a heading that names maintainers: only its sections count, minus excluded sub-sections",
    markdown: md(
      "# Project",
      "- @outside",
      "## Current maintainers",
      "- @a",
      "### Docs",
      "- @b",
      "### Emeritus",
      "- @c",
      "## Steering committee",
      "- @s",
      "## Core Maintainers",
      "- @d",
    ),
    handles: ["a", "b", "d"],
    leftOut: [
      ["outside", 2, "outside section “Current maintainers”"],
      ["c", 8, "in section “Emeritus”"],
      ["s", 10, "outside section “Current maintainers”"],
    ],
    skipped: ["Emeritus"],
  },
  {
    name: "headings about becoming a maintainer, or inside a left-out section, don't name the maintainers",
    markdown: md("## Team", "- @a", "## Becoming a maintainer", "- @b", "## Emeritus maintainers", "- @c", "## Alumni", "### Maintainers", "- @d"),
    handles: ["a", "b"],
    leftOut: [
      ["c", 6, "in section “Emeritus maintainers”"],
      ["d", 9, "in section “Alumni”"],
    ],
    skipped: ["Emeritus maintainers", "Alumni"],
  },
  {
    name: "without a maintainers heading, sections for other roles are left out",
    markdown: md(
      "# Project X",
      "- @a",
      "## Contributors",
      "- @b",
      "## Committers",
      "- @c",
      "## Approvers",
      "- @d",
      "## Security contacts",
      "- @e",
      "## Special thanks",
      "- @f",
      "## Acknowledgements",
      "- @g",
      "## Steering",
      "- @h",
      "## Collaborators and credits",
      "- @i",
    ),
    handles: ["a", "h"],
    leftOut: [
      ["b", 4, "in section “Contributors”"],
      ["c", 6, "in section “Committers”"],
      ["d", 8, "in section “Approvers”"],
      ["e", 10, "in section “Security contacts”"],
      ["f", 12, "in section “Special thanks”"],
      ["g", 14, "in section “Acknowledgements”"],
      ["i", 18, "in section “Collaborators and credits”"],
    ],
    skipped: ["Contributors", "Committers", "Approvers", "Security contacts", "Special thanks", "Acknowledgements", "Collaborators and credits"],
  },
  {
    name: "section: picks one heading, even a role's, and everyone outside it is reported",
    markdown: md("# Maintainers", "- @m", "## Committers", "- @c", "## Committers emeritus", "- @old"),
    section: "Committers",
    handles: ["c"],
    leftOut: [
      ["m", 2, "outside section “Committers”"],
      ["old", 6, "outside section “Committers”"],
    ],
    skipped: [],
  },
  {
    name: "each handle is reported once, where it is first left out, and never when it counts elsewhere",
    markdown: md("## Maintainers", "- @a", "- ~~@b~~", "## Emeritus", "- @a", "- @b", "- @c", "- ~~@C~~"),
    handles: ["a"],
    leftOut: [
      ["b", 3, STRUCK],
      ["c", 7, "in section “Emeritus”"],
    ],
  },
  {
    name: "line numbers count every line of the file: comments, code blocks, CRLF",
    markdown: "<!--\r\nhidden\r\n-->\r\n```\r\ncode\r\n```\r\n- ~~@a~~\r\n\r\nThanks @b.",
    handles: [],
    leftOut: [
      ["a", 7, STRUCK],
      ["b", 9, PROSE],
    ],
  },
];

describe("who counts in MAINTAINERS.md", () => {
  it.each(cases)("$name", ({ markdown, section, handles, leftOut, skipped }) => {
    const got = parseMaintainers({ markdown, section });
    expect(got.handles).toEqual(handles);
    expect(got.leftOut.map((h) => [h.handle, h.line, h.reason])).toEqual(leftOut);
    if (skipped !== undefined) expect(got.skippedSections).toEqual(skipped);
  });
});
