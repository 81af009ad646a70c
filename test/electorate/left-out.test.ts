import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseMaintainers } from "../../src/electorate/parse-maintainers.js";

// Issue 14, guarantee 5: the electorate is exactly the current maintainers. Each hostile variant below edits a
// real MAINTAINERS.md (test/fixtures/maintainers) the way a project records someone who is not, or no longer,
// a maintainer; the parser must still find exactly the expected handles, and report the one left out with its
// line and reason.

const fixtures = new URL("../fixtures/maintainers/", import.meta.url);
const expected: Record<string, unknown> = JSON.parse(readFileSync(new URL("expected.json", fixtures), "utf8"));
const fixture = (file: string): string => readFileSync(new URL(file, fixtures), "utf8");
const wanted = (file: string): string[] => {
  const list = expected[file];
  if (!Array.isArray(list)) throw new Error(`no expectation for ${file}`);
  return list.map(String);
};
const lower = (hs: readonly string[]): string[] => hs.map((h) => h.toLowerCase()).sort();
/** The file with `lines` inserted after its line `after` (1-based; 0 puts them first). */
const insert = (params: { markdown: string; after: number; lines: string[] }): string => {
  const all = params.markdown.split("\n");
  all.splice(params.after, 0, ...params.lines);
  return all.join("\n");
};
/** The file with its line `at` (1-based) replaced by `by`, which must differ. */
const replaceLine = (params: { markdown: string; at: number; by: string }): string => {
  const all = params.markdown.split("\n");
  if (all[params.at - 1] === params.by) throw new Error("the edit changes nothing");
  all[params.at - 1] = params.by;
  return all.join("\n");
};
/** The 1-based number of the only line containing `needle`. */
const lineOf = (params: { markdown: string; needle: string }): number => {
  const hits = params.markdown.split("\n").flatMap((line, i) => (line.includes(params.needle) ? [i + 1] : []));
  if (hits.length !== 1 || hits[0] === undefined) throw new Error(`"${params.needle}" is on ${hits.length} lines`);
  return hits[0];
};

/** What each real file leaves out as it is: handle, a text only its line has, reason. */
const FIXTURE_LEFT_OUT: Record<string, Array<[string, string, string]>> = {
  "keda.md": [
    ["Aarthisk", "[Aarthisk]", "in section “Alumni”"],
    ["yaron2", "[yaron2]", "in section “Alumni”"],
    ["bbrowning", "[bbrowning]", "in section “Alumni”"],
  ],
  "opa.md": [["patrick-east", "patrick-east", "in section “Emeritus”"]],
};
const leftOutAt = (params: { markdown: string; leftOut: Array<[string, string, string]> }) =>
  params.leftOut.map(([handle, needle, reason]) => ({ handle, line: lineOf({ markdown: params.markdown, needle }), reason }));

interface Variant {
  name: string;
  file: string;
  edit: (markdown: string) => string;
  /** Handles of the fixture's current maintainers that the edit takes out. */
  without?: string[];
  /** handle, a text only its line has, reason */
  leftOut: Array<[string, string, string]>;
}

const kitopsWithStatus = (markdown: string): string =>
  markdown
    .split("\n")
    .map((line) => {
      if (line.startsWith("| GH Handle")) return `${line} Status |`;
      if (line.startsWith("| ---")) return `${line} ------ |`;
      return line.startsWith("| ") ? `${line} Active |` : line;
    })
    .join("\n");

const variants: Variant[] = [
  {
    name: "kitops.md: a Status column, one row Emeritus",
    file: "kitops.md",
    edit: (m) => insert({ markdown: kitopsWithStatus(m), after: 9, lines: ["| oldie | Old Maintainer | Emeritus |"] }),
    leftOut: [["oldie", "| oldie |", "status “Emeritus” in its row"]],
  },
  {
    name: "kitops.md: an existing maintainer's status set to Inactive",
    file: "kitops.md",
    edit: (m) => kitopsWithStatus(m).replace("| javisperez | Javis Perez | Active |", "| javisperez | Javis Perez | Inactive |"),
    without: ["javisperez"],
    leftOut: [["javisperez", "| javisperez |", "status “Inactive” in its row"]],
  },
  {
    name: "opa.md: a row whose area column says emeritus",
    file: "opa.md",
    edit: (m) => insert({ markdown: m, after: 16, lines: ["| Old Person | @old-opa | old@example.com | Styra | opa (emeritus) | 2019-01-01 |"] }),
    leftOut: [["old-opa", "@old-opa", "status “emeritus” in its row"]],
  },
  {
    name: "jaeger.md: a row struck through",
    file: "jaeger.md",
    edit: (m) => replaceLine({ markdown: m, at: 6, by: "| ~~[@jkowall](https://github.com/jkowall)~~ | ~~Aiven~~ | ~~ALL~~ |" }),
    without: ["jkowall"],
    leftOut: [["jkowall", "jkowall", "struck through"]],
  },
  {
    name: "keda.md: a name struck with <del>",
    file: "keda.md",
    edit: (m) => m.replace("| Tom Kerkhove         |", "| <del>Tom Kerkhove</del> |"),
    without: ["tomkerkhove"],
    leftOut: [["tomkerkhove", "<del>Tom Kerkhove</del>", "struck through"]],
  },
  {
    name: "prometheus.md: ~~@someone~~ (stepped down)",
    file: "prometheus.md",
    edit: (m) => insert({ markdown: m, after: 14, lines: ["* `docs`: ~~@someone~~ (stepped down)"] }),
    leftOut: [["someone", "@someone", "struck through"]],
  },
  {
    name: "prometheus.md: @x — emeritus since 2024, and @y (stepped down)",
    file: "prometheus.md",
    edit: (m) => insert({ markdown: m, after: 14, lines: ["* `legacy`: @x — emeritus since 2024", "* `old-ui`: @y (stepped down)"] }),
    leftOut: [
      ["x", "@x", "status “emeritus” in its list item"],
      ["y", "@y", "status “stepped down” in its list item"],
    ],
  },
  {
    name: "prometheus.md: a maintainer struck with <s> beside a current one",
    file: "prometheus.md",
    edit: (m) => m.replace("  * `ui`: @juliusv", "  * `ui`: @juliusv, <s>@old-ui</s>"),
    leftOut: [["old-ui", "@old-ui", "struck through"]],
  },
  {
    name: "jaeger.md: a <details> block of past maintainers, as a table and a list",
    file: "jaeger.md",
    edit: (m) =>
      `${m}\n<details>\n<summary>Past maintainers</summary>\n\n| Name | Employer |\n| --- | --- |\n` +
      "| [@old-jaeger](https://github.com/old-jaeger) | Uber |\n\n* @another-old\n\n</details>\n",
    leftOut: [
      ["old-jaeger", "@old-jaeger", "inside a <details> block"],
      ["another-old", "@another-old", "inside a <details> block"],
    ],
  },
  {
    name: "opa.md: a <details> block inside the Maintainers section",
    file: "opa.md",
    edit: (m) => insert({ markdown: m, after: 17, lines: ["<details><summary>Stepped back</summary>", "", "- @resting", "", "</details>", ""] }),
    leftOut: [["resting", "@resting", "inside a <details> block"]],
  },
  {
    name: "jaeger.md: someone thanked in prose",
    file: "jaeger.md",
    edit: (m) => insert({ markdown: m, after: 10, lines: ["Thanks to @helpful-person and [Sam](https://github.com/sam-helper) for the table.", ""] }),
    leftOut: [
      ["helpful-person", "@helpful-person", "in prose, not a list or table"],
      ["sam-helper", "@helpful-person", "in prose, not a list or table"],
    ],
  },
  {
    name: "prometheus.md: someone thanked in prose after the list",
    file: "prometheus.md",
    edit: (m) => `${m}\nThanks to @former-helper, who kept this list until 2023.\n`,
    leftOut: [["former-helper", "@former-helper", "in prose, not a list or table"]],
  },
  {
    name: "kitops.md: someone thanked in the sentence that introduces the table",
    file: "kitops.md",
    edit: (m) => replaceLine({ markdown: m, at: 1, by: "With thanks to @thanked-one, the current Maintainers Group for the KitOps project are:" }),
    leftOut: [["thanked-one", "@thanked-one", "in prose, not a list or table"]],
  },
  ...(
    [
      ["jaeger.md", "## Contributors"],
      ["kitops.md", "## Committers"],
      ["prometheus.md", "## Approvers"],
      ["jaeger.md", "### Security contacts"],
      ["kitops.md", "# Reviewers"],
      ["prometheus.md", "## Triage team"],
    ] as const
  ).map(
    ([file, heading]): Variant => ({
      name: `${file}: a "${heading}" section, in a file without a maintainers heading`,
      file,
      edit: (m) => `${m}\n${heading}\n\n- @role-person\n\n| GitHub |\n| --- |\n| role-two |\n`,
      leftOut: [
        ["role-person", "@role-person", `in section “${heading.replace(/^#+ /, "")}”`],
        ["role-two", "| role-two |", `in section “${heading.replace(/^#+ /, "")}”`],
      ],
    }),
  ),
  {
    name: "jaeger.md: a bold Contributors label and its list",
    file: "jaeger.md",
    edit: (m) => insert({ markdown: m, after: 10, lines: ["**Contributors**", "", "- @contributor-one", ""] }),
    leftOut: [["contributor-one", "@contributor-one", "listed under “Contributors”"]],
  },
];

describe("real MAINTAINERS.md files", () => {
  it.each(Object.keys(expected).filter((f) => f.endsWith(".md")))("%s leaves out exactly its former maintainers", (file) => {
    const markdown = fixture(file);
    expect(parseMaintainers({ markdown }).leftOut).toEqual(leftOutAt({ markdown, leftOut: FIXTURE_LEFT_OUT[file] ?? [] }));
  });
});

describe("hostile variants of real MAINTAINERS.md files", () => {
  it.each(variants)("$name", ({ file, edit, without, leftOut }) => {
    const markdown = edit(fixture(file));
    const got = parseMaintainers({ markdown });
    const out = new Set((without ?? []).map((h) => h.toLowerCase()));
    expect(lower(got.handles)).toEqual(lower(wanted(file).filter((h) => !out.has(h.toLowerCase()))));
    const want = leftOutAt({ markdown, leftOut: [...(FIXTURE_LEFT_OUT[file] ?? []), ...leftOut] });
    expect(got.leftOut).toEqual(want.sort((a, b) => a.line - b.line));
  });
});
