import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { appBodies, pathsOf, ROUTE } from "../requests.js";
import { approve, CHARTER, checkState, REPO, withFreshStory } from "../story.js";

/**
 * GitHub changing while Gavel reads it: a push, a dismissal or a new review
 * lands between two reads, or webhooks for one PR overlap. None may yield a
 * `success` the PR's state at that moment doesn't earn, nor a duplicate.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const thread = (number: number) => ({ repo: REPO, number });
const runsOn = (sha: string) => local.sandbox.store.requireRepo(REPO).checkRuns.filter((r) => r.headSha === sha);
/** Runs `act` just before GitHub answers Gavel's first read of the PR's files, with `synchronize` webhooks lost: only that evaluation can notice. */
function whileListingFiles(act: () => void): void {
  local.github.dropDeliveries({ event: "pull_request.synchronize", unlogged: true });
  local.github.injectFault({ route: ROUTE.files, times: 1, meanwhile: act });
}

/**
 * GitHub's file list of a PR names no commit, but each entry's contents_url
 * reads `?ref=` the head it was computed at. Gavel evaluates a list only
 * against the head it names.
 */
describe("the file list belongs to one head", () => {
  it("a push between the webhook and the file list: the list names the new head, so the new head is evaluated", async () => {
    let pushed = "";
    whileListingFiles(() => {
      pushed = local.github.push({ repo: REPO, number: 1, author: "zoe", files: { "src/more.ts": "export {};\n" } });
    });
    local.github.resetRequestCounts();
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Code", files: { "src/index.ts": "export {};\n" } });
    const opened = local.github.headSha(thread(pr));
    await local.settle();
    expect(runsOn(opened)).toEqual([]);
    expect(local.github.latestCheck(thread(pr))).toMatchObject({ headSha: pushed, conclusion: "success" });
    // The moved PR is read again, then its list at the new head.
    expect(
      local.github
        .requestLog()
        .filter((r) => r.route === ROUTE.pull || r.route === ROUTE.files)
        .map((r) => r.route),
    ).toEqual([ROUTE.files, ROUTE.pull, ROUTE.files]);
  });

  it("a list that can't name its head (only removed files): a success is confirmed by reading the PR again", async () => {
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "docs/old.md": "old\n" } });
    await local.settle();
    local.github.resetRequestCounts();
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Remove old docs", files: { "docs/old.md": null } });
    await local.settle();
    expect(local.github.requestCounts()[ROUTE.pull]).toBe(1);
    expect(checkState({ local, number: pr })).toBe("completed/success: No governed files changed");
  });

  it("... and when that read finds another head, it evaluates again rather than publish", async () => {
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "docs/old.md": "old\n" } });
    await local.settle();
    let pushed = "";
    whileListingFiles(() => {
      pushed = local.github.push({ repo: REPO, number: 1, author: "zoe", files: { "GOVERNANCE.md": `${CHARTER}\nAnd more.\n` } });
    });
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Remove old docs", files: { "docs/old.md": null } });
    await local.settle();
    expect(local.sandbox.store.requireRepo(REPO).checkRuns.filter((r) => r.conclusion === "success")).toEqual([]);
    expect(local.github.latestCheck(thread(pr))).toMatchObject({ headSha: pushed, status: "in_progress" });
  });

  it("a push that leaves only a README between the webhook and the file list never yields a success on the old head", async () => {
    const base = local.sandbox.store.requireRepo(REPO).branches.get("main") ?? "";
    let pushed = "";
    whileListingFiles(() => {
      pushed = local.github.forcePush({ repo: REPO, number: 1, author: "zoe", onto: base, files: { "README.md": "# community!\n" } });
    });
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    const opened = local.github.headSha(thread(pr));
    await local.settle();
    expect(runsOn(opened).filter((r) => r.conclusion === "success")).toEqual([]);
    expect(local.github.latestCheck(thread(pr))).toMatchObject({ headSha: pushed, conclusion: "success" });
  });
});

describe("reviews that change while Gavel reads them", () => {
  it("a review dismissed just before the success is published: no success", async () => {
    local.github.pushToDefaultBranch({
      repo: REPO,
      author: "alice",
      files: { ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n" },
    });
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave"] });
    // Erin's approval makes five; before Gavel publishes, its second read of the reviews sees hers dismissed.
    const erin = local.github.review({ repo: REPO, number: pr, user: "erin", state: "APPROVE" });
    local.github.dropDeliveries({ event: "pull_request_review.dismissed", unlogged: true });
    local.github.injectFault({
      route: ROUTE.reviews,
      after: 1,
      times: 1,
      meanwhile: () => local.github.dismissReview({ repo: REPO, number: pr, reviewId: erin, by: "frank" }),
    });
    await local.settle();
    expect(local.sandbox.store.requireRepo(REPO).checkRuns.filter((r) => r.conclusion === "success")).toEqual([]);
    expect(checkState({ local, number: pr })).toBe("in_progress/-: 4 of 5 approvals");
  });

  /**
   * Before publishing a success, Gavel re-reads the reviews conditionally. A
   * review that lands meanwhile may sit on a later page than the first: the
   * re-read must see it wherever it lands.
   */
  it.each([
    { name: "99 reviews, then a 100th on page 1", before: 99 },
    { name: "exactly 100 reviews, then a 101st on page 2", before: 100 },
    { name: "250 reviews, then a 251st on page 3", before: 250 },
  ])("$name: seen, no success", async ({ before }) => {
    local.github.pushToDefaultBranch({
      repo: REPO,
      author: "alice",
      files: { ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2\n    discussion: 0d\n" },
    });
    const pr = local.github.openPullRequest({ repo: REPO, author: "alice", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    // Comments from someone outside the electorate, whose webhooks Gavel need not handle.
    local.github.dropDeliveries({ event: "pull_request_review", times: before - 1, unlogged: true });
    for (let i = 1; i < before; i++) local.github.review({ repo: REPO, number: pr, user: "zoe", state: "COMMENT", body: `note ${i}` });
    await local.settle();
    // Bob's approval makes two with alice, the author: a success, unless bob's change of mind is seen in time.
    const pages = Math.ceil(before / 100);
    const changeOfMind = () => {
      local.github.dropDeliveries({ event: "pull_request_review", times: 1, unlogged: true });
      local.github.review({ repo: REPO, number: pr, user: "bob", state: "REQUEST_CHANGES" });
    };
    local.github.injectFault({ route: ROUTE.reviews, after: pages, times: 1, meanwhile: changeOfMind });
    local.github.resetRequestCounts();
    local.github.review({ repo: REPO, number: pr, user: "bob", state: "APPROVE" });
    await local.settle();
    expect(local.github.requestCounts()[ROUTE.reviews]).toBeGreaterThan(pages);
    expect(local.sandbox.store.requireRepo(REPO).checkRuns.filter((r) => r.conclusion === "success")).toEqual([]);
    expect(local.github.latestCheck(thread(pr))?.output.summary).toContain("| @bob | ❌ no |");
  });
});

describe("webhooks for one PR that overlap", () => {
  it("a newer `labeled` coalesced away still outranks an older webhook that arrives after it: no success without the label's rule", async () => {
    local.github.setDeliveryConcurrency(4);
    const pr = 1;
    // While `opened` is evaluated, a comment-review is given and a maintainer labels the PR; the review's webhook comes last.
    local.github.injectFault({
      route: ROUTE.files,
      times: 1,
      meanwhile: () => {
        local.github.dropDeliveries({ event: "pull_request_review", times: 1 });
        local.github.review({ repo: REPO, number: pr, user: "bob", state: "COMMENT", body: "hm" });
        local.github.label({ repo: REPO, number: pr, user: "alice", label: "governance" });
        const review = local.github
          .deliveries()
          .filter((d) => d.dropped)
          .at(-1);
        local.github.redeliver(review?.id ?? "");
      },
    });
    local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Typo", files: { "README.md": "# community!\n" } });
    await local.settle();
    expect(local.github.latestCheck(thread(pr))).toMatchObject({ status: "in_progress" });
    expect(local.github.latestCheck(thread(pr))?.output.summary).toContain("label `governance`");
  });

  it("two events for one PR at once: one announcement, one check", async () => {
    local.github.setDeliveryConcurrency(2);
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    local.github.label({ repo: REPO, number: pr, user: "alice", label: "documentation" });
    await local.settle();
    expect(appBodies({ local, repo: REPO, number: pr, marker: "gavel:announcement" })).toHaveLength(1);
    expect(local.github.checkRuns(thread(pr))).toHaveLength(1);
    expect(pathsOf({ local, route: ROUTE.deleteComment })).toEqual([]);
  });
});
