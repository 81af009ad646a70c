import { describe, expect, it } from "@jest/globals";
import { parseConfig } from "../../src/config/parse-config.js";
import { compileGlob, GLOB_LIMITS, globProblem } from "../../src/config/path-globs.js";
import { matchRules } from "../../src/policy/match-rules.js";
import { supporting } from "../helpers/facts.js";

/** The most a glob may be: 200 characters, 32 patterns, 4 `**`. */
const WORST = `**/{aa,bb}/**/{cc,dd}/**/{ee,ff}/**/{gg,hh}/{ii,jj}${"x".repeat(145)}*.md`;

describe("globProblem: a glob's size and complexity, checked when the config is read", () => {
  it.each<[string, string, RegExp | null]>([
    ["a file", "GOVERNANCE.md", null],
    ["alternatives", "{GOVERNANCE,CHARTER}.md", null],
    ["a tree", "docs/governance/**", null],
    ["the worst allowed", WORST, null],
    ["one character too long", `${"a".repeat(GLOB_LIMITS.maxLength)}x`, /is 201 characters long; a glob may be at most 200/],
    ["32 patterns", "{a,b}".repeat(5), null],
    ["64 patterns", "{a,b}".repeat(6), /expands to more than 32 patterns/],
    ["2,048 patterns", "{a,b}".repeat(11), /expands to more than 32 patterns/],
    ["8,192 patterns, which minimatch refuses", "{a,b}".repeat(13), /expands to more than 32 patterns/],
    ["a numeric range of 33", "v{1..33}.md", /expands to more than 32 patterns/],
    ["nested braces, counted multiplied out", "{a,{b,c,d,e,f,g,h}}{1,2,3,4}/{x,y}", /expands to more than 32 patterns/],
    ["four `**`", "**/a/**/b/**/c/**", null],
    ["five `**`", "**/a/**/b/**/c/**/d/**", /has 5 `\*\*`; a glob may have at most 4/],
    ["five `**` once expanded", "{**/a/**/b,c}/**/d/**/e/**", /has 5 `\*\*`/],
  ])("%s", (_name, glob, problem) => {
    const found = globProblem(glob);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it("the worst allowed is at every limit", () => {
    expect(WORST.length).toBe(GLOB_LIMITS.maxLength);
    expect(compileGlob(WORST).patterns).toBe(GLOB_LIMITS.maxPatterns);
  });

  it("all the rules together hold at most 256 patterns: 8 globs at the limit pass, a 9th fails on `rules:`", () => {
    const rules = (n: number) =>
      [
        "# the rules",
        "rules:",
        ...Array.from({ length: n }, (_, i) => [`  - name: r${i}`, `    paths: ['${WORST.replace("aa", `a${i}`).slice(0, GLOB_LIMITS.maxLength)}']`]).flat(),
        "",
      ].join("\n");
    expect(parseConfig({ text: rules(8), file: "g.yml" }).ok).toBe(true);
    const parsed = parseConfig({ text: rules(9), file: "g.yml" });
    expect(parsed.ok ? [] : parsed.problems.map((p) => [p.line, p.key, p.message])).toEqual([
      [
        2,
        "rules",
        "`rules` hold 288 glob patterns in all (each `{…}` alternative counts), at most 256: every one is matched against every changed file of every PR",
      ],
    ]);
  });

  it("a config with a glob over the limits fails on the glob's line", () => {
    const text = ["rules:", "  - name: charter", "    paths:", "      - GOVERNANCE.md", `      - '${"{a,b}".repeat(12)}'`, ""].join("\n");
    const parsed = parseConfig({ text, file: ".github/governance.yml" });
    expect(parsed.ok ? [] : parsed.problems.map((p) => [p.line, p.key, p.message])).toEqual([
      [
        5,
        "rules[0].paths[1]",
        "`rules[0].paths[1]`: `{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}` expands to more than 32 patterns (its `{…}` alternatives multiply); list fewer alternatives, or the files themselves",
      ],
    ]);
  });
});

describe("compiled once, and the work of matching stays bounded", () => {
  it("the same glob is compiled once for every path it is matched against", () => {
    expect(compileGlob(WORST)).toBe(compileGlob(WORST));
  });

  it("a 3,000-file PR against the worst allowed glob: 32 patterns for each path, and the right file found", () => {
    const glob = compileGlob(WORST);
    expect(glob.patterns).toBe(GLOB_LIMITS.maxPatterns);
    const files = Array.from({ length: 3_000 }, (_, i) => ({ path: `src/deep/a/b/c/module-${i}.md`, previousPath: null }));
    const target = `x/bb/y/cc/z/ff/w/hh/jj${"x".repeat(145)}-notes.md`;
    files[1_500] = { path: target, previousPath: null };
    const [match] = matchRules({ rules: [{ ...supporting, name: "worst", paths: [WORST] }], files, filesComplete: true, labels: [] });
    expect(match?.matchedBy.paths).toEqual([target]);
  });

  it("a glob over the limits is never compiled", () => {
    expect(() => compileGlob("{a,b}".repeat(11))).toThrow(/expands to more than 32 patterns/);
  });
});
