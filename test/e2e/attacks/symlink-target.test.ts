import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { CHARTER, MAINTAINERS, startStory } from "../story.js";

/**
 * Issue 14, guarantee 7: a governed file on the default branch may be a
 * symbolic link (GOVERNANCE.md -> docs/our-rules.md). What GitHub shows at the
 * governed path is then the target's text, so a PR changing the target
 * changes the governance: it matches the rule that governs the link. GitHub's
 * contents API follows a link to a file without saying so
 * (https://docs.github.com/rest/repos/contents#get-repository-content); the
 * Git trees API lists links with mode 120000 and their blob holds the target
 * (https://docs.github.com/rest/git/trees#get-a-tree).
 */
const TREES = "GET /repos/{owner}/{repo}/git/trees/{tree_sha}";
const BLOBS = "GET /repos/{owner}/{repo}/git/blobs/{file_sha}";

describe("attack: change the governance through a symbolic link's target", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });
  const pr = async (params: { repo: string; files: Record<string, string> }) => {
    const number = local.github.openPullRequest({ repo: params.repo, author: "zoe", title: "Small edits", files: params.files });
    await local.settle();
    return { repo: params.repo, number };
  };
  const state = (thread: { repo: string; number: number }) => {
    const check = local.github.latestCheck(thread);
    return check ? `${check.status}/${check.conclusion ?? "-"}: ${check.output.title ?? ""}` : "no check";
  };

  it("GOVERNANCE.md links to docs/our-rules.md: a PR changing docs/our-rules.md is a charter change", async () => {
    const repo = "acme/linked-charter";
    local.github.createRepo({
      repo,
      maintainers: MAINTAINERS,
      files: { "docs/our-rules.md": CHARTER, "GOVERNANCE.md": { symlink: "docs/our-rules.md" }, "README.md": "# linked\n" },
    });
    local.github.resetRequestCounts();
    const thread = await pr({ repo, files: { "docs/our-rules.md": `${CHARTER}\nAnyone may merge.\n` } });
    expect(state(thread)).toMatch(/^in_progress\/-: 0 of 5 approvals · discussion ends /);
    expect(local.github.latestCheck(thread)?.output.summary).toContain("`charter`");
    // What it cost: the default branch's tree once, and the link's blob once (then cached by its SHA).
    expect([local.github.requestCounts()[TREES], local.github.requestCounts()[BLOBS]]).toEqual([1, 1]);

    // Another PR within the cache's five minutes reads neither again; one that touches nothing linked is not governed.
    local.github.resetRequestCounts();
    const other = await pr({ repo, files: { "README.md": "# linked, still\n" } });
    expect(state(other)).toBe("completed/success: No governed files changed");
    expect([local.github.requestCounts()[TREES], local.github.requestCounts()[BLOBS]]).toEqual([undefined, undefined]);
  });

  it("a governed folder that is a link: a PR changing a file in the folder it points to is governed", async () => {
    const repo = "acme/linked-folder";
    const config = "rules:\n  - name: policies\n    paths: ['policies/**']\n    approvals: majority\n";
    local.github.createRepo({
      repo,
      maintainers: MAINTAINERS,
      files: { ".github/governance.yml": config, "docs/policies/conduct.md": "# Conduct\n", policies: { symlink: "docs/policies" } },
    });
    const thread = await pr({ repo, files: { "docs/policies/conduct.md": "# Conduct\n\nNo rules.\n", "docs/policies/new.md": "# New\n" } });
    expect(state(thread)).toBe("in_progress/-: 0 of 4 approvals");
  });

  it("a chain of links (.github/SECURITY.md -> ../SECURITY.md -> policy/security.txt) leads to a governed file too", async () => {
    const repo = "acme/linked-chain";
    local.github.createRepo({
      repo,
      maintainers: MAINTAINERS,
      files: {
        "policy/security.txt": "Report to security@\n",
        "SECURITY.md": { symlink: "policy/security.txt" },
        ".github/SECURITY.md": { symlink: "../SECURITY.md" },
      },
    });
    const thread = await pr({ repo, files: { "policy/security.txt": "Report nowhere\n" } });
    expect(state(thread)).toBe("in_progress/-: 0 of 5 approvals");
  });

  it("a PR that changes the link itself is governed as before", async () => {
    const repo = "acme/linked-self";
    local.github.createRepo({ repo, maintainers: MAINTAINERS, files: { "docs/our-rules.md": CHARTER, "GOVERNANCE.md": { symlink: "docs/our-rules.md" } } });
    const thread = await pr({ repo, files: { "GOVERNANCE.md": "# A charter of our own\n" } });
    expect(state(thread)).toMatch(/^in_progress\/-: 0 of 5 approvals · discussion ends /);
  });

  it("a push that makes GOVERNANCE.md a link governs the open PRs that change its new target", async () => {
    const repo = "acme/linked-later";
    local.github.createRepo({ repo, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER, "docs/our-rules.md": CHARTER } });
    const thread = await pr({ repo, files: { "docs/our-rules.md": `${CHARTER}\nAnyone may merge.\n` } });
    expect(state(thread)).toBe("completed/success: No governed files changed");
    local.github.pushToDefaultBranch({ repo, author: "alice", files: { "GOVERNANCE.md": { symlink: "docs/our-rules.md" } } });
    await local.settle();
    expect(state(thread)).toMatch(/^in_progress\/-: 0 of 5 approvals · discussion ends /);
  });

  it("a default branch too large for GitHub to list in one tree fails closed where a link could matter, and says why", async () => {
    const repo = "acme/huge-tree";
    local.github.createRepo({ repo, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER, "a.md": "a\n", "b.md": "b\n", "c.md": "c\n" } });
    local.sandbox.store.treeEntryLimit = 3;
    try {
      const thread = await pr({ repo, files: { "a.md": "A\n" } });
      expect(state(thread)).toBe("completed/failure: Evaluation error, will retry");
      expect(local.github.latestCheck(thread)?.output.summary).toContain(
        "has more files than GitHub lists in one tree, so Gavel can't tell whether a governed file is a symbolic link",
      );
    } finally {
      local.sandbox.store.treeEntryLimit = 100_000;
    }
  });
});
