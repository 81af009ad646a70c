import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { appBodies, appOctokit, maskSignature, ROUTE, writeRoutes } from "../requests.js";
import { approve, CHARTER, checkState, DAY, REPO, withFreshStory } from "../story.js";

/**
 * The announcement starts a governed PR's discussion period (DESIGN.md): it
 * is posted once per governed change, after the waiting label and before the
 * check, never twice for one change, and only once the PR is ready.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const ANNOUNCEMENT = "gavel:announcement";
const announcements = (number: number) => appBodies({ local, repo: REPO, number, marker: ANNOUNCEMENT });
/** A PR by zoe, who is no maintainer, changing GOVERNANCE.md. */
async function openCharterChange(params: { draft?: boolean } = {}): Promise<number> {
  const number = local.github.openPullRequest({
    repo: REPO,
    author: "zoe",
    title: "Releases need two maintainers",
    files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` },
    ...params,
  });
  await local.settle();
  return number;
}

describe("the announcement", () => {
  it("opened: the waiting label first, then the announcement, then the waiting check, which starts with it", async () => {
    local.github.resetRequestCounts();
    const pr = await openCharterChange();
    // The label first: if Gavel dies after announcing, the sweep still finds the PR.
    expect(writeRoutes(local)).toEqual([ROUTE.addLabels, ROUTE.postComment, ROUTE.createCheck]);
    expect(local.github.labels({ repo: REPO, number: pr })).toEqual(["governance: waiting"]);
    const [announcement, ...others] = local.github.appComments({ repo: REPO, number: pr });
    expect(others).toEqual([]);
    expect(maskSignature(announcement?.body ?? "")).toMatchSnapshot("announcement");
    const check = local.github.latestCheck({ repo: REPO, number: pr });
    expect(check).toMatchObject({
      status: "in_progress",
      startedAt: "2026-03-02T09:01:00.000Z",
      output: { title: "0 of 5 approvals · discussion ends 2026-03-16 09:01 UTC" },
    });
    expect(announcement?.createdAt).toBe("2026-03-02T09:01:00Z");
    expect(check?.output.summary).toContain("⌈2/3 × 7⌉ = 5 of 7");
  });

  it("a redelivered opened posts no second announcement and no second check", async () => {
    const pr = await openCharterChange();
    const opened = local.github.deliveries().find((d) => d.event === "pull_request" && d.action === "opened");
    local.github.resetRequestCounts();
    local.github.redeliver(opened?.id ?? "");
    await local.settle();
    // The redelivered payload's labels predate Gavel's own, so the label is asked for again (GitHub keeps one).
    expect(writeRoutes(local)).toEqual([ROUTE.addLabels]);
    expect(announcements(pr)).toHaveLength(1);
    expect(local.github.checkRuns({ repo: REPO, number: pr })).toHaveLength(1);
    expect(local.github.labels({ repo: REPO, number: pr })).toEqual(["governance: waiting"]);
  });

  it("a redelivered opened in a fresh process, a minute on, reads the comments: one announcement", async () => {
    const pr = await openCharterChange();
    const opened = local.github.deliveries().find((d) => d.event === "pull_request" && d.action === "opened");
    // An `opened` under a minute old is taken as the first delivery, whose PR has no comment of Gavel's yet.
    await local.advance(60_000);
    await local.restart();
    local.github.redeliver(opened?.id ?? "");
    await local.settle();
    expect(announcements(pr)).toHaveLength(1);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 0 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
  });

  it("a README-only PR that later gains a GOVERNANCE.md change is announced then, and its clock starts then", async () => {
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Typo", files: { "README.md": "# community!\n" } });
    await local.settle();
    expect(local.github.comments({ repo: REPO, number: pr })).toEqual([]);
    await local.advance(5 * DAY);
    local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "GOVERNANCE.md": `${CHARTER}\nA quiet change.\n` } });
    await local.settle();
    expect(announcements(pr)).toHaveLength(1);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 0 of 5 approvals · discussion ends 2026-03-21 09:02 UTC");
  });

  it("a draft is not announced until it is ready for review", async () => {
    const pr = await openCharterChange({ draft: true });
    expect(local.github.comments({ repo: REPO, number: pr })).toEqual([]);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 0 of 5 approvals · discussion starts when ready for review");
    await local.advance(2 * DAY);
    local.github.markReady({ repo: REPO, number: pr, user: "zoe" });
    await local.settle();
    expect(announcements(pr)).toHaveLength(1);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 0 of 5 approvals · discussion ends 2026-03-18 09:02 UTC");
  });

  it("a review webhook that leaves out whether the PR is a draft (GitHub Enterprise Server 3.5) doesn't announce a draft", async () => {
    const pr = await openCharterChange({ draft: true });
    local.github.sendWebhooksAs("ghes-3.5");
    await approve({ local, number: pr, users: ["alice"] });
    expect(local.github.comments({ repo: REPO, number: pr })).toEqual([]);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 1 of 5 approvals · discussion starts when ready for review");
  });
});

describe("one announcement, whatever happens around it", () => {
  it("two racing announcements (another replica's a second later): the earliest stays, the later is deleted", async () => {
    const pr = await openCharterChange();
    const [first] = local.github.appComments({ repo: REPO, number: pr });
    const octokit = await appOctokit({ local, account: "acme" });
    // The other replica's copy reaches this one as a webhook (GitHub tells an app of its own comments too).
    const { data: copy } = await octokit.rest.issues.createComment({ owner: "acme", repo: "community", issue_number: pr, body: first?.body ?? "" });
    await local.settle();
    local.github.resetRequestCounts();
    local.github.push({ repo: REPO, number: pr, author: "zoe", files: { "README.md": "# community!\n" } });
    await local.settle();
    expect(
      local.github
        .requestLog()
        .filter((r) => r.route === ROUTE.deleteComment)
        .map((r) => r.path),
    ).toEqual([`/repos/acme/community/issues/comments/${copy.id}`]);
    expect(local.github.appComments({ repo: REPO, number: pr }).map((c) => c.id)).toEqual([first?.id]);
  });

  it("a re-run from the UI reads past Gavel's caches: a copy another replica left, whose webhook was lost, is deleted then", async () => {
    const pr = await openCharterChange();
    const [first] = local.github.appComments({ repo: REPO, number: pr });
    const octokit = await appOctokit({ local, account: "acme" });
    local.github.dropDeliveries({ event: "issue_comment.created", times: 1, unlogged: true });
    const { data: copy } = await octokit.rest.issues.createComment({ owner: "acme", repo: "community", issue_number: pr, body: first?.body ?? "" });
    await local.settle();
    expect(local.github.appComments({ repo: REPO, number: pr })).toHaveLength(2);
    local.github.rerequestCheck({ repo: REPO, checkRunId: local.github.latestCheck({ repo: REPO, number: pr })?.id ?? 0, user: "alice" });
    await local.settle();
    expect(local.github.appComments({ repo: REPO, number: pr }).map((c) => c.id)).toEqual([first?.id]);
    expect(copy.id).not.toBe(first?.id);
  });

  it("a repository rename keeps the signed announcement valid: no second announcement, the same clock", async () => {
    const pr = await openCharterChange();
    const repo = local.github.renameRepo({ repo: REPO, name: "society", user: "alice" });
    local.github.push({ repo, number: pr, author: "zoe", files: { "README.md": "# society\n" } });
    await local.settle();
    expect(appBodies({ local, repo, number: pr, marker: ANNOUNCEMENT })).toHaveLength(1);
    expect(local.github.latestCheck({ repo, number: pr })?.output.title).toBe("0 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
  });
});
