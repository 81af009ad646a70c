import { describe, expect, it } from "@jest/globals";
import type { RulesSource } from "../../src/config/rules-source.js";
import { describeRulesSource } from "../../src/messages/rules-source-line.js";

describe("describeRulesSource: which rules apply, and why", () => {
  const sources: Record<string, RulesSource> = {
    "the repository's own config": { kind: "own", file: ".github/governance.yml" },
    "its own config over an _extends base": { kind: "extends", file: ".github/governance.yml", base: "acme/.github:.github/governance.yml" },
    "the org's .github, which Gavel is installed on": { kind: "org", file: "acme/.github:.github/governance.yml", orgRepo: "acme/.github", base: null },
    "the org's .github, extending another repository": {
      kind: "org",
      file: "acme/.github:.github/governance.yml",
      orgRepo: "acme/.github",
      base: "acme/policy:.github/governance.yml",
    },
    "defaults: the org's .github itself has no config": { kind: "defaults", why: { kind: "no-config" } },
    "defaults: no config here nor in the governed .github": { kind: "defaults", why: { kind: "none-in-org", orgRepo: "acme/.github" } },
    "defaults: the org's .github has a config Gavel doesn't govern": { kind: "defaults", why: { kind: "org-not-governed", orgRepo: "acme/.github" } },
    "defaults: Gavel is not installed on the org's .github, which answered 404": {
      kind: "defaults",
      why: { kind: "org-not-installed", orgRepo: "acme/.github" },
    },
    "defaults: run as a GitHub Action": { kind: "defaults", why: { kind: "no-app", orgRepo: "acme/.github" } },
  };

  it.each(Object.entries(sources))("%s", (_name, source) => {
    expect(describeRulesSource(source)).toMatchSnapshot();
  });

  it("never names an org-wide config as applying when Gavel doesn't govern it", () => {
    for (const why of ["org-not-governed", "org-not-installed", "no-app"] as const) {
      const line = describeRulesSource({ kind: "defaults", why: { kind: why, orgRepo: "acme/.github" } });
      expect(line).toMatch(/^\*\*Rules:\*\* Gavel's defaults\. /);
      expect(line).not.toContain("acme/.github:.github/governance.yml");
    }
  });
});
