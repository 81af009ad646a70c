import { describe, expect, it } from "@jest/globals";
import { parseExtends } from "../../src/config/extends-target.js";
import { locateMerged } from "../../src/config/locate-merged.js";
import { mergeExtended } from "../../src/config/merge-extended.js";
import { readConfigYaml } from "../../src/config/read-config-yaml.js";
import { validateConfig } from "../../src/config/validate-config.js";
import type { ExtendsTarget, RawConfig } from "../../src/config/types.js";

describe("parseExtends", () => {
  it.each<[string, ExtendsTarget]>([
    [".github", { owner: null, repo: ".github", path: ".github/governance.yml" }],
    ["community", { owner: null, repo: "community", path: ".github/governance.yml" }],
    ["my-org/.github", { owner: "my-org", repo: ".github", path: ".github/governance.yml" }],
    ["my-org/community:governance/gavel.yaml", { owner: "my-org", repo: "community", path: "governance/gavel.yaml" }],
    ["community:policy.yml", { owner: null, repo: "community", path: "policy.yml" }],
  ])("reads %p", (value, target) => {
    expect(parseExtends(value)).toEqual({ ok: true, target });
  });

  it.each<[unknown, RegExp]>([
    ["", /must name a repository/],
    [42, /must name a repository/],
    ["a/b/c", /not a repository reference/],
    ["org/repo:path.txt", /not a repository reference/],
    ["-org/repo", /not a repository reference/],
    ["org/repo:../secrets.yml", /relative to the repository root/],
    ["org/..", /names no repository/],
  ])("rejects %p", (value, message) => {
    const result = parseExtends(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("mergeExtended", () => {
  const base: RawConfig = {
    _extends: "elsewhere",
    maintainers: { file: "MAINTAINERS.md", teams: ["core"], users: ["alice"] },
    rules: [{ name: "org-charter", paths: ["CHARTER.md"] }],
    votes: { duration: "14d", types: { removal: { approvals: "3/4" }, budget: { approvals: "majority" } } },
  };
  const override: RawConfig = {
    _extends: ".github",
    maintainers: { teams: ["repo-maintainers"], file: null },
    votes: { types: { removal: { duration: "21d" } } },
  };

  it("lets the repository win key by key, replaces lists, and drops _extends", () => {
    expect(mergeExtended({ base, override })).toEqual({
      maintainers: { file: null, teams: ["repo-maintainers"], users: ["alice"] },
      rules: [{ name: "org-charter", paths: ["CHARTER.md"] }],
      votes: { duration: "14d", types: { removal: { approvals: "3/4", duration: "21d" }, budget: { approvals: "majority" } } },
    });
  });

  it("replaces the rules list whole", () => {
    const merged = mergeExtended({ base, override: { rules: [{ name: "mine", labels: ["x"] }] } });
    expect(merged.rules).toEqual([{ name: "mine", labels: ["x"] }]);
  });

  it("leaves its inputs as they were", () => {
    const before = JSON.stringify({ base, override });
    mergeExtended({ base, override });
    expect(JSON.stringify({ base, override })).toBe(before);
  });

  it("keeps a key named __proto__ a plain key", () => {
    const read = readConfigYaml({ text: "__proto__: {polluted: true}\n", file: "x.yml" });
    if (!read.ok) throw new Error("valid YAML");
    const merged = mergeExtended({ base: { maintainers: {} }, override: read.raw });
    expect(Object.keys(merged)).toEqual(["maintainers", "__proto__"]);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});

describe("validating a merged config", () => {
  it("locates each problem in the file its key came from", () => {
    const orgText = ["maintainers:", "  teams: [core]", "votes:", "  duration: 10x", ""].join("\n");
    const repoText = ["_extends: .github", "rules:", "  - name: docs", "    paths: [docs/**]", "    aprovals: 2/3", ""].join("\n");
    const org = readConfigYaml({ text: orgText, file: "acme/.github:.github/governance.yml" });
    const repo = readConfigYaml({ text: repoText, file: ".github/governance.yml" });
    if (!org.ok || !repo.ok) throw new Error("both files are valid YAML");
    expect(repo.extendsFrom).toEqual({ owner: null, repo: ".github", path: ".github/governance.yml" });

    const result = validateConfig({
      raw: mergeExtended({ base: org.raw, override: repo.raw }),
      locate: locateMerged({ base: org, override: repo }),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(({ file, line, key }) => ({ file, line, key }))).toEqual([
      { file: ".github/governance.yml", line: 5, key: "rules[0].aprovals" },
      { file: "acme/.github:.github/governance.yml", line: 4, key: "votes.duration" },
    ]);
  });
});
