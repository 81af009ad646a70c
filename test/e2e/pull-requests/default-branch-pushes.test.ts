import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { ROUTE, routes } from "../requests.js";
import { approve, checkState, REPO, withFreshStory } from "../story.js";

/**
 * The rules live on the default branch: a push there that changes the config
 * or the maintainers file re-evaluates every open PR; other pushes cost at
 * most the config read, and pushes to other branches nothing.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

describe("a push to the default branch", () => {
  it("a stricter config re-evaluates open PRs: green turns back to waiting", async () => {
    const pr = local.github.openPullRequest({
      repo: REPO,
      author: "zoe",
      title: "Security contact",
      files: { "SECURITY.md": "# Security\n\nWrite to security@example.org.\n" },
    });
    await local.settle();
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", "erin"] });
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: supporting-documents");

    local.github.pushToDefaultBranch({
      repo: REPO,
      author: "alice",
      files: { ".github/governance.yml": "rules:\n  - name: all-docs\n    paths: ['*.md']\n    approvals: unanimous\n" },
    });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 5 of 7 approvals");
  });

  it("a push that touches neither the config nor the maintainers file costs the config reads", async () => {
    local.github.resetRequestCounts();
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "src/index.ts": "export {};\n" } });
    await local.settle();
    // The repository's config, then the org's, which it would fall back to, with whether Gavel is installed there: neither config exists.
    expect(routes(local).sort()).toEqual([ROUTE.contents, ROUTE.contents, ROUTE.installation].sort());
  });

  it("a push of 20 commits that lists them all, none touching the rules, re-evaluates nothing", async () => {
    local.github.resetRequestCounts();
    local.github.pushToBranch({
      repo: REPO,
      branch: "main",
      author: "alice",
      commits: Array.from({ length: 20 }, (_, i) => ({ [`src/file-${i}.ts`]: `export const x = ${i};\n` })),
    });
    await local.settle();
    expect(routes(local)).not.toContain(ROUTE.pulls);
  });

  it("a commit whose 3,000 reported files leave out a change to the rules re-evaluates the open PRs", async () => {
    const pr = local.github.openPullRequest({
      repo: REPO,
      author: "zoe",
      title: "Security contact",
      files: { "SECURITY.md": "# Security\n\nWrite to security@example.org.\n" },
    });
    await local.settle();
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", "erin"] });
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: supporting-documents");
    // 3,000 added files, then the config, modified: GitHub reports at most 3,000 files of a commit.
    const added = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`docs/page-${i}.md`, `# ${i}\n`]));
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": "rules: []\n" } });
    await local.settle();
    local.github.pushToDefaultBranch({
      repo: REPO,
      author: "alice",
      files: { ...added, ".github/governance.yml": "rules:\n  - name: all-docs\n    paths: ['*.md']\n    approvals: unanimous\n" },
    });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 5 of 7 approvals");
  });
});

describe("a push to another branch", () => {
  it("costs nothing, even when it changes the config", async () => {
    local.github.resetRequestCounts();
    local.github.pushToBranch({ repo: REPO, branch: "feature", author: "alice", commits: [{ ".github/governance.yml": "rules: []\n" }] });
    await local.settle();
    expect(local.github.deliveries().at(-1)).toMatchObject({ event: "push", status: 200 });
    expect(local.github.requestCounts()).toEqual({});
  });
});
