import { afterEach, describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "../helpers/payloads.js";
import { baseState, HEAD_SHA, resetNock, scenario } from "../helpers/scenario.js";

afterEach(resetNock);

const R = "/repos/acme/widgets";
const PULL = `GET ${R}/pulls/7`;
const FILES = `GET ${R}/pulls/7/files?per_page=100`;
const NEW = "ccccccc000000000000000000000000000000003";

/**
 * GitHub's file list of a PR names no commit, but each entry's contents_url
 * reads `?ref=` the head it was computed at. Gavel evaluates a list only
 * against the head it names, and caches it by that head.
 */
describe("the file list belongs to one head", () => {
  it("a push between reading the PR and its files: the list names the new head, so the new head is evaluated", async () => {
    const state = baseState();
    state.pr.changedFiles = [{ filename: "src/index.ts", status: "modified" }];
    const { github, receive } = await scenario({ state });
    let pushed = false;
    github.afterRequest = (line) => {
      if (!pushed && line === PULL) {
        pushed = true;
        state.pr.headSha = NEW;
      }
    };
    await receive(pullRequestEvent({ state, action: "opened", headSha: HEAD_SHA }));
    expect(github.calls().filter((c) => c === PULL || c === FILES)).toEqual([PULL, FILES, PULL, FILES]);
    expect(github.state.checkRuns.map((r) => r.head_sha)).toEqual([NEW]);
  });

  it("a list that can't name its head (only removed files): a success is confirmed by reading the PR again", async () => {
    const state = baseState();
    state.pr.changedFiles = [{ filename: "docs/old.md", status: "removed" }];
    const { github, receive } = await scenario({ state });
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.calls().filter((c) => c === PULL)).toEqual([PULL, PULL]);
    expect(github.latestCheck()).toMatchObject({ conclusion: "success" });
  });

  it("... and when the confirmation finds another head, it evaluates again rather than publish", async () => {
    const state = baseState();
    state.pr.changedFiles = [{ filename: "docs/old.md", status: "removed" }];
    const { github, receive } = await scenario({ state });
    let listed = false;
    github.afterRequest = (line) => {
      // A push lands right after the (unprovable) list was read.
      if (!listed && line === FILES) {
        listed = true;
        state.pr.headSha = NEW;
        state.pr.changedFiles = [{ filename: "GOVERNANCE.md", status: "modified" }];
      }
    };
    await receive(pullRequestEvent({ state, action: "opened" }));
    expect(github.state.checkRuns.filter((r) => r.conclusion === "success")).toEqual([]);
    expect(github.latestCheck()).toMatchObject({ head_sha: NEW, status: "in_progress" });
  });
});
