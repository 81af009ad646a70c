import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { pathsOf, ROUTE } from "../requests.js";
import { approve, CHARTER, checkState, REPO, withFreshStory } from "../story.js";

/**
 * The sweep under GitHub's rate limit (issue 15). A 403 with a reset, or a
 * 429 with retry-after, reaches the sweep at once (Octokit's throttling no
 * longer waits it out inside the request): the installation's sweep stops
 * there, keeps its place, and the installation is not asked again before the
 * time GitHub gave. GitHub: "you should not retry your request until after
 * the time specified", and requests made meanwhile may get the integration
 * banned.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const MINUTE = 60_000;
const REVIEWS = "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews";
const searches = () => pathsOf({ local, route: ROUTE.search });

/** Charter PRs approved by five of seven: each waits for its discussion, labelled `governance: waiting`. */
async function waitingCharters(n: number): Promise<number[]> {
  const prs: number[] = [];
  for (let i = 0; i < n; i++) {
    const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: `Charter ${i}`, files: { "GOVERNANCE.md": `${CHARTER}\nMore ${i}.\n` } });
    await local.settle();
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", "erin"] });
    expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 5 of 5 approvals/);
    prs.push(pr);
  }
  return prs;
}

describe("the sweep under a rate limit", () => {
  it("a rate-limited search skips the installation until GitHub's reset, then it is swept from the same place", async () => {
    await waitingCharters(1);
    await local.restart();
    local.github.injectFault({ route: ROUTE.search, status: 403, resetInSeconds: 30 * 60 });
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 0, evaluated: 0, failed: 1 });
    // A first sweep searches one query at a time, and stops at the refused one: nothing more goes out.
    expect(searches()).toHaveLength(1);

    // Within the limit, the installation is not asked at all.
    await local.advance(20 * MINUTE);
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 0, evaluated: 0, failed: 1 });
    expect(searches()).toEqual([]);

    // After the reset it is swept as a first sweep again: its labelled items are found.
    local.github.clearFaults();
    await local.advance(11 * MINUTE);
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
    expect(searches()).toHaveLength(2);
  });

  it("a rate limit while evaluating stops the installation's sweep at that item; the others wait for the reset", async () => {
    const prs = await waitingCharters(3);
    await local.restart();
    local.github.injectFault({ route: REVIEWS, status: 429, retryAfterSeconds: 30 * 60 });
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 1 });
    // One item asked GitHub; the two others were not read into the limit. The first is scheduled for the reset.
    expect(local.github.requestLog().filter((r) => r.route === REVIEWS)).toHaveLength(1);

    local.github.clearFaults();
    await local.advance(31 * MINUTE);
    local.github.resetRequestCounts();
    expect(await local.sweep()).toMatchObject({ found: 3, failed: 0 });
    for (const pr of prs) expect(checkState({ local, number: pr })).toMatch(/^in_progress\/-: 5 of 5 approvals/);
  });
});
