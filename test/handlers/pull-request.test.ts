import { afterEach, describe, expect, it } from "@jest/globals";
import { APP_ID, type FakeReview } from "../helpers/fake-github.js";
import { checkRunRerequested, issueCommentEvent, pullRequestEvent, reviewEvent } from "../helpers/payloads.js";
import { baseState, HEAD_SHA, resetNock, scenario } from "../helpers/scenario.js";

afterEach(resetNock);

const R = "/repos/acme/widgets";
const CONFIG = `GET ${R}/contents/.github%2Fgovernance.yml`;
const ORG_CONFIG = "GET /repos/acme/.github/contents/.github%2Fgovernance.yml";
const PULL = `GET ${R}/pulls/7`;
const FILES = `GET ${R}/pulls/7/files?per_page=100`;
/** The default branch's tree: whether an ungoverned file is the target of a governed symbolic link. */
const TREE = `GET ${R}/git/trees/HEAD?recursive=1`;
const REVIEWS = `GET ${R}/pulls/7/reviews?per_page=100`;
const COMMENTS = `GET ${R}/issues/7/comments?per_page=100`;
const MAINTAINERS = `GET ${R}/contents/MAINTAINERS.md`;
const checksOn = (sha: string) => `GET ${R}/commits/${sha}/check-runs?check_name=governance&app_id=${APP_ID}&filter=latest&per_page=100`;
const CHECKS = checksOn(HEAD_SHA);
const POST_COMMENT = `POST ${R}/issues/7/comments`;
const POST_CHECK = `POST ${R}/check-runs`;
const ADD_WAITING = `POST ${R}/issues/7/labels`;
const OLD_SHA = "0000000000000000000000000000000000000abc";

let reviewId = 500;
const approve = (login: string, commit = HEAD_SHA, state: FakeReview["state"] = "APPROVED", type: "User" | "Bot" = "User"): FakeReview => ({
  id: reviewId++,
  user: { login, type },
  state,
  commit_id: commit,
  submitted_at: "2026-11-23T10:00:00Z",
});

/** Reads in order: config (then the org's) ∥ the PR then its files; then activity ∥ electorate ∥ check lookup. */
const GOVERNED_READS = [CONFIG, PULL, ORG_CONFIG, FILES, REVIEWS, COMMENTS, MAINTAINERS, CHECKS];

describe("a governed pull request", () => {
  it("opened: reads in parallel, announces once, and waits with an in-progress check", async () => {
    const { github, receive } = await scenario();
    await receive(pullRequestEvent({ state: github.state, action: "opened" }));

    // The label first: if Gavel dies after announcing, the sweep still finds the PR.
    expect(github.calls()).toEqual([...GOVERNED_READS, ADD_WAITING, POST_COMMENT, POST_CHECK]);
    const [label, announcement, check] = github.writes();
    expect(label?.body).toEqual({ labels: ["governance: waiting"] });
    expect(announcement?.body).toMatchSnapshot("announcement");
    expect(check?.body).toEqual({
      name: "governance",
      head_sha: HEAD_SHA,
      status: "in_progress",
      started_at: "2026-11-22T10:00:00.000Z",
      output: { title: "0 of 5 approvals · discussion ends 2026-12-06 10:00 UTC", summary: expect.stringContaining("⌈2/3 × 7⌉ = 5 of 7") },
    });
  });

  it("a redelivered webhook writes nothing new", async () => {
    const { github, receive } = await scenario();
    const event = pullRequestEvent({ state: github.state, action: "opened" });
    await receive(event);
    const before = github.requests.length;
    await receive(event);
    expect(github.requests.slice(before).filter((r) => r.method !== "GET")).toEqual([]);
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.checkRuns).toHaveLength(1);
  });

  it("approvals met on day 3 wait for the discussion; on day 14 the check turns green", async () => {
    const state = baseState({ reviews: ["alice", "bob", "carol", "dave", "erin"].map((l) => approve(l)) });
    const { github, receive, clock } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    clock.advanceDays(3);
    await receive(reviewEvent({ state, action: "submitted", reviewer: "erin", reviewState: "approved" }));
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "5 of 5 approvals · discussion ends 2026-12-06 10:00 UTC" } });

    clock.set("2026-12-06T10:00:00Z");
    await receive(checkRunRerequested({ state, pullRequests: [7] }));
    expect(github.latestCheck()).toMatchObject({ status: "completed", conclusion: "success", output: { title: "Approved: charter" } });
    expect(github.state.checkRuns).toHaveLength(1);
  });

  it("an approval given before a push that changed GOVERNANCE.md is stale", async () => {
    const state = baseState({
      reviews: ["alice", "bob", "carol", "dave"].map((l) => approve(l)).concat(approve("erin", OLD_SHA)),
      compares: { [`${OLD_SHA}...${HEAD_SHA}`]: { status: "ahead", files: ["GOVERNANCE.md"] } },
    });
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "synchronize" }));
    expect(github.calls()).toContain(`GET ${R}/compare/${OLD_SHA}...${HEAD_SHA}`);
    expect(github.latestCheck()?.output.title).toBe("4 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
    expect(github.latestCheck()?.output.summary).toContain("| @erin | ♻️ stale | [approved 0000000; GOVERNANCE.md changed since]");
  });

  it("a push that left the governed files alone keeps the approval", async () => {
    const state = baseState({
      reviews: ["alice", "bob", "carol", "dave"].map((l) => approve(l)).concat(approve("erin", OLD_SHA)),
      compares: { [`${OLD_SHA}...${HEAD_SHA}`]: { status: "ahead", files: ["README.md"] } },
    });
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "synchronize" }));
    expect(github.latestCheck()?.output.title).toBe("5 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
  });

  it("a bot's approval is ignored, even when the bot is listed as a maintainer", async () => {
    const state = baseState({ reviews: [approve("alice"), approve("renovate[bot]", HEAD_SHA, "APPROVED", "Bot")] });
    state.files["MAINTAINERS.md"] += "\n## Bots\n\n- @renovate[bot]\n";
    const { github, receive } = await scenario({ state });
    await receive(reviewEvent({ state, action: "submitted", reviewer: "renovate[bot]", reviewState: "approved" }));
    expect(github.latestCheck()?.output.title).toBe("1 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
  });

  it("a dismissed review no longer counts", async () => {
    const state = baseState({ reviews: [approve("alice"), approve("bob")] });
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()?.output.title).toBe("2 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
    state.reviews[1] = { ...approve("bob"), id: state.reviews[1]?.id ?? 0, state: "DISMISSED" };
    await receive(reviewEvent({ state, action: "dismissed", reviewer: "bob", reviewState: "dismissed" }));
    expect(github.latestCheck()?.output.title).toBe("1 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
    expect(github.latestCheck()?.output.summary).toContain("| @bob | ⏳ not yet | [review dismissed]");
  });

  it("a PR that lowers the threshold in .github/governance.yml is judged by the default branch's config", async () => {
    const state = baseState({ reviews: [approve("alice")] });
    state.files[".github/governance.yml"] = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md, .github/governance.yml]\n    approvals: 2/3\n    discussion: 14d\n";
    state.headFiles[".github/governance.yml"] = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md, .github/governance.yml]\n    approvals: 1\n";
    state.pr.changedFiles = [{ filename: ".github/governance.yml", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.calls().filter((c) => c.includes("/contents/"))).toEqual([CONFIG, MAINTAINERS]);
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "1 of 5 approvals · discussion ends 2026-12-06 10:00 UTC" } });
  });

  it("a PR that adds its author to MAINTAINERS.md does not grow the electorate", async () => {
    const state = baseState({ reviews: [approve("alice"), approve("bob"), approve("carol"), approve("dave")] });
    state.pr.author = { login: "mallory", type: "User" };
    state.pr.changedFiles = [{ filename: "MAINTAINERS.md", status: "modified" }];
    state.headFiles["MAINTAINERS.md"] = `${state.files["MAINTAINERS.md"]}\n- @mallory\n`;
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "4 of 5 approvals" } });
    expect(github.latestCheck()?.output.summary).not.toContain("mallory");
  });

  it("webhooks out of order: the check goes on the PR's current head, not the payload's", async () => {
    const { github, receive } = await scenario();
    await receive(pullRequestEvent({ state: github.state, action: "synchronize", headSha: OLD_SHA }));
    expect(github.state.checkRuns.map((r) => r.head_sha)).toEqual([HEAD_SHA]);
    expect(github.calls()).not.toContain(checksOn(OLD_SHA));
  });
});

describe("config", () => {
  it("an invalid config fails the check, naming the file and line", async () => {
    const state = baseState();
    state.files[".github/governance.yml"] = "maintainers:\n  file: MAINTAINERS.md\nrules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 3/2\n";
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.calls()).toEqual([CONFIG, PULL, FILES, CHECKS, POST_CHECK]);
    const check = github.latestCheck();
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Configuration error in .github/governance.yml line 6" } });
    expect(check?.output.summary).toContain("3/2");
  });

  it("an invalid config fails even a PR that touches no governed file", async () => {
    const state = baseState();
    state.files[".github/governance.yml"] = "rules: [\n";
    state.pr.changedFiles = [{ filename: "README.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()).toMatchObject({ conclusion: "failure", output: { title: expect.stringMatching(/^Configuration error in \.github\/governance\.yml line \d+$/) } });
  });

  it("_extends to another owner is refused", async () => {
    const state = baseState();
    state.files[".github/governance.yml"] = "_extends: evil/.github\n";
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()).toMatchObject({ conclusion: "failure", output: { title: "Configuration error in .github/governance.yml line 1" } });
  });

  it("the org's .github config applies when the repository has none", async () => {
    const state = baseState({ orgConfig: "rules:\n  - name: everything\n    paths: ['**']\n    approvals: unanimous\n" });
    state.pr.changedFiles = [{ filename: "README.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()?.output.title).toBe("0 of 7 approvals");
  });
});

describe("other pull requests", () => {
  it("a PR touching no governed file passes with few calls", async () => {
    const state = baseState();
    state.pr.changedFiles = [{ filename: "src/index.ts", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    // The file list names the head it was computed at, so the success needs no second read of the PR. The tree says
    // src/index.ts is no governed link's target.
    expect(github.calls()).toEqual([CONFIG, PULL, ORG_CONFIG, FILES, TREE, CHECKS, POST_CHECK]);
    expect(github.latestCheck()).toMatchObject({ status: "completed", conclusion: "success", output: { title: "No governed files changed" } });
  });

  it("a README-only PR that later gains a GOVERNANCE.md change starts its clock then", async () => {
    const state = baseState();
    state.pr.changedFiles = [{ filename: "README.md", status: "modified" }];
    const { github, receive, clock } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.state.comments).toHaveLength(0);
    clock.advanceDays(5);
    state.pr.changedFiles.push({ filename: "GOVERNANCE.md", status: "modified" });
    state.pr.headSha = "bbbbbbb000000000000000000000000000000002";
    await receive(pullRequestEvent({ state, action: "synchronize" }));
    expect(github.state.comments).toHaveLength(1);
    expect(github.latestCheck()?.output.title).toBe("0 of 5 approvals · discussion ends 2026-12-11 10:00 UTC");
  });

  it("the governance label adds the charter rule", async () => {
    const state = baseState();
    state.pr.changedFiles = [{ filename: "README.md", status: "modified" }];
    state.pr.labels = ["governance"];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "labeled" }));
    expect(github.latestCheck()?.output.summary).toContain("**Matched by:** label `governance`");
  });

  it("a draft is not announced until it is ready for review", async () => {
    const state = baseState();
    state.pr.draft = true;
    const { github, receive, clock } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.state.comments).toHaveLength(0);
    expect(github.latestCheck()?.output.title).toBe("0 of 5 approvals · discussion starts when ready for review");
    clock.advanceDays(2);
    state.pr.draft = false;
    await receive(pullRequestEvent({ state, action: "ready_for_review" }));
    expect(github.state.comments).toHaveLength(1);
    expect(github.latestCheck()?.output.title).toBe("0 of 5 approvals · discussion ends 2026-12-08 10:00 UTC");
  });

  it("a closed PR is left alone", async () => {
    const state = baseState();
    state.pr.state = "closed";
    const { github, receive } = await scenario({ state });
    await receive(reviewEvent({ state, action: "submitted", reviewer: "alice", reviewState: "approved" }));
    expect(github.writes()).toEqual([]);
  });

  it("an edit that did not change the base is ignored without a call", async () => {
    const { github, receive } = await scenario();
    await receive(pullRequestEvent({ state: github.state, action: "edited", changes: { title: { from: "old" } } }));
    expect(github.calls()).toEqual([]);
  });

  it("an edit that moved the base is evaluated", async () => {
    const { github, receive } = await scenario();
    await receive(pullRequestEvent({ state: github.state, action: "edited", changes: { base: { ref: { from: "develop" }, sha: { from: "x" } } } }));
    expect(github.state.checkRuns).toHaveLength(1);
  });
});

describe("failing closed", () => {
  it("a GitHub error fails the check with the reason, and the error propagates", async () => {
    const state = baseState({ failures: [{ match: /reviews/, status: 502 }] });
    const { github, receive } = await scenario({ state });
    await expect(receive(pullRequestEvent({ state, action: "opened" }))).rejects.toThrow(/listing reviews of acme\/widgets#7/);
    expect(github.latestCheck()).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Evaluation error, will retry" } });
    expect(github.state.comments).toHaveLength(0);
  });

  it("an edited announcement fails closed and is not re-announced", async () => {
    const { github, receive } = await scenario();
    await receive(pullRequestEvent({ state: github.state, action: "opened" }));
    const announcement = github.state.comments[0];
    if (!announcement) throw new Error("no announcement");
    announcement.body = announcement.body.replace(/"starts"/, '"start"');
    announcement.updated_at = "2026-11-23T00:00:00Z";
    // GitHub tells the app about the edit; the cached copy of its comments goes.
    await receive(issueCommentEvent({ state: github.state, action: "edited", comment: announcement }));
    await receive(pullRequestEvent({ state: github.state, action: "synchronize" }));
    expect(github.state.comments).toHaveLength(1);
    expect(github.latestCheck()).toMatchObject({ conclusion: "failure", output: { title: expect.stringContaining("was edited") } });
  });

  it("a comment by someone else carrying a copied marker is not state", async () => {
    const { github, receive } = await scenario();
    await receive(pullRequestEvent({ state: github.state, action: "opened" }));
    const original = github.state.comments[0];
    if (!original) throw new Error("no announcement");
    github.state.comments.unshift({ ...original, id: 1, created_at: "2026-11-01T00:00:00Z", updated_at: "2026-11-01T00:00:00Z", user: { login: "mallory", type: "User" }, appId: null });
    await receive(pullRequestEvent({ state: github.state, action: "synchronize" }));
    expect(github.latestCheck()?.output.title).toBe("0 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
  });

  it("a team that can't be read fails closed rather than shrinking the electorate", async () => {
    const state = baseState();
    state.files[".github/governance.yml"] = "maintainers:\n  teams: [core]\n";
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.calls()).toContain("GET /orgs/acme/teams/core/members?per_page=100");
    expect(github.latestCheck()).toMatchObject({ conclusion: "failure", output: { title: expect.stringContaining("@acme/core") } });
  });

  it("team members join the electorate; bots among them don't", async () => {
    const state = baseState({ teams: { core: [{ login: "zed", type: "User" }, { login: "helper-app[bot]", type: "Bot" }] } });
    state.files[".github/governance.yml"] = "maintainers:\n  teams: [core]\n  exclude: [grace]\n";
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    const summary = github.latestCheck()?.output.summary ?? "";
    expect(summary).toContain("@alice, @bob, @carol, @dave, @erin, @frank, @zed");
    expect(summary).toContain("Left out: @grace (excluded by config), @helper-app[bot] (bot)");
  });
});
