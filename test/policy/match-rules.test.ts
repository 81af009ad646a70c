import { describe, expect, it } from "@jest/globals";
import type { Rule } from "../../src/config/types.js";
import { discussionWindow } from "../../src/policy/discussion-window.js";
import { matchRules } from "../../src/policy/match-rules.js";
import { charter, DAY, iso, supporting, T0 } from "../helpers/facts.js";

const docs: Rule = { ...supporting, name: "docs", paths: ["docs/**/*.md", ".github/*.yml"], labels: ["Docs"] };
const rules = [charter, supporting, docs];
const file = (path: string, previousPath: string | null = null) => ({ path, previousPath });

describe("matchRules", () => {
  const cases: Array<[string, { files: ReturnType<typeof file>[]; labels?: string[]; complete?: boolean }, string[]]> = [
    ["nothing governed", { files: [file("src/a.ts"), file("README.md")] }, []],
    ["exact path", { files: [file("GOVERNANCE.md")] }, ["charter"]],
    ["case-insensitive", { files: [file("Governance.MD")] }, ["charter"]],
    ["a nested file with the same name is not the root file", { files: [file("docs/GOVERNANCE.md")] }, ["docs"]],
    ["globstar and dotfiles", { files: [file("docs/a/b/c.md"), file(".github/governance.yml")] }, ["charter", "docs"]],
    ["renamed away from a governed path", { files: [file("OLD-CHARTER.md", "CHARTER.md")] }, ["charter"]],
    ["a deleted file is listed like any other", { files: [file("SECURITY.md")] }, ["supporting-documents"]],
    ["labels add rules, case-insensitively", { files: [file("src/a.ts")], labels: ["GOVERNANCE", "docs"] }, ["charter", "docs"]],
    ["an incomplete list matches every rule with paths", { files: [file("src/a.ts")], complete: false }, ["charter", "supporting-documents", "docs"]],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    const matches = matchRules({ rules, files: input.files, filesComplete: input.complete ?? true, labels: input.labels ?? [] });
    expect(matches.map((m) => m.rule.name)).toEqual(expected);
  });

  it("says what matched", () => {
    const [match] = matchRules({ rules: [charter], files: [file("CHARTER.md", "GOVERNANCE.md")], filesComplete: true, labels: ["governance"] });
    expect(match?.matchedBy).toEqual({ paths: ["CHARTER.md", "GOVERNANCE.md"], labels: ["governance"], incompleteFiles: false });
  });
});

describe("discussionWindow", () => {
  const announcement = (createdAt: string, starts: string[]) => ({ commentId: 1, createdAt, starts, headSha: "x", url: "u", base: null, baseChanged: false });
  const cases: Array<[string, Rule, ReturnType<typeof announcement>[], { startedAt: string | null; endsAt: string | null }]> = [
    ["not announced", charter, [], { startedAt: null, endsAt: null }],
    ["14 days from the announcement", charter, [announcement(T0, ["charter"])], { startedAt: T0, endsAt: iso(14) }],
    ["an announcement of another rule doesn't start it", charter, [announcement(T0, ["docs"])], { startedAt: null, endsAt: null }],
    [
      "the latest announcement that starts it wins",
      charter,
      [announcement(iso(3), ["charter"]), announcement(T0, ["charter"])],
      { startedAt: iso(3), endsAt: iso(17) },
    ],
    ["72h", { ...charter, discussionMs: 3 * DAY }, [announcement(T0, ["charter"])], { startedAt: T0, endsAt: iso(3) }],
    ["no period", supporting, [announcement(T0, ["supporting-documents"])], { startedAt: T0, endsAt: null }],
  ];
  it.each(cases)("%s", (_name, rule, announcements, expected) => {
    expect(discussionWindow({ rule, announcements })).toEqual(expected);
  });
});
