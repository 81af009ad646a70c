import { describe, expect, it } from "@jest/globals";
import type { Rule } from "../../src/config/types.js";
import { governedChange } from "../../src/policy/governed-change.js";
import { matchRules } from "../../src/policy/match-rules.js";
import { linkedPaths, linkMayLead, linksMayMatter, resolveLinkTarget } from "../../src/policy/symlinks.js";
import type { Symlink } from "../../src/policy/types.js";
import { charter, DAY, supporting } from "../helpers/facts.js";

const file = (path: string, previousPath: string | null = null) => ({ path, previousPath });

describe("resolveLinkTarget: a link's text, relative to its folder, as a path of the repository", () => {
  it.each<[string, string, string | null]>([
    ["GOVERNANCE.md", "docs/charter.md", "docs/charter.md"],
    [".github/SECURITY.md", "../SECURITY.md", "SECURITY.md"],
    ["docs/a/link.md", "./../b/./x.md", "docs/b/x.md"],
    ["docs/link", "..", ""],
    ["GOVERNANCE.md", "../outside.md", null],
    ["GOVERNANCE.md", "/etc/passwd", null],
    ["GOVERNANCE.md", "  docs/x.md\n", "docs/x.md"],
    ["GOVERNANCE.md", "", null],
  ])("%s -> %j", (link, text, target) => {
    expect(resolveLinkTarget({ link, text })).toBe(target);
  });
});

describe("linkedPaths: where GitHub also shows a path through links", () => {
  const cases: Array<[string, string, Symlink[], string[]]> = [
    ["no links", "docs/charter.md", [], ["docs/charter.md"]],
    ["a link to the file", "docs/charter.md", [{ link: "GOVERNANCE.md", target: "docs/charter.md" }], ["docs/charter.md", "GOVERNANCE.md"]],
    ["a link to its folder", "docs/policies/conduct.md", [{ link: "policies", target: "docs/policies" }], ["docs/policies/conduct.md", "policies/conduct.md"]],
    ["not a folder by a prefix of its name", "docs/policies-old/x.md", [{ link: "policies", target: "docs/policies" }], ["docs/policies-old/x.md"]],
    [
      "a chain",
      "policy/security.txt",
      [
        { link: ".github/SECURITY.md", target: "SECURITY.md" },
        { link: "SECURITY.md", target: "policy/security.txt" },
      ],
      ["policy/security.txt", "SECURITY.md", ".github/SECURITY.md"],
    ],
    [
      "a link to the root",
      "GOVERNANCE.md",
      [{ link: "mirror", target: "" }],
      [
        "GOVERNANCE.md",
        "mirror/GOVERNANCE.md",
        "mirror/mirror/GOVERNANCE.md",
        "mirror/mirror/mirror/GOVERNANCE.md",
        "mirror/mirror/mirror/mirror/GOVERNANCE.md",
        "mirror/mirror/mirror/mirror/mirror/GOVERNANCE.md",
        "mirror/mirror/mirror/mirror/mirror/mirror/GOVERNANCE.md",
        "mirror/mirror/mirror/mirror/mirror/mirror/mirror/GOVERNANCE.md",
        "mirror/mirror/mirror/mirror/mirror/mirror/mirror/mirror/GOVERNANCE.md",
      ],
    ],
    [
      "a loop ends",
      "a",
      [
        { link: "b", target: "a" },
        { link: "a", target: "b" },
      ],
      ["a", "b"],
    ],
  ];
  it.each(cases)("%s", (_name, path, links, expected) => {
    expect(linkedPaths({ path, links })).toEqual(expected);
  });
});

describe("linksMayMatter: the links are read only where they could add a rule", () => {
  const lazy: Rule = { ...supporting, name: "docs", paths: ["docs/**"], approvals: { kind: "lazy-consensus" }, discussionMs: 3 * DAY };
  const majority: Rule = { ...supporting, name: "majority", paths: ["MAJORITY.md"], approvals: { kind: "majority" } };
  const labelsOnly: Rule = { ...supporting, name: "release", paths: [], labels: ["release"] };
  const cases: Array<[string, Rule[], string[], boolean]> = [
    ["no rule has paths", [labelsOnly], ["README.md"], false],
    ["a file no rule governs", [charter], ["README.md"], true],
    ["every file governed by every rule", [charter], ["GOVERNANCE.md"], false],
    ["the charter asks all the supporting documents' rule asks", [charter, supporting], ["GOVERNANCE.md"], false],
    ["the supporting documents' rule asks less than the charter", [charter, supporting], ["SECURITY.md"], true],
    ["a 2/3 rule asks more than a majority", [charter, majority], ["GOVERNANCE.md"], false],
    ["lazy consensus is not implied by a threshold", [charter, lazy], ["GOVERNANCE.md"], true],
    ["a renamed file's old name counts", [charter], ["GOVERNANCE.md", "README.md"], true],
  ];
  it.each(cases)("%s", (_name, rules, paths, expected) => {
    const files = paths.length === 2 ? [file(paths[0] ?? "", paths[1] ?? null)] : paths.map((p) => file(p));
    expect(linksMayMatter({ rules, files })).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ["a governed path", "GOVERNANCE.md", true],
    ["a folder a glob reaches into", "docs", true],
    ["a folder none does", "src", false],
    ["a file none governs", "README.md", false],
  ])("linkMayLead: %s", (_name, path, expected) => {
    expect(linkMayLead({ rules: [charter, { ...supporting, paths: ["docs/**"] }], path })).toBe(expected);
  });
});

describe("matching through links", () => {
  const links: Symlink[] = [
    { link: "GOVERNANCE.md", target: "docs/rules.md" },
    { link: "policies", target: "docs/policies" },
  ];
  const policies: Rule = { ...supporting, name: "policies", paths: ["policies/**"] };

  it.each<[string, string[], string[]]>([
    ["a link's target is governed by the link's rule", ["docs/rules.md"], ["charter"]],
    ["a file in a linked folder is governed by a rule of the folder", ["docs/policies/new.md"], ["policies"]],
    ["the folder link itself, retargeted, is governed", ["policies"], ["policies"]],
    ["other files are not", ["docs/other.md", "src/policies/x.md"], []],
  ])("%s", (_name, paths, expected) => {
    const matches = matchRules({ rules: [charter, policies], files: paths.map((p) => file(p)), filesComplete: true, labels: [], links });
    expect(matches.map((m) => [m.rule.name, m.matchedBy.paths])).toEqual(expected.map((name) => [name, paths]));
  });

  it("a change to a link's target after an approval is a governed change", () => {
    const [match] = matchRules({ rules: [charter], files: [file("GOVERNANCE.md")], filesComplete: true, labels: [] });
    if (!match) throw new Error("no match");
    expect(governedChange({ match, matches: [match], links })("docs/rules.md")).toBe(true);
    expect(governedChange({ match, matches: [match], links: [] })("docs/rules.md")).toBe(false);
  });
});
