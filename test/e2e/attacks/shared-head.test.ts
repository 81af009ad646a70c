import { afterEach, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { checkState, DAY, MAINTAINERS, REPO, startStory } from "../story.js";

/**
 * Issue 14, guarantee 1: a check is true for every PR that shares its commit.
 * GitHub attaches a check run to a commit, not to a PR
 * (https://docs.github.com/rest/checks/runs), so two open PRs with the same
 * head share the one `governance` check. A PR whose base already holds a
 * GOVERNANCE.md rewrite has no governed file in its diff; its "no governed
 * files" success used to overwrite the waiting check of the PR that brings
 * the rewrite into the default branch.
 */
let local: LocalGavel | null = null;
afterEach(async () => {
  await local?.stop();
  local = null;
});

const REWRITE = "# Governance\n\nMallory decides everything.\n";

/** `holder` holds the rewrite; `attack` adds a README line on top: into main it brings the rewrite, into `holder` only the README. */
function branches(l: LocalGavel): void {
  l.github.pushToBranch({ repo: REPO, branch: "holder", author: "mallory", commits: [{ "GOVERNANCE.md": REWRITE }] });
  l.github.pushToBranch({ repo: REPO, branch: "attack", author: "mallory", from: "holder", commits: [{ "README.md": "# community\n\nTypo fix.\n" }] });
}

describe("attack: a lenient PR on the same head as a governed one", () => {
  it("the PR into main stays blocked when a second PR with its head passes on its own, and the check names both", async () => {
    local = await startStory();
    branches(local);
    const governed = local.github.openPullRequestFrom({ repo: REPO, author: "mallory", title: "Typo fix", head: "attack" });
    await local.settle();
    expect(checkState({ local, number: governed })).toMatch(/^in_progress\/-: 0 of 5 approvals/);

    const lenient = local.github.openPullRequestFrom({ repo: REPO, author: "mallory", title: "Typo fix (for holder)", head: "attack", base: "holder" });
    await local.settle();

    const check = local.github.latestCheck({ repo: REPO, number: governed });
    expect(check?.status).toBe("in_progress");
    expect(check?.output.summary).toContain(`#${governed}`);
    expect(check?.output.summary).toContain(`#${lenient}`);
    // The lenient PR's own events and the sweeps keep it so.
    local.github.review({ repo: REPO, number: lenient, user: "bob", state: "APPROVE" });
    await local.settle();
    await local.sweep();
    await local.advance(15 * DAY);
    await local.sweep();
    expect(local.github.latestCheck({ repo: REPO, number: governed })?.conclusion).not.toBe("success");
  });

  it("once the governed PR is approved and its discussion is over, the shared check passes for both", async () => {
    local = await startStory();
    branches(local);
    const governed = local.github.openPullRequestFrom({ repo: REPO, author: "mallory", title: "Typo fix", head: "attack" });
    const lenient = local.github.openPullRequestFrom({ repo: REPO, author: "mallory", title: "Typo fix (for holder)", head: "attack", base: "holder" });
    await local.settle();
    for (const user of MAINTAINERS.slice(0, 5)) local.github.review({ repo: REPO, number: governed, user, state: "APPROVE" });
    await local.settle();
    await local.advance(15 * DAY);
    expect(checkState({ local, number: governed })).toMatch(/^completed\/success: /);
    expect(checkState({ local, number: lenient })).toMatch(/^completed\/success: /);
  });
});
