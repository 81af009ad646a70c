import { describe, expect, it } from "@jest/globals";
import { maintainersFile } from "../../../sandbox/driver.js";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { pathsOf, ROUTE } from "../requests.js";
import { approve, CHARTER, checkState, MAINTAINERS, REPO, withFreshStory } from "../story.js";

/**
 * Which reviews count (DESIGN.md, "Votes on a PR"): a maintainer's latest
 * approval is a yes and a request for changes a no; dismissed reviews and
 * bots don't count; with `reset-approvals`, an approval counts only if no
 * governed file changed after the commit it was given on.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const thread = (number: number) => ({ repo: REPO, number });
const summary = (number: number) => local.github.latestCheck(thread(number))?.output.summary ?? "";
const short = (sha: string) => sha.slice(0, 7);
/** A PR by zoe (no maintainer) changing `files`, opened and evaluated. */
async function open(files: Record<string, string>): Promise<number> {
  const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "A change", files });
  await local.settle();
  return number;
}
const charterChange = (text = "More.") => ({ "GOVERNANCE.md": `${CHARTER}\n${text}\n` });

describe("which reviews count", () => {
  it("an approval given before a push that changed GOVERNANCE.md is stale", async () => {
    const pr = await open(charterChange());
    const before = local.github.headSha(thread(pr));
    await approve({ local, number: pr, users: ["erin"] });
    const after = local.github.push({ repo: REPO, number: pr, author: "zoe", files: charterChange("Different.") });
    local.github.resetRequestCounts();
    await local.settle();
    expect(pathsOf({ local, route: ROUTE.compare })).toEqual([`/repos/acme/community/compare/${before}...${after}`]);
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave"] });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 4 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    expect(summary(pr)).toContain(`| @erin | ♻️ stale | [approved ${short(before)}; GOVERNANCE.md changed since]`);
  });

  it("a bot's approval is ignored, even when the bot is listed as a maintainer", async () => {
    // MAINTAINERS.md never yields an `@app[bot]` handle; the config can still name one.
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": 'maintainers:\n  users: ["renovate[bot]"]\n' } });
    const pr = await open(charterChange());
    await approve({ local, number: pr, users: ["alice", "renovate[bot]"] });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion ends 2026-03-16 09:02 UTC");
    expect(summary(pr)).toContain("- @renovate[bot] — users: bot");
  });

  it("a dismissed review no longer counts", async () => {
    const pr = await open(charterChange());
    await approve({ local, number: pr, users: ["alice"] });
    const bobs = local.github.review({ repo: REPO, number: pr, user: "bob", state: "APPROVE" });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 2 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    local.github.dismissReview({ repo: REPO, number: pr, reviewId: bobs, by: "carol" });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    expect(summary(pr)).toContain("| @bob | ⏳ not yet | [review dismissed]");
  });
});

describe("approvals across a force-push", () => {
  /**
   * The PR's first commit changes GOVERNANCE.md; a second commit changes
   * `old` and erin approves it; then the branch is rewritten from the first
   * commit with a commit changing `next`, and four more approve. Erin's
   * approval stands only if GOVERNANCE.md is the same on both sides.
   */
  const cases: Array<{ name: string; old: Record<string, string>; next: Record<string, string>; approvals: number }> = [
    { name: "GOVERNANCE.md changed on the old side only", old: charterChange("Old side."), next: { "README.md": "# new side\n" }, approvals: 4 },
    { name: "GOVERNANCE.md changed on the new side only", old: { "README.md": "# old side\n" }, next: charterChange("New side."), approvals: 4 },
    { name: "GOVERNANCE.md changed on neither side", old: { "README.md": "# old side\n" }, next: { "docs/x.md": "x\n" }, approvals: 5 },
  ];
  it.each(cases)("$name", async ({ old, next, approvals }) => {
    const pr = await open(charterChange());
    const first = local.github.headSha(thread(pr));
    const oldHead = local.github.push({ repo: REPO, number: pr, author: "zoe", files: old });
    await approve({ local, number: pr, users: ["erin"] });
    const newHead = local.github.forcePush({ repo: REPO, number: pr, author: "zoe", onto: first, files: next });
    local.github.resetRequestCounts();
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave"] });
    expect(pathsOf({ local, route: ROUTE.compare })).toEqual(
      expect.arrayContaining([`/repos/acme/community/compare/${oldHead}...${newHead}`, `/repos/acme/community/compare/${newHead}...${oldHead}`]),
    );
    expect(checkState({ local, number: pr })).toBe(`in_progress/-: ${approvals} of 5 approvals · discussion ends 2026-03-16 09:01 UTC`);
  });
});

describe("reviews on a commit GitHub no longer has", () => {
  /**
   * A PR changing MAINTAINERS.md (2/3, no discussion): alice to dave approve
   * its first commit; erin reviews a second one, which a force-push back to
   * the first then drops, and GitHub garbage-collects.
   */
  async function erinsReviewLost(params: { erinFirst?: "APPROVE"; erinThen: "APPROVE" | "REQUEST_CHANGES" }): Promise<number> {
    const pr = await open({ "MAINTAINERS.md": maintainersFile([...MAINTAINERS, "heidi"]) });
    const first = local.github.headSha(thread(pr));
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", ...(params.erinFirst ? ["erin"] : [])] });
    const second = local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "README.md": "# heidi joins\n" } });
    local.github.review({ repo: REPO, number: pr, user: "erin", state: params.erinThen });
    local.github.forcePush({ repo: REPO, number: pr, author: "zoe", onto: first });
    local.github.forgetCommit({ repo: REPO, sha: second });
    await local.settle();
    return pr;
  }

  it("an objection on a commit GitHub no longer has still stands", async () => {
    const pr = await erinsReviewLost({ erinFirst: "APPROVE", erinThen: "REQUEST_CHANGES" });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 4 of 5 approvals");
    expect(summary(pr)).toContain("| @erin | ❌ no | [requested changes on a commit GitHub no longer has]");
  });

  it("an approval on a commit GitHub no longer has is stale", async () => {
    const pr = await erinsReviewLost({ erinThen: "APPROVE" });
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 4 of 5 approvals");
  });
});
