import { afterEach, describe, expect, it } from "@jest/globals";
import { checkRunRerequested, checkSuiteRerequested, pullRequestEvent } from "../helpers/payloads.js";
import { baseState, HEAD_SHA, resetNock, scenario } from "../helpers/scenario.js";

afterEach(resetNock);

describe("re-run requests", () => {
  it("check_suite.rerequested evaluates the suite's PRs", async () => {
    const { github, receive } = await scenario();
    await receive(checkSuiteRerequested({ state: github.state, pullRequests: [7] }));
    expect(github.state.checkRuns).toHaveLength(1);
  });

  it("a re-run from a fork (no pull_requests in the payload) finds the PR by its head commit", async () => {
    const { github, receive } = await scenario();
    await receive(checkRunRerequested({ state: github.state, pullRequests: [] }));
    expect(github.calls()[0]).toBe(`GET /repos/acme/widgets/commits/${HEAD_SHA}/pulls`);
    expect(github.state.checkRuns).toHaveLength(1);
  });
});

describe("on_change: restart", () => {
  const config = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n    discussion: 14d\n    on_change: restart\n";
  const NEW_HEAD = "bbbbbbb000000000000000000000000000000002";

  /** Announced on day 0; on day 5 a push to NEW_HEAD changes `changed`. */
  async function pushOnDay5(changed: string[]) {
    const state = baseState();
    state.files[".github/governance.yml"] = config;
    const s = await scenario({ state });
    await s.receive(pullRequestEvent({ state, action: "opened" }));
    s.clock.advanceDays(5);
    state.pr.headSha = NEW_HEAD;
    state.compares[`${HEAD_SHA}...${NEW_HEAD}`] = { status: "ahead", files: changed };
    await s.receive(pullRequestEvent({ state, action: "synchronize" }));
    return s.github;
  }

  it("a push that changes GOVERNANCE.md posts a new announcement and restarts the clock", async () => {
    const github = await pushOnDay5(["GOVERNANCE.md"]);
    expect(github.state.comments).toHaveLength(2);
    expect(github.state.comments[1]?.body).toContain("Governed files changed: the discussion period starts again");
    expect(github.latestCheck()).toMatchObject({ head_sha: NEW_HEAD, output: { title: "0 of 5 approvals · discussion ends 2026-12-11 10:00 UTC" } });
  });

  it("a push that leaves GOVERNANCE.md alone keeps the clock", async () => {
    const github = await pushOnDay5(["README.md"]);
    expect(github.state.comments).toHaveLength(1);
    expect(github.latestCheck()?.output.title).toBe("0 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
  });
});

describe("approvals across a force-push", () => {
  const OLD = "0000000000000000000000000000000000000def";
  const reviewsAt = (commit: string) =>
    ["alice", "bob", "carol", "dave", "erin"].map((login, i) => ({ id: 900 + i, user: { login, type: "User" as const }, state: "APPROVED" as const, commit_id: commit, submitted_at: "2026-11-23T10:00:00Z" }));

  it.each([
    ["GOVERNANCE.md changed on the old side only", ["README.md"], ["GOVERNANCE.md"], "4 of 5 approvals"],
    ["GOVERNANCE.md changed on the new side only", ["GOVERNANCE.md"], ["README.md"], "4 of 5 approvals"],
    ["GOVERNANCE.md changed on neither side", ["README.md"], ["docs/x.md"], "5 of 5 approvals"],
  ])("%s", async (_name, forward, backward, title) => {
    const state = baseState({ reviews: [...reviewsAt(HEAD_SHA).slice(0, 4), ...reviewsAt(OLD).slice(4)] });
    state.compares[`${OLD}...${HEAD_SHA}`] = { status: "diverged", files: forward };
    state.compares[`${HEAD_SHA}...${OLD}`] = { status: "diverged", files: backward };
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "synchronize" }));
    expect(github.calls()).toEqual(expect.arrayContaining([`GET /repos/acme/widgets/compare/${OLD}...${HEAD_SHA}`, `GET /repos/acme/widgets/compare/${HEAD_SHA}...${OLD}`]));
    expect(github.latestCheck()?.output.title).toBe(`${title} · discussion ends 2026-12-06 10:00 UTC`);
  });
});
