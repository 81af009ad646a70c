import { afterEach, describe, expect, it } from "@jest/globals";
import { GitHubStores } from "../../src/github/stores.js";
import { createHash } from "node:crypto";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { loadPullRequestActivity, reviewsUnchanged } from "../../src/github/load-pull-request-activity.js";
import { pullRequestEvent, reviewEvent } from "../helpers/payloads.js";
import { baseState, resetNock, scenario } from "../helpers/scenario.js";

afterEach(resetNock);

/** Regressions from the review of the cache: each of these once gave a wrong success or a duplicate. */
function at<T extends { payload: { pull_request: object } }>(params: { event: T; updatedAt: string; labels: string[]; id: string; createdAt?: string }): T {
  const { event } = params;
  const pull = { ...event.payload.pull_request, updated_at: params.updatedAt, created_at: params.createdAt ?? "2026-11-22T09:00:00Z", comments: 0, labels: params.labels.map((name, i) => ({ id: i + 1, name })) };
  return { ...event, id: params.id, payload: { ...event.payload, pull_request: pull } };
}

describe("webhook snapshots and coalescing", () => {
  it("a newer `labeled` coalesced away still outranks an older webhook that arrives after it: no success without the label's rule", async () => {
    const state = baseState();
    state.pr.changedFiles = [{ filename: "README.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    const pending: Array<Promise<void>> = [];
    let fired = false;
    github.afterRequest = (line) => {
      if (fired || !line.includes("/files")) return;
      fired = true;
      // While `opened` is evaluated, a maintainer labels the PR; then a review from before the label arrives.
      state.pr.labels = ["governance"];
      pending.push(receive(at({ event: pullRequestEvent({ state, action: "labeled" }), updatedAt: "2026-11-22T09:59:30Z", labels: ["governance"], id: "d-labeled" })));
      const review = reviewEvent({ state: { ...state, pr: { ...state.pr, labels: [] } }, action: "submitted", reviewer: "bob", reviewState: "COMMENTED" });
      pending.push(receive(at({ event: review, updatedAt: "2026-11-22T09:59:00Z", labels: [], id: "d-review" })));
    };
    await receive(at({ event: pullRequestEvent({ state, action: "opened" }), updatedAt: "2026-11-22T09:59:00Z", labels: [], id: "d-opened" }));
    await Promise.all(pending);
    expect(github.latestCheck()).toMatchObject({ status: "in_progress" });
    expect(github.latestCheck()?.output.summary).toContain("label `governance`");
  });

  it("a redelivered `opened` in a fresh process reads the comments: one announcement", async () => {
    const state = baseState();
    const first = await scenario({ state });
    const opened = at({ event: pullRequestEvent({ state, action: "opened" }), updatedAt: "2026-11-22T09:59:00Z", createdAt: "2026-11-22T09:59:00Z", labels: [], id: "d-opened" });
    await first.receive(opened);
    const second = await scenario({ state, github: first.github, clock: first.clock });
    await second.receive(opened);
    expect(first.github.appComments("gavel:announcement")).toHaveLength(1);
  });
});

describe("the conditional re-read of the reviews", () => {
  const review = (id: number, state: string) => ({ id, user: { login: `u${id}`, type: "User" }, state, commit_id: "a".repeat(40), submitted_at: "2026-11-22T09:00:00Z", html_url: "x" });
  function serve(reviews: Array<ReturnType<typeof review>>): void {
    nock("https://api.github.com").persist().get("/repos/o/r/pulls/1/reviews").query(true).reply(function reply(uri) {
      const page = Number(new URL(uri, "https://api.github.com").searchParams.get("page") ?? 1);
      const body = JSON.stringify(reviews.slice((page - 1) * 100, page * 100));
      const headers: Record<string, string> = { etag: `W/"${createHash("sha1").update(body).digest("hex")}"`, "content-type": "application/json" };
      if (reviews.length > page * 100) headers.link = `<https://api.github.com/repos/o/r/pulls/1/reviews?per_page=100&page=${page + 1}>; rel="next"`;
      if (this.req.headers["if-none-match"] === headers.etag) return [304, "", headers];
      return [200, body, headers];
    });
  }
  const octokit = () => new (ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, auth: "t", retry: { enabled: false }, throttle: { enabled: false } })))();
  const repo = { owner: "o", repo: "r" };

  it.each([
    { name: "99 reviews, then an objection: seen", before: 99 },
    { name: "exactly 100 reviews, then a 101st on page 2: seen", before: 100 },
    { name: "250 reviews, then one more: seen", before: 250 },
  ])("$name", async ({ before }) => {
    const reviews = Array.from({ length: before }, (_, i) => review(i + 1, "COMMENTED"));
    serve(reviews);
    const github = octokit();
    const loaded = await loadPullRequestActivity({ github, repo, number: 1, appId: 1, store: new GitHubStores().appComments, noComments: true });
    reviews.push(review(before + 1, "CHANGES_REQUESTED"));
    expect(await reviewsUnchanged({ github, repo, number: 1, reviews: loaded.reviews, etag: loaded.reviewsEtag })).toBe(false);
  });

  it("nothing changed: true, from a 304", async () => {
    serve(Array.from({ length: 3 }, (_, i) => review(i + 1, "APPROVED")));
    const github = octokit();
    const loaded = await loadPullRequestActivity({ github, repo, number: 1, appId: 1, store: new GitHubStores().appComments, noComments: true });
    expect(loaded.reviewsEtag).not.toBeNull();
    expect(await reviewsUnchanged({ github, repo, number: 1, reviews: loaded.reviews, etag: loaded.reviewsEtag })).toBe(true);
  });
});
