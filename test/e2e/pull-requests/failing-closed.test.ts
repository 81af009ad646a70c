import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { ROUTE } from "../requests.js";
import { CHARTER, checkState, REPO, withFreshStory } from "../story.js";

/**
 * Fail closed (DESIGN.md): an error reading GitHub, or state that someone
 * edited, never yields `success`; only the app's own, unedited comments are
 * state.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const thread = (number: number) => ({ repo: REPO, number });
async function openCharterChange(): Promise<number> {
  const number = local.github.openPullRequest({
    repo: REPO,
    author: "zoe",
    title: "Releases need two maintainers",
    files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` },
  });
  await local.settle();
  return number;
}

describe("failing closed", () => {
  it("a GitHub error fails the check with the reason, announces nothing, and the delivery answers with the error", async () => {
    local.github.injectFault({ route: ROUTE.reviews, status: 502 });
    const pr = await openCharterChange();
    const check = local.github.latestCheck(thread(pr));
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Evaluation error, will retry" } });
    expect(check?.output.summary).toContain("listing reviews of acme/community#1");
    expect(local.github.comments(thread(pr))).toEqual([]);
    // GitHub's delivery log shows it failed, so the sweep can have it sent again.
    expect(local.github.deliveries().find((d) => d.event === "pull_request")?.status).toBeGreaterThanOrEqual(500);
  });

  it("an edited announcement fails the check closed, and is not announced again", async () => {
    const pr = await openCharterChange();
    const [announcement] = local.github.appComments(thread(pr));
    // Anyone with write access can edit any comment; GitHub tells the app.
    local.github.editComment({ repo: REPO, commentId: announcement?.id ?? 0, user: "mallory", body: (announcement?.body ?? "").replace("| 14d |", "| 1d |") });
    local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "README.md": "# community!\n" } });
    await local.settle();
    expect(local.github.comments(thread(pr))).toHaveLength(1);
    expect(local.github.latestCheck(thread(pr))).toMatchObject({ conclusion: "failure", output: { title: expect.stringContaining("was edited") } });
  });

  it("someone else's comment carrying a copy of the marker is not state", async () => {
    const pr = await openCharterChange();
    const [announcement] = local.github.appComments(thread(pr));
    await local.advance(60_000);
    local.github.comment({ repo: REPO, number: pr, user: "mallory", body: announcement?.body ?? "" });
    local.github.resetRequestCounts();
    local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "README.md": "# community!\n" } });
    await local.settle();
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 0 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
    // Taken for a second announcement, the copy would be deleted as the later of two.
    expect(local.github.requestCounts()[ROUTE.deleteComment]).toBeUndefined();
    expect(local.github.comments(thread(pr)).map((c) => c.user.login)).toEqual(["gavel[bot]", "mallory"]);
  });
});
