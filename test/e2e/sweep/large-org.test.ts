import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { pathsOf, ROUTE } from "../requests.js";
import { approve, CHARTER, checkState, DAY, MAINTAINERS, withFreshStory } from "../story.js";

/**
 * One search looks in at most 4,000 repositories ("The REST API will find up
 * to 4,000 repositories that match your filters"), and GitHub doesn't say
 * which. The sweep of an installation over more repositories than that
 * searches them in parts, each naming its repositories.
 * https://docs.github.com/rest/search/search#search-scope-limits
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const REPOS = 4_100;

describe("an org of more than 4,000 repositories", () => {
  it("a waiting PR in its newest repository is found by the first sweep after a restart, and turns green", async () => {
    local.github.installApp({ account: "megacorp" });
    for (let i = 0; i < REPOS - 1; i++) local.github.createRepo({ repo: `megacorp/service-${i}`, files: { "README.md": "service\n" } });
    const repo = "megacorp/community";
    local.github.createRepo({ repo, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER } });
    const pr = local.github.openPullRequest({ repo, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", "erin"], repo });
    await local.restart();
    local.github.advanceClock(15 * DAY);
    local.github.resetRequestCounts();
    expect(await local.sweep()).toMatchObject({ failed: 0 });
    expect(checkState({ local, number: pr, repo })).toBe("completed/success: Approved: charter");
    // Distinct requests (on a loaded machine a slow one may time out and be asked again): each installation's count
    // read (one path, each with its own token), megacorp's list of 4,100 repositories (41 pages), then two searches
    // per part of 100 for megacorp, and two for acme.
    expect(new Set(pathsOf({ local, route: "GET /installation/repositories" })).size).toBe(1 + 41);
    expect(new Set(pathsOf({ local, route: ROUTE.search })).size).toBe(2 * 41 + 2);
  }, 120_000);
});
