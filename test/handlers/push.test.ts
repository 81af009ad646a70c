import { afterEach, describe, expect, it } from "@jest/globals";
import type { FakeReview } from "../helpers/fake-github.js";
import { pullRequestEvent, pushEvent } from "../helpers/payloads.js";
import { baseState, HEAD_SHA, resetNock, scenario } from "../helpers/scenario.js";

afterEach(resetNock);

const approvals: FakeReview[] = ["alice", "bob", "carol", "dave", "erin"].map((login, i) => ({ id: 50 + i, user: { login, type: "User" }, state: "APPROVED", commit_id: HEAD_SHA, submitted_at: "2026-11-23T10:00:00Z" }));

describe("push to the default branch", () => {
  it("a stricter config re-evaluates open PRs: green turns back to waiting", async () => {
    const state = baseState({ reviews: approvals });
    state.pr.changedFiles = [{ filename: "SECURITY.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.latestCheck()).toMatchObject({ conclusion: "success" });

    state.files[".github/governance.yml"] = "rules:\n  - name: all-docs\n    paths: ['*.md']\n    approvals: unanimous\n";
    await receive(pushEvent({ state, files: [".github/governance.yml"] }));
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "5 of 7 approvals" } });
  });

  it("a maintainers file change re-evaluates open PRs", async () => {
    const state = baseState({ reviews: approvals });
    state.pr.changedFiles = [{ filename: "SECURITY.md", status: "modified" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    state.files["MAINTAINERS.md"] = (state.files["MAINTAINERS.md"] ?? "").replace("| Grace | @grace | Hooli |", "| Grace | @grace | Hooli |\n| Henry | @henry | Hooli |\n| Ivan | @ivan | Hooli |\n| Judy | @judy | Hooli |");
    await receive(pushEvent({ state, files: ["MAINTAINERS.md"] }));
    expect(github.latestCheck()).toMatchObject({ status: "in_progress", output: { title: "5 of 7 approvals" } });
  });

  it("an unrelated push costs one config read (without a config here: the org's, and whether Gavel is installed there)", async () => {
    const { github, receive } = await scenario();
    await receive(pushEvent({ state: github.state, files: ["src/index.ts"] }));
    expect([...github.calls()].sort()).toEqual(["GET /repos/acme/.github/contents/.github%2Fgovernance.yml", "GET /repos/acme/.github/installation", "GET /repos/acme/widgets/contents/.github%2Fgovernance.yml"]);
  });

  it("a push to another branch costs nothing", async () => {
    const { github, receive } = await scenario();
    await receive(pushEvent({ state: github.state, ref: "refs/heads/feature", files: [".github/governance.yml"] }));
    expect(github.calls()).toEqual([]);
  });

  it("a push too long to list its files re-evaluates", async () => {
    const { github, receive } = await scenario();
    await receive(pushEvent({ state: github.state, files: [], commits: 20 }));
    expect(github.calls()).toContain("GET /repos/acme/widgets/pulls?state=open&per_page=100");
  });
});
