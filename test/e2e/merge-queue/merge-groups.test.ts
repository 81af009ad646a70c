import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { costs, ROUTE } from "../requests.js";
import { approve, CHARTER, checkState, DAY, REPO, withFreshStory } from "../story.js";

/**
 * A branch that requires `governance` and merges through a merge queue: each
 * PR added to the queue gets a merge group, a commit that merges it onto the
 * previous group, and GitHub asks for the required checks on it with
 * `merge_group.checks_requested`. Without a check there, nothing merges.
 * https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const groupCheck = (sha: string) => {
  const run = local.github.latestCheckOn({ repo: REPO, sha });
  return run ? `${run.status}/${run.conclusion ?? "-"}: ${run.output.title ?? ""}` : "no check";
};

/** A charter PR by zoe approved by five of seven, past its two weeks: its own check passes. */
async function passingCharterPr(text: string): Promise<number> {
  const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": text } });
  await local.settle();
  await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", "erin"] });
  return pr;
}

describe("merge groups", () => {
  it("a group that changes no governed file passes, for a few calls", async () => {
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Docs", files: { "README.md": "# community\n\nMore.\n" } });
    await local.settle();
    local.github.resetRequestCounts();
    const group = local.github.enqueue({ repo: REPO, number: pr, user: "alice" });
    await local.settle();
    expect(groupCheck(group)).toBe("completed/success: No governed files changed");
    // What the group changes, then its check: the config was read for the PR already.
    expect(costs(local)).toEqual({ [ROUTE.compare]: 1, [ROUTE.checks]: 1, [ROUTE.createCheck]: 1 });
  });

  it("a governed PR that passed at its head passes in its group; one still waiting blocks its group", async () => {
    const passing = await passingCharterPr(`${CHARTER}\nMore.\n`);
    await local.advance(15 * DAY);
    expect(checkState({ local, number: passing })).toBe("completed/success: Approved: charter");
    const group = local.github.enqueue({ repo: REPO, number: passing, user: "alice" });
    await local.settle();
    expect(groupCheck(group)).toBe(`completed/success: Approved: #${passing} passed governance`);

    const waiting = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Security", files: { "SECURITY.md": "# Security\n" } });
    await local.settle();
    const blocked = local.github.enqueue({ repo: REPO, number: waiting, user: "alice" });
    await local.settle();
    expect(groupCheck(blocked)).toBe(`completed/failure: Blocked: #${waiting} has not passed governance`);
  });

  it("a governed file merged with another PR's change in the queue is not what either PR's maintainers approved", async () => {
    const first = await passingCharterPr(`Preamble.\n\n${CHARTER}`);
    const second = await passingCharterPr(`${CHARTER}\nReleases need two maintainers.\n`);
    await local.advance(15 * DAY);
    const firstGroup = local.github.enqueue({ repo: REPO, number: first, user: "alice" });
    const secondGroup = local.github.enqueue({ repo: REPO, number: second, user: "alice" });
    await local.settle();
    expect(groupCheck(firstGroup)).toBe(`completed/success: Approved: #${first} passed governance`);
    // The second group merges both charter changes: a text nobody approved as a whole.
    expect(groupCheck(secondGroup)).toBe(`completed/failure: Blocked: governed files differ from #${second}'s`);
  });
});
