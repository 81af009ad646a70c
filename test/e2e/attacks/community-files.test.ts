import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { checkState, REPO, startStory } from "../story.js";

/**
 * Issue 14, guarantee 7: GitHub shows a repository's community health files
 * from its `.github` folder, its root or its `docs` folder, and names the
 * code of conduct `CODE_OF_CONDUCT.md`
 * (https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/creating-a-default-community-health-file).
 * The default rules govern every one of those places, so the governance a
 * project shows on GitHub can't be changed by editing a copy the rules missed.
 */
describe("attack: change the governance through a copy the default rules miss", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });

  it.each([
    { path: "CODE_OF_CONDUCT.md", rule: "supporting-documents" },
    { path: ".github/CODE_OF_CONDUCT.md", rule: "supporting-documents" },
    { path: "docs/code-of-conduct.md", rule: "supporting-documents" },
    { path: ".github/SECURITY.md", rule: "supporting-documents" },
    { path: "docs/SECURITY.md", rule: "supporting-documents" },
    { path: "docs/MAINTAINERS.md", rule: "supporting-documents" },
    { path: ".github/GOVERNANCE.md", rule: "charter" },
    { path: "docs/governance.md", rule: "charter" },
    { path: ".github/CHARTER.md", rule: "charter" },
    { path: "docs/CHARTER.md", rule: "charter" },
  ])("a PR that changes $path is governed by $rule", async ({ path, rule }) => {
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: `Edit ${path}`, files: { [path]: "# Rewritten by zoe\n" } });
    await local.settle();
    expect(checkState({ local, number })).toMatch(
      rule === "charter" ? /^in_progress\/-: 0 of 5 approvals · discussion ends / : /^in_progress\/-: 0 of 5 approvals$/,
    );
    expect(local.github.latestCheck({ repo: REPO, number })?.output.summary).toContain(`\`${rule}\``);
  });

  it("a file of the same name elsewhere is not governed", async () => {
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Vendored docs", files: { "vendor/lib/SECURITY.md": "# theirs\n" } });
    await local.settle();
    expect(checkState({ local, number })).toBe("completed/success: No governed files changed");
  });
});
