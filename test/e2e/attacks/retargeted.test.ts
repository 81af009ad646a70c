import { afterEach, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { checkState, DAY, MAINTAINERS, REPO, startStory } from "../story.js";

/**
 * Issue 14, guarantee 2: an approval and a discussion are for the diff the
 * maintainers saw. A PR approved against `staging` for a one-line wording
 * change used to keep its success when retargeted to the default branch,
 * where its diff is a whole GOVERNANCE.md rewrite no maintainer saw: approval
 * staleness and the discussion's start looked only at the head commit.
 */
let local: LocalGavel | null = null;
afterEach(async () => {
  await local?.stop();
  local = null;
});

const REWRITE = "# Governance\n\nMallory decides everything.\n";

/** `staging` holds a GOVERNANCE.md rewrite; the PR changes one word of it, into `staging`, approved by five and discussed two weeks. */
async function approvedAgainstStaging(l: LocalGavel): Promise<number> {
  l.github.pushToBranch({ repo: REPO, branch: "staging", author: "mallory", commits: [{ "GOVERNANCE.md": REWRITE }] });
  l.github.pushToBranch({
    repo: REPO,
    branch: "wording",
    author: "mallory",
    from: "staging",
    commits: [{ "GOVERNANCE.md": REWRITE.replace("everything", "almost everything") }],
  });
  const number = l.github.openPullRequestFrom({ repo: REPO, author: "mallory", title: "Soften the wording", head: "wording", base: "staging" });
  await l.settle();
  for (const user of MAINTAINERS.slice(0, 5)) l.github.review({ repo: REPO, number, user, state: "APPROVE" });
  await l.settle();
  await l.advance(15 * DAY);
  return number;
}

describe("attack: approvals follow a PR to another base", () => {
  it("retargeted to main, where the diff is a rewrite, the approvals are stale and the discussion starts again", async () => {
    local = await startStory();
    const number = await approvedAgainstStaging(local);
    expect(checkState({ local, number })).toBe("completed/success: Approved: charter");

    local.github.editPullRequest({ repo: REPO, number, user: "mallory", base: "main" });
    await local.settle();
    expect(checkState({ local, number })).toMatch(/^in_progress\/-: 0 of 5 approvals · discussion ends /);
    const announcements = local.github.appComments({ repo: REPO, number });
    expect(announcements).toHaveLength(2);
    expect(announcements[1]?.body).toContain("discussion period starts again");
    const summary = local.github.latestCheck({ repo: REPO, number })?.output.summary ?? "";
    expect(summary).toContain("approved before the pull request's base changed");

    // New approvals, after the new announcement, and two more weeks, pass.
    for (const user of MAINTAINERS.slice(0, 5)) local.github.review({ repo: REPO, number, user, state: "APPROVE" });
    await local.settle();
    expect(checkState({ local, number })).toMatch(/^in_progress\/-: 5 of 5 approvals · discussion ends /);
    await local.advance(15 * DAY);
    expect(checkState({ local, number })).toBe("completed/success: Approved: charter");
  });

  it("new commits on the base that leave the governed diff as it was change nothing", async () => {
    local = await startStory();
    const number = await approvedAgainstStaging(local);
    local.github.pushToBranch({ repo: REPO, branch: "staging", author: "alice", commits: [{ "README.md": "# community\n\nMore.\n" }] });
    local.github.review({ repo: REPO, number, user: "frank", state: "COMMENT" });
    await local.settle();
    await local.sweep();
    expect(checkState({ local, number })).toBe("completed/success: Approved: charter");
    expect(local.github.appComments({ repo: REPO, number })).toHaveLength(1);
  });

  it("a base rewritten under the same name, with the head as it was: stale and restarted", async () => {
    local = await startStory();
    const number = await approvedAgainstStaging(local);
    // Someone force-pushes staging back to main's charter: the PR now turns the charter into the (reworded) rewrite.
    // GitHub sends the PR no event; the forced push is what Gavel hears.
    local.github.forcePushBranch({ repo: REPO, branch: "staging", author: "mallory", onto: "main" });
    await local.settle();
    expect(checkState({ local, number })).toMatch(/^in_progress\/-: 0 of 5 approvals · discussion ends /);
  });
});
