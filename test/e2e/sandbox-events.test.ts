import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { installationClient } from "./sandbox-client.js";
import { REPO, startStory } from "./story.js";

const owner = "acme";
const repo = "community";
type Json = Record<string, unknown>;

/**
 * What the driver's less common actions send and how the sandbox then shows
 * GitHub's objects: forks, force-pushes and lost commits, drafts, edits and
 * closing, check suites, pushes to other branches, renames and bots. Every
 * payload and answer is checked against GitHub's descriptions
 * (`sandbox.problems` stays empty).
 */
describe("e2e: the sandbox's history, forks and other events", () => {
  let local: LocalGavel;
  let client: Awaited<ReturnType<typeof installationClient>>;
  beforeAll(async () => {
    local = await startStory();
    client = await installationClient({ local, account: owner });
  });
  afterAll(async () => {
    await local.stop();
  });
  /** The payload of the newest delivery of `event` (`pull_request.closed`). */
  const lastPayload = (event: string): Json => {
    const delivery = local.github
      .deliveries()
      .filter((d) => [d.event, d.action].filter(Boolean).join(".") === event)
      .at(-1);
    if (!delivery) throw new Error(`no ${event} delivery`);
    return JSON.parse(delivery.body) as Json;
  };
  const at = (value: unknown, path: string): unknown =>
    path.split(".").reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? Reflect.get(node, key) : undefined), value);

  it("a PR from a fork names the fork as its head, and no check run lists it or its commit's PRs", async () => {
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "From a fork", files: { "docs/fork.md": "x\n" }, fork: true });
    await local.settle();
    const { data: pull } = await client.octokit.rest.pulls.get({ owner, repo, pull_number: number });
    expect([pull.head.label, pull.head.repo?.full_name, pull.head.repo?.fork, pull.base.repo.full_name]).toEqual([
      `zoe:zoe/change-${number}`,
      "zoe/community",
      true,
      REPO,
    ]);
    const run = local.github.latestCheck({ repo: REPO, number });
    expect(run?.headSha).toBe(pull.head.sha);
    const { data: listed } = await client.octokit.rest.checks.listForRef({ owner, repo, ref: pull.head.sha });
    expect(listed.check_runs.map((r) => [r.id, r.pull_requests])).toEqual([[run?.id, []]]);
    const { data: associated } = await client.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: pull.head.sha });
    expect(associated).toEqual([]);
  });

  it("a force-push moves the branch off its history and sends synchronize; a lost commit leaves its reviews with commit_id null", async () => {
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Rewritten", files: { "docs/a.md": "a\n" } });
    const first = local.github.headSha({ repo: REPO, number });
    const second = local.github.push({ repo: REPO, number, author: "zoe", files: { "docs/b.md": "b\n" } });
    const reviewed = local.github.review({ repo: REPO, number, user: "bob", state: "APPROVE" });
    const rewritten = local.github.forcePush({ repo: REPO, number, author: "zoe", onto: first, files: { "docs/c.md": "c\n" } });
    await local.settle();
    expect([at(lastPayload("pull_request.synchronize"), "before"), at(lastPayload("pull_request.synchronize"), "after")]).toEqual([second, rewritten]);
    const { data: compared } = await client.octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${second}...${rewritten}` });
    expect(compared.status).toBe("diverged");
    expect(() => local.github.forgetCommit({ repo: REPO, sha: first })).toThrow("still on");

    local.github.forgetCommit({ repo: REPO, sha: second });
    const { data: reviews } = await client.octokit.rest.pulls.listReviews({ owner, repo, pull_number: number });
    expect(reviews.find((r) => r.id === reviewed)?.commit_id).toBeNull();
    await expect(client.octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${second}...${rewritten}` })).rejects.toMatchObject({
      status: 404,
    });
    // Reset to an earlier commit, with no new one.
    expect(local.github.forcePush({ repo: REPO, number, author: "zoe", onto: first })).toBe(first);
  });

  it("converting to draft, editing the title or base, and closing send their pull_request actions", async () => {
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Before", files: { "docs/d.md": "d\n" } });
    local.github.convertToDraft({ repo: REPO, number, user: "zoe" });
    expect(at(lastPayload("pull_request.converted_to_draft"), "pull_request.draft")).toBe(true);
    local.github.editPullRequest({ repo: REPO, number, user: "zoe", title: "After" });
    expect(at(lastPayload("pull_request.edited"), "changes")).toEqual({ title: { from: "Before" } });
    const develop = local.github.pushToBranch({ repo: REPO, branch: "develop", author: "alice", commits: [{ "docs/dev.md": "dev\n" }] });
    const main = local.sandbox.store.requireRepo(REPO).branches.get("main");
    local.github.editPullRequest({ repo: REPO, number, user: "zoe", base: "develop" });
    expect(at(lastPayload("pull_request.edited"), "changes")).toEqual({ base: { ref: { from: "main" }, sha: { from: main } } });
    expect(at(lastPayload("pull_request.edited"), "pull_request.base.sha")).toBe(develop);
    local.github.close({ repo: REPO, number, user: "zoe" });
    expect(at(lastPayload("pull_request.closed"), "pull_request.state")).toBe("closed");
    await local.settle();
    const { data: pull } = await client.octokit.rest.pulls.get({ owner, repo, pull_number: number });
    expect([pull.state, pull.draft, pull.title, pull.base.ref]).toEqual(["closed", true, "After", "develop"]);
    // Issues close too; the app doesn't subscribe to `issues`, so nothing is delivered.
    const issue = local.github.openIssue({ repo: REPO, author: "zoe", title: "Closing" });
    const delivered = local.github.deliveries().length;
    local.github.close({ repo: REPO, number: issue, user: "zoe" });
    expect(local.github.deliveries()).toHaveLength(delivered);
    expect((await client.octokit.rest.issues.get({ owner, repo, issue_number: issue })).data.state).toBe("closed");
  });

  it("a push of several commits to another branch sends one push listing them; a re-run of a suite sends check_suite.rerequested", async () => {
    const head = local.github.pushToBranch({
      repo: REPO,
      branch: "feature",
      author: "alice",
      commits: [{ "f1.md": "1\n" }, { "f2.md": "2\n" }, { "f3.md": "3\n" }],
    });
    const push = lastPayload("push");
    expect([at(push, "ref"), at(push, "after"), at(push, "created"), at(push, "before")]).toEqual(["refs/heads/feature", head, true, "0".repeat(40)]);
    expect((at(push, "commits") as Json[]).map((c) => c.added)).toEqual([["f1.md"], ["f2.md"], ["f3.md"]]);

    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Suite", files: { "docs/s.md": "s\n" } });
    await local.settle();
    const run = local.github.latestCheck({ repo: REPO, number });
    local.github.rerequestCheckSuite({ repo: REPO, checkRunId: run?.id ?? 0, user: "zoe" });
    const suite = lastPayload("check_suite.rerequested");
    expect([at(suite, "check_suite.head_sha"), (at(suite, "check_suite.pull_requests") as Json[]).map((p) => p.number)]).toEqual([run?.headSha, [number]]);
    await local.settle();
  });

  it("a renamed repository keeps its issues under the new name; a login ending in [bot] is a Bot", async () => {
    local.github.createRepo({ repo: "acme/old-name", maintainers: ["alice"] });
    const issue = local.github.openIssue({ repo: "acme/old-name", author: "renovate[bot]", title: "Update deps" });
    expect(local.github.renameRepo({ repo: "acme/old-name", name: "new-name", user: "alice" })).toBe("acme/new-name");
    const { data } = await client.octokit.rest.issues.get({ owner, repo: "new-name", issue_number: issue });
    expect([data.title, data.user?.login, data.user?.type]).toEqual(["Update deps", "renovate[bot]", "Bot"]);
    await expect(client.octokit.rest.issues.get({ owner, repo: "old-name", issue_number: issue })).rejects.toMatchObject({ status: 404 });
  });

  it("logs each request with its decoded path, and a fault can be narrowed to a path", async () => {
    local.github.resetRequestCounts();
    const heal = local.github.injectFault({ route: "GET /search/issues", status: 502, pathIncludes: "org:acme" });
    await expect(client.octokit.rest.search.issuesAndPullRequests({ q: "is:open org:acme" })).rejects.toMatchObject({ status: 502 });
    await expect(client.octokit.rest.search.issuesAndPullRequests({ q: "is:open repo:acme/community" })).resolves.toMatchObject({ status: 200 });
    heal();
    expect(local.github.requestLog().map((r) => [r.path, r.status])).toEqual([
      ["/search/issues?q=is:open org:acme", 502],
      ["/search/issues?q=is:open repo:acme/community", 200],
    ]);
    expect(local.sandbox.problems).toEqual([]);
  });
});
