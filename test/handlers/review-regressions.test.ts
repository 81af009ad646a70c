/** Regressions found in review: each once let a governed PR pass, or stall, when it shouldn't. */
import { afterEach, describe, expect, it } from "@jest/globals";
import type { FakeReview } from "../helpers/fake-github.js";
import { issueCommentEvent, pullRequestEvent } from "../helpers/payloads.js";
import { baseState, HEAD_SHA, resetNock, scenario } from "../helpers/scenario.js";

afterEach(resetNock);

let id = 3000;
const review = (login: string, state: FakeReview["state"], commit: string | null = HEAD_SHA, day = 1): FakeReview => ({
  id: id++,
  user: { login, type: "User" },
  state,
  commit_id: commit,
  submitted_at: `2026-11-2${2 + day}T10:00:00Z`,
});

describe("review regressions", () => {
  it("an objection on a commit GitHub no longer has still stands", async () => {
    const state = baseState({
      reviews: [...["alice", "bob", "carol", "dave"].map((l) => review(l, "APPROVED")), review("erin", "APPROVED", HEAD_SHA, 1), review("erin", "CHANGES_REQUESTED", null, 2)],
    });
    state.pr.changedFiles = [{ filename: "MAINTAINERS.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "4 of 5 approvals" } });
    expect(github.latestCheck()?.output.summary).toContain("| @erin | ❌ no | [requested changes on a commit GitHub no longer has]");
  });

  it("an approval on a commit GitHub no longer has is stale", async () => {
    const state = baseState({ reviews: [...["alice", "bob", "carol", "dave"].map((l) => review(l, "APPROVED")), review("erin", "APPROVED", null)] });
    state.pr.changedFiles = [{ filename: "MAINTAINERS.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()?.output.title).toBe("4 of 5 approvals");
  });

  it("a custom maintainers file is governed even when no rule names it", async () => {
    const state = baseState();
    state.files[".github/governance.yml"] = "maintainers:\n  file: governance/people.md\n";
    state.files["governance/people.md"] = state.files["MAINTAINERS.md"] ?? "";
    state.pr.changedFiles = [{ filename: "governance/people.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "0 of 5 approvals · discussion ends 2026-12-06 10:00 UTC" } });
  });

  it("a label-only rule resets approvals on any change", async () => {
    const OLD = "0000000000000000000000000000000000000bad";
    const state = baseState({ reviews: ["alice", "bob", "carol", "dave", "erin", "frank", "grace"].map((l) => review(l, "APPROVED", OLD)) });
    state.files[".github/governance.yml"] = "rules:\n  - name: policy\n    labels: [policy]\n    approvals: unanimous\n";
    state.pr.labels = ["policy"];
    state.pr.changedFiles = [{ filename: "src/backdoor.ts", status: "added" }];
    state.compares[`${OLD}...${HEAD_SHA}`] = { status: "ahead", files: ["src/backdoor.ts"] };
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "synchronize" }));
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "0 of 7 approvals" } });
  });

  it("a draft whose restart is due does not pass on the old clock", async () => {
    const NEW = "bbbbbbb000000000000000000000000000000002";
    const state = baseState();
    state.files[".github/governance.yml"] = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n    discussion: 14d\n    on_change: restart\n";
    const { github, receive, clock } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    clock.advanceDays(13);
    state.pr.draft = true;
    state.pr.headSha = NEW;
    state.compares[`${HEAD_SHA}...${NEW}`] = { status: "ahead", files: ["GOVERNANCE.md"] };
    clock.advanceDays(1);
    state.reviews = ["alice", "bob", "carol", "dave", "erin"].map((l) => ({ ...review(l, "APPROVED", NEW), submitted_at: clock.now().toISOString() }));
    await receive(pullRequestEvent({ state, action: "synchronize" }));
    expect(github.state.comments).toHaveLength(1);
    expect(github.latestCheck()).toMatchObject({ head_sha: NEW, status: "in_progress", output: { title: "5 of 5 approvals · discussion starts when ready for review" } });
  });

  it("unanimity with an author who can't count fails instead of waiting forever", async () => {
    const state = baseState({ reviews: ["bob", "carol", "dave", "erin", "frank", "grace"].map((l) => review(l, "APPROVED")) });
    state.files[".github/governance.yml"] = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: unanimous\n    author_counts: false\n";
    state.pr.author = { login: "alice", type: "User" };
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "Blocked: charter can't reach 7 approvals: at most 6 of 7 can still approve" } });
  });
});

describe("races", () => {
  it("a push between reading the head and its files never yields a success on the old head", async () => {
    const NEW = "ccccccc000000000000000000000000000000003";
    const state = baseState();
    state.pr.changedFiles = [{ filename: "GOVERNANCE.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    let pushed = false;
    github.afterRequest = (line) => {
      if (!pushed && line === "GET /repos/acme/widgets/pulls/7") {
        pushed = true;
        state.pr.headSha = NEW;
        state.pr.changedFiles = [{ filename: "README.md", status: "modified" }];
      }
    };
    await receive(pullRequestEvent({ state, action: "synchronize", headSha: HEAD_SHA }));
    expect(github.state.checkRuns.filter((r) => r.head_sha === HEAD_SHA && r.conclusion === "success")).toEqual([]);
    expect(github.latestCheck()).toMatchObject({ head_sha: NEW, conclusion: "success" });
  });

  it("a review dismissed while an evaluation runs never yields a success", async () => {
    const state = baseState({ reviews: ["alice", "bob", "carol", "dave", "erin"].map((l) => review(l, "APPROVED")) });
    state.files[".github/governance.yml"] = "rules:\n  - name: supporting\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n";
    const { github, receive } = await scenario({ state });
    let dismissed = false;
    github.afterRequest = (line) => {
      if (!dismissed && line.startsWith("GET /repos/acme/widgets/pulls/7/reviews")) {
        dismissed = true;
        const erin = state.reviews.find((r) => r.user.login === "erin");
        if (erin) erin.state = "DISMISSED";
      }
    };
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.writes().filter((w) => JSON.stringify(w.body).includes('"conclusion":"success"'))).toEqual([]);
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "4 of 5 approvals" } });
  });
});

describe("concurrent deliveries in one process", () => {
  it("two events for one PR at once: one announcement, one check", async () => {
    const { github, receive } = await scenario();
    await Promise.all([receive(pullRequestEvent({ state: github.state, action: "opened" })), receive(pullRequestEvent({ state: github.state, action: "labeled" }))]);
    expect(github.state.comments).toHaveLength(1);
    expect(github.state.checkRuns).toHaveLength(1);
  });

  it("two ballots at once are both counted", async () => {
    const { github, receive } = await scenario();
    const start = github.addComment({ login: "alice", body: "/vote" });
    await receive(issueCommentEvent({ state: github.state, action: "created", comment: start }));
    const bob = github.addComment({ login: "bob", body: "/vote yes" });
    const carol = github.addComment({ login: "carol", body: "/vote yes" });
    await Promise.all([bob, carol].map((comment) => receive(issueCommentEvent({ state: github.state, action: "created", comment }))));
    expect(github.appComments("gavel:vote ")[0]?.body).toContain("2 yes · 0 no");
  });
});

describe("operations", () => {
  it("a repository rename keeps Gavel's signed state valid", async () => {
    const { github, receive } = await scenario();
    await receive(pullRequestEvent({ state: github.state, action: "opened" }));
    github.state.repo = "gadgets";
    await receive(pullRequestEvent({ state: github.state, action: "synchronize" }));
    expect(github.state.comments).toHaveLength(1);
    expect(github.latestCheck()?.output.title).toBe("0 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
  });
});
