import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { costs, pathsOf, ROUTE } from "../requests.js";
import { approve, CHARTER, checkState, MAINTAINERS, REPO, withFreshStory } from "../story.js";

/**
 * The rules a PR is judged by: the default branch's `.github/governance.yml`
 * (or the org's `.github`), never the PR's own; an invalid config fails the
 * check closed; labels add rules; a rule that can't pass says so.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const CONFIG = ".github/governance.yml";
const thread = (number: number) => ({ repo: REPO, number });
async function configure(yaml: string): Promise<void> {
  local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { [CONFIG]: yaml } });
  await local.settle();
}
async function open(params: { files: Record<string, string | null>; author?: string; labels?: string[] }): Promise<number> {
  const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "A change", ...params });
  await local.settle();
  return number;
}

describe("the config", () => {
  it("an invalid config fails the check, naming the file and line, and nothing else is read", async () => {
    await configure("maintainers:\n  file: MAINTAINERS.md\nrules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 3/2\n");
    local.github.resetRequestCounts();
    const pr = await open({ files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    expect(costs(local)).toEqual({ [ROUTE.contents]: 1, [ROUTE.files]: 1, [ROUTE.createCheck]: 1 });
    const check = local.github.latestCheck(thread(pr));
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Configuration error in .github/governance.yml line 6" } });
    expect(check?.output.summary).toContain("3/2");
  });

  it("a PR that lowers the threshold in .github/governance.yml is judged by the default branch's config", async () => {
    await configure("rules:\n  - name: charter\n    paths: [GOVERNANCE.md, .github/governance.yml]\n    approvals: 2/3\n    discussion: 14d\n");
    local.github.resetRequestCounts();
    const pr = await open({ files: { [CONFIG]: "rules:\n  - name: charter\n    paths: [GOVERNANCE.md, .github/governance.yml]\n    approvals: 1\n" } });
    await approve({ local, number: pr, users: ["alice"] });
    expect(pathsOf({ local, route: ROUTE.contents })).toEqual([
      "/repos/acme/community/contents/.github/governance.yml",
      "/repos/acme/community/contents/MAINTAINERS.md",
    ]);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion ends 2026-03-16 09:02 UTC");
  });

  it("the org's .github config applies when the repository has none", async () => {
    local.github.createRepo({ repo: "acme/.github", files: { [CONFIG]: "rules:\n  - name: everything\n    paths: ['**']\n    approvals: unanimous\n" } });
    const pr = await open({ files: { "README.md": "# community!\n" } });
    expect(checkState({ local, number: pr })).toBe(`in_progress/-: 0 of ${MAINTAINERS.length} approvals`);
  });
});

describe("rules", () => {
  it("the governance label adds the charter rule to a PR that touches no governed file", async () => {
    const pr = await open({ files: { "README.md": "# community!\n" } });
    expect(checkState({ local, number: pr })).toBe("completed/success: No governed files changed");
    local.github.label({ repo: REPO, number: pr, user: "alice", label: "governance" });
    await local.settle();
    expect(local.github.latestCheck(thread(pr))?.output.summary).toContain("**Matched by:** label `governance`");
  });

  it("a label-only rule resets approvals on any change", async () => {
    await configure("rules:\n  - name: policy\n    labels: [policy]\n    approvals: unanimous\n");
    const pr = await open({ files: { "src/feature.ts": "export const feature = 1;\n" }, labels: ["policy"] });
    await approve({ local, number: pr, users: MAINTAINERS });
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: policy");
    local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "src/backdoor.ts": "export const open = true;\n" } });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe(`in_progress/-: 0 of ${MAINTAINERS.length} approvals`);
  });

  it("unanimity with an author who can't count fails at once instead of waiting forever", async () => {
    await configure("rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: unanimous\n    author_counts: false\n");
    const pr = await open({ author: "alice", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await approve({ local, number: pr, users: MAINTAINERS.filter((m) => m !== "alice") });
    expect(local.github.latestCheck(thread(pr))).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "Blocked: charter can't reach 7 approvals: at most 6 of 7 can still approve" },
    });
  });

  it("hundreds of governed files with Japanese names: the check lists them within GitHub's limit, which is in bytes", async () => {
    await configure('rules:\n  - name: minutes\n    paths: ["docs/議事録/**"]\n    approvals: 2/3\n    discussion: 14d\n');
    // 1,000 paths of about 35 characters: 35,000 characters, but about 80,000 bytes of UTF-8, past the 65,535 a summary may take.
    const files = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`docs/議事録/第${i}回理事会議事録と決定事項の記録😀.md`, "決定。\n"]));
    const pr = await open({ files });
    const check = local.github.latestCheck(thread(pr));
    expect(check).toMatchObject({ status: "in_progress", output: { title: "0 of 5 approvals · discussion ends 2026-03-16 09:02 UTC" } });
    const summary = check?.output.summary ?? "";
    expect(Buffer.byteLength(summary, "utf8")).toBeLessThanOrEqual(65_535);
    expect(summary).toContain("`docs/議事録/第0回理事会議事録と決定事項の記録😀.md`");
    expect(summary).toMatch(/…\(cut: the full summary exceeded GitHub's limit\)\n\n### Electorate: 7 eligible maintainers/);
  });
});
