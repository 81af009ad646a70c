import { describe, expect, it } from "@jest/globals";
import { CONFIG_PATH } from "../../src/constants.js";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { DAY_MS, HOUR_MS } from "../../src/config/duration.js";
import { parseConfig } from "../../src/config/parse-config.js";
import type { ConfigProblem, GavelConfig, Rule, Threshold } from "../../src/config/types.js";

const FILE = ".github/governance.yml";
const lines = (...text: string[]): string => `${text.join("\n")}\n`;

function config(text: string): GavelConfig {
  const result = parseConfig({ text, file: FILE });
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.problems, null, 2)}`);
  return result.config;
}

function problems(text: string): ConfigProblem[] {
  const result = parseConfig({ text, file: FILE });
  if (result.ok) throw new Error("expected problems, got a valid config");
  return result.problems;
}

const TWO_THIRDS: Threshold = { kind: "fraction", numerator: 2, denominator: 3 };

describe("parseConfig: defaults", () => {
  it.each([
    ["an empty file", ""],
    ["only comments", "# nothing yet\n"],
    ["an empty document", "---\n"],
    ["empty sections", lines("maintainers:", "votes:", "rules:")],
  ])("%s means all defaults", (_name, text) => {
    expect(parseConfig({ text, file: FILE })).toEqual({ ok: true, config: DEFAULT_CONFIG, extendsFrom: null, raw: expect.anything() });
  });

  it("matches the defaults of docs/configuration.md", () => {
    expect(DEFAULT_CONFIG).toEqual({
      maintainers: { file: "MAINTAINERS.md", section: null, teams: [], users: [], exclude: [] },
      rules: [
        {
          name: "charter",
          paths: ["{,.github/,docs/}GOVERNANCE.md", "{,.github/,docs/}CHARTER.md", ".github/governance.yml"],
          labels: ["governance"],
          approvals: TWO_THIRDS,
          discussionMs: 14 * DAY_MS,
          authorCounts: true,
          onChange: "reset-approvals",
        },
        {
          name: "supporting-documents",
          paths: [
            "{,.github/,docs/}MAINTAINERS.md",
            "{,.github/,docs/}CODE_OF_CONDUCT.md",
            "{,.github/,docs/}CODE-OF-CONDUCT.md",
            "{,.github/,docs/}SECURITY.md",
          ],
          labels: [],
          approvals: TWO_THIRDS,
          discussionMs: 0,
          authorCounts: true,
          onChange: "reset-approvals",
        },
      ],
      votes: {
        durationMs: 7 * DAY_MS,
        closeEarly: true,
        types: {
          default: { approvals: { kind: "majority" }, durationMs: 7 * DAY_MS, minDurationMs: 0, recuseSubject: false },
          nomination: { approvals: { kind: "majority" }, durationMs: 7 * DAY_MS, minDurationMs: 0, recuseSubject: false },
          removal: { approvals: TWO_THIRDS, durationMs: 7 * DAY_MS, minDurationMs: 0, recuseSubject: true },
          lazy: { approvals: { kind: "lazy-consensus" }, durationMs: 72 * HOUR_MS, minDurationMs: 0, recuseSubject: false },
        },
      },
    });
  });

  it("hands out configs that can't change the defaults", () => {
    const parsed = config("");
    expect(() => parsed.rules[0]?.paths.push("x")).not.toThrow();
    expect(DEFAULT_CONFIG.rules[0]?.paths).toHaveLength(3);
    expect(Object.isFrozen(DEFAULT_CONFIG.votes.types)).toBe(true);
  });
});

describe("parseConfig: a full valid config", () => {
  it("reads every key", () => {
    const text = lines(
      "maintainers:",
      "  file: OWNERS.md",
      "  section: Core maintainers",
      "  teams: [core, '@steering']",
      "  users: ['@alice', bob]",
      "  exclude: ['renovate[bot]']",
      "rules:",
      "  - name: charter",
      "    paths: [GOVERNANCE.md, .github/*.yml]",
      "    labels: [governance]",
      "    approvals: unanimous",
      "    discussion: 2w",
      "    author_counts: false",
      "    on_change: restart",
      "  - name: releases",
      "    labels: [release]",
      "    approvals: 2",
      "  - name: docs",
      "    paths: [/docs/**]",
      "    approvals: lazy-consensus",
      "    discussion: 72h",
      "    on_change: keep",
      "votes:",
      "  duration: 10d",
      "  close_early: false",
      "  types:",
      "    removal: { min_duration: 3d }",
      "    budget: { approvals: 3/4, duration: 5d, recuse_subject: false }",
    );
    expect(config(text)).toEqual({
      maintainers: { file: "OWNERS.md", section: "Core maintainers", teams: ["core", "steering"], users: ["alice", "bob"], exclude: ["renovate[bot]"] },
      rules: [
        {
          name: "charter",
          paths: ["GOVERNANCE.md", ".github/*.yml", "OWNERS.md"],
          labels: ["governance"],
          approvals: { kind: "unanimous" },
          discussionMs: 14 * DAY_MS,
          authorCounts: false,
          onChange: "restart",
        },
        {
          name: "releases",
          paths: [],
          labels: ["release"],
          approvals: { kind: "count", count: 2 },
          discussionMs: 0,
          authorCounts: true,
          onChange: "reset-approvals",
        },
        {
          name: "docs",
          paths: ["docs/**"],
          labels: [],
          approvals: { kind: "lazy-consensus" },
          discussionMs: 72 * HOUR_MS,
          authorCounts: true,
          onChange: "keep",
        },
      ],
      votes: {
        durationMs: 10 * DAY_MS,
        closeEarly: false,
        types: {
          default: { approvals: { kind: "majority" }, durationMs: 10 * DAY_MS, minDurationMs: 0, recuseSubject: false },
          nomination: { approvals: { kind: "majority" }, durationMs: 10 * DAY_MS, minDurationMs: 0, recuseSubject: false },
          removal: { approvals: TWO_THIRDS, durationMs: 10 * DAY_MS, minDurationMs: 3 * DAY_MS, recuseSubject: true },
          lazy: { approvals: { kind: "lazy-consensus" }, durationMs: 72 * HOUR_MS, minDurationMs: 0, recuseSubject: false },
          budget: { approvals: { kind: "fraction", numerator: 3, denominator: 4 }, durationMs: 5 * DAY_MS, minDurationMs: 0, recuseSubject: false },
        },
      },
    });
  });

  it("overrides maintainers key by key", () => {
    expect(config(lines("maintainers:", "  teams: [core]")).maintainers).toEqual({ ...DEFAULT_CONFIG.maintainers, teams: ["core"] });
    expect(config(lines("maintainers:", "  file: null")).maintainers.file).toBeNull();
  });

  it("merges vote types over the defaults", () => {
    const types = config(lines("votes:", "  types:", "    removal:", "      duration: 14d", "    new-type: {}")).votes.types;
    expect(types.removal).toEqual({ approvals: TWO_THIRDS, durationMs: 14 * DAY_MS, minDurationMs: 0, recuseSubject: true });
    expect(types.default).toEqual(DEFAULT_CONFIG.votes.types.default);
    expect(types["new-type"]).toEqual({ approvals: { kind: "majority" }, durationMs: 7 * DAY_MS, minDurationMs: 0, recuseSubject: false });
  });

  it("applies rule defaults and replaces the default rules", () => {
    const rules = config(lines("rules:", "  - name: docs", "    paths: [docs/**]")).rules;
    expect(rules.map((rule) => rule.name)).toEqual(["docs"]);
    expect(rules[0]).toEqual({
      name: "docs",
      paths: ["docs/**", CONFIG_PATH, "MAINTAINERS.md"],
      labels: [],
      approvals: TWO_THIRDS,
      discussionMs: 0,
      authorCounts: true,
      onChange: "reset-approvals",
    });
  });

  it("returns where _extends points", () => {
    const result = parseConfig({ text: lines("_extends: acme/.github"), file: FILE });
    expect(result).toMatchObject({ ok: true, extendsFrom: { owner: "acme", repo: ".github", path: CONFIG_PATH } });
  });
});

describe("parseConfig: the config file is always governed", () => {
  const rule = (name: string, extra: string[]): string[] => [`  - name: ${name}`, ...extra.map((line) => `    ${line}`)];
  const governing = (rules: Rule[]): string[] => rules.filter((r) => r.paths.includes(CONFIG_PATH)).map((r) => r.name);

  it.each<[string, string[], string[]]>([
    [
      "the highest threshold",
      [
        ...rule("a", ["paths: [A.md]", "approvals: majority"]),
        ...rule("b", ["paths: [B.md]", "approvals: 3/4"]),
        ...rule("c", ["paths: [C.md]", "approvals: 2"]),
      ],
      ["b"],
    ],
    ["unanimity over any fraction", [...rule("a", ["paths: [A.md]", "approvals: 99/100"]), ...rule("b", ["paths: [B.md]", "approvals: unanimous"])], ["b"]],
    [
      "any threshold over lazy consensus",
      [...rule("a", ["paths: [A.md]", "approvals: lazy-consensus", "discussion: 30d"]), ...rule("b", ["paths: [B.md]", "approvals: 1"])],
      ["b"],
    ],
    ["the longer discussion on a tie", [...rule("a", ["paths: [A.md]", "discussion: 1d"]), ...rule("b", ["paths: [B.md]", "discussion: 3d"])], ["b"]],
    ["the first rule on a full tie", [...rule("a", ["paths: [A.md]"]), ...rule("b", ["paths: [B.md]"])], ["a"]],
    [
      "nobody when a glob already covers it",
      [...rule("a", ["paths: ['.GitHub/**']", "approvals: 1"]), ...rule("b", ["paths: [B.md]", "approvals: unanimous"])],
      [],
    ],
  ])("goes to %s", (_name, ruleLines, expected) => {
    const rules = config(lines("rules:", ...ruleLines)).rules;
    expect(governing(rules)).toEqual(expected);
    expect(rules.some((r) => r.paths.some((p) => p === CONFIG_PATH || p === ".GitHub/**"))).toBe(true);
  });

  it("gives an empty rule list the charter rule, restricted to the config and maintainers files", () => {
    expect(config("rules: []\n").rules).toEqual([{ ...DEFAULT_CONFIG.rules[0], name: "config", paths: [CONFIG_PATH, "MAINTAINERS.md"], labels: [] }]);
  });

  it("governs a maintainers file that no rule names", () => {
    const rules = config(lines("maintainers:", "  file: governance/people.md")).rules;
    expect(rules.find((r) => r.name === "charter")?.paths).toContain("governance/people.md");
  });

  it("leaves a maintainers file a rule already governs where it is", () => {
    expect(config("maintainers:\n  file: SECURITY.md\n").rules.map((r) => r.paths)).toEqual(DEFAULT_CONFIG.rules.map((r) => r.paths));
  });
});

describe("parseConfig: problems", () => {
  const brief = (list: ConfigProblem[]): Array<[number | null, string | null]> => list.map((p) => [p.line, p.key]);

  it("names an unknown key's line, suggests the closest key and lists the allowed ones", () => {
    const found = problems(lines("rules:", "  - name: charter", "    paths: [GOVERNANCE.md]", "    aprovals: 2/3"));
    expect(found).toEqual([
      {
        file: FILE,
        line: 4,
        key: "rules[0].aprovals",
        message:
          "unknown key `aprovals` in `rules[0]`. Did you mean `approvals`? Allowed keys: name, paths, labels, approvals, discussion, author_counts, on_change.",
      },
    ]);
  });

  it.each<[string, string, number, string, RegExp]>([
    ["top level", "maintainer:\n  teams: [x]\n", 1, "maintainer", /at the top level\. Did you mean `maintainers`\?/],
    ["no close key", "colour: blue\n", 1, "colour", /^unknown key `colour` at the top level\. Allowed keys: _extends, maintainers, rules, votes\.$/],
    ["maintainers", "maintainers:\n  team: [x]\n", 2, "maintainers.team", /Did you mean `teams`\?/],
    ["votes", "votes:\n  close-early: true\n", 2, "votes.close-early", /Did you mean `close_early`\?/],
    ["vote type", "votes:\n  types:\n    removal:\n      recuse: true\n", 4, "votes.types.removal.recuse", /Did you mean `recuse_subject`\?/],
  ])("reports an unknown key in %s", (_where, text, line, key, message) => {
    const [problem] = problems(text);
    expect(problem).toMatchObject({ file: FILE, line, key });
    expect(problem?.message).toMatch(message);
  });

  it.each<[string, string, number | null, RegExp]>([
    ["unclosed flow list", "rules:\n  - name: x\n    paths: [a\nvotes: {}\n", 4, /^invalid YAML: /],
    ["tab indentation", "votes:\n\tduration: 7d\n", 2, /^invalid YAML: .*tab/],
    ["duplicate key", "votes: {}\nvotes: {}\n", 2, /duplicated mapping key/],
    ["two documents", "votes: {}\n---\nrules: []\n", null, /single document/],
    ["a list at the top", "- a\n- b\n", 1, /must be a mapping.*not a list/],
    ["a scalar at the top", "hello\n", 1, /must be a mapping.*not a single value/],
    ["an alias", "a: &x [1]\nvotes: *x\n", 2, /aliases .* not allowed/],
  ])("reports %s with its line", (_name, text, line, message) => {
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.line).toBe(line);
    expect(found[0]?.message).toMatch(message);
  });

  it("refuses a file over 64 KiB", () => {
    const found = problems(`# ${"x".repeat(64 * 1024)}\n`);
    expect(found[0]?.message).toMatch(/at most 65536 bytes \(64 KiB\)/);
  });

  it("counts bytes, not characters", () => {
    const text = `# ${"é".repeat(33 * 1024)}\n`;
    expect(text.length).toBeLessThan(64 * 1024);
    expect(problems(text)[0]?.message).toMatch(/64 KiB/);
  });

  it.each<[string, string[], Array<[number, string, RegExp]>]>([
    ["a bad threshold", ["rules:", "  - name: a", "    paths: [A.md]", "    approvals: 3/2"], [[4, "rules[0].approvals", /more than all maintainers/]]],
    ["a percentage", ["rules:", "  - name: a", "    paths: [A.md]", "    approvals: 66%"], [[4, "rules[0].approvals", /`2\/3`/]]],
    ["a bad duration", ["rules:", "  - name: a", "    paths: [A.md]", "    discussion: 2 weeks"], [[4, "rules[0].discussion", /unknown unit/]]],
    ["a year-long vote", ["votes:", "  duration: 400d"], [[2, "votes.duration", /longer than a year/]]],
    ["a zero vote duration", ["votes:", "  duration: 0"], [[2, "votes.duration", /longer than zero/]]],
    ["a wrong type", ["votes:", "  close_early: yes"], [[2, "votes.close_early", /true or false, not `yes`/]]],
    ["a string for a list", ["maintainers:", "  teams: core"], [[2, "maintainers.teams", /must be a list/]]],
    ["a bad handle", ["maintainers:", "  users: [alice, 'bob smith']"], [[2, "maintainers.users[1]", /not a GitHub username/]]],
    ["an org/team slug", ["maintainers:", "  teams: ['@acme/core']"], [[2, "maintainers.teams[0]", /slug only/]]],
    ["a rule without paths or labels", ["rules:", "  - name: a", "    approvals: majority"], [[2, "rules[0]", /give it `paths`.*or `labels`/]]],
    ["a rule without a name", ["rules:", "  - paths: [A.md]"], [[2, "rules[0]", /needs a `name`/]]],
    ["a rule that is not a mapping", ["rules:", "  - GOVERNANCE.md"], [[2, "rules[0]", /must be a rule/]]],
    [
      "duplicate rule names",
      ["rules:", "  - name: a", "    paths: [A.md]", "  - name: A", "    paths: [B.md]"],
      [[4, "rules[1].name", /already used by `rules\[0\]`/]],
    ],
    [
      "a bad on_change",
      ["rules:", "  - name: a", "    paths: [A.md]", "    on_change: reset"],
      [[4, "rules[0].on_change", /one of `keep`, `reset-approvals`, `restart`/]],
    ],
    [
      "lazy consensus without discussion",
      ["rules:", "  - name: a", "    paths: [A.md]", "    approvals: lazy-consensus"],
      [[4, "rules[0].approvals", /lazy consensus needs a discussion period.*`discussion: 72h`/]],
    ],
    [
      "lazy consensus with zero discussion",
      ["rules:", "  - name: a", "    paths: [A.md]", "    approvals: lazy-consensus", "    discussion: 0d"],
      [[5, "rules[0].discussion", /lazy consensus needs a discussion period/]],
    ],
    ["an empty vote type name", ["votes:", "  types:", "    '': { approvals: majority }"], [[3, "votes.types.", /needs a name/]]],
    ["a vote type named like a ballot", ["votes:", "  types:", "    yes: { approvals: majority }"], [[3, "votes.types.yes", /already a command/]]],
    ["a vote type that is not a mapping", ["votes:", "  types:", "    removal: 2/3"], [[3, "votes.types.removal", /must be a mapping/]]],
    [
      "min_duration over duration",
      ["votes:", "  types:", "    lazy: { min_duration: 4d }"],
      [[3, "votes.types.lazy.min_duration", /longer than the vote itself \(3d\)/]],
    ],
    ["a bad _extends", ["_extends: a/b/c"], [[1, "_extends", /not a repository reference/]]],
  ])("reports %s", (_name, text, expected) => {
    const found = problems(lines(...text));
    expect(brief(found)).toEqual(expected.map(([line, key]) => [line, key]));
    for (const [index, problem] of found.entries()) expect(problem.message).toMatch(expected[index]?.[2] ?? /never/);
  });

  it("collects every problem of a file in one pass", () => {
    const text = lines(
      "maintainer: {}", // 1
      "rules:", // 2
      "  - name: a", // 3
      "    aprovals: 3/2", // 4
      "  - name: a", // 5
      "    paths: [A.md]", // 6
      "    discussion: -1d", // 7
      "votes:", // 8
      "  duration: 1.5d", // 9
    );
    expect(brief(problems(text))).toEqual([
      [1, "maintainer"],
      [4, "rules[0].aprovals"],
      [3, "rules[0]"],
      [7, "rules[1].discussion"],
      [5, "rules[1].name"],
      [9, "votes.duration"],
    ]);
  });
});
