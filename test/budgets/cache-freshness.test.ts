import { afterEach, describe, expect, it } from "@jest/globals";
import { maintainersFile } from "../../sandbox/driver.js";
import { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { CACHE_TTL_MS, GitHubStores } from "../../src/github/stores.js";
import { CHARTER, MAINTAINERS } from "../e2e/story.js";

/**
 * What the cache keeps must never outlive what it mirrors: a push to the
 * default branch drops the files it touched, the TTL bounds anything a lost
 * webhook would have dropped, and revalidation is a conditional request.
 */
const REPO = "acme/community";
const CONTENTS = "GET /repos/{owner}/{repo}/contents/{path}";
let local: LocalGavel | null = null;
let cacheNow = 0;
afterEach(async () => {
  await local?.stop();
  local = null;
});

async function start(files: Record<string, string> = {}): Promise<{ l: LocalGavel; number: number }> {
  cacheNow = 0;
  const l = await LocalGavel.start({
    stores: new GitHubStores({ clock: () => cacheNow }),
    onProblem: (m) => {
      throw new Error(m);
    },
  });
  local = l;
  l.github.createRepo({ repo: REPO, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER, ...files } });
  const number = l.github.openPullRequest({ repo: REPO, author: "alice", title: "t", files: { "GOVERNANCE.md": `${CHARTER}\nmore\n` } });
  await l.settle();
  return { l, number };
}

describe("cache freshness", () => {
  it("a push to the default branch that changes MAINTAINERS.md is seen at once: the open PR is re-evaluated with the new electorate", async () => {
    const { l, number } = await start();
    expect(l.github.latestCheck({ repo: REPO, number })?.output.summary).toContain("⌈2/3 × 7⌉ = 5 of 7");
    l.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "MAINTAINERS.md": maintainersFile(["alice", "bob", "carol", "dave"]) } });
    await l.settle();
    expect(l.github.latestCheck({ repo: REPO, number })?.output.summary).toContain("⌈2/3 × 4⌉ = 3 of 4");
  });

  it("a push that changes other files reads nothing again", async () => {
    const { l, number } = await start();
    l.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "README.md": "# hi\n" } });
    await l.settle();
    l.github.resetRequestCounts();
    l.github.review({ repo: REPO, number, user: "bob", state: "APPROVE" });
    await l.settle();
    expect(l.github.requestCounts()[CONTENTS]).toBeUndefined();
  });

  it("a push to the org's .github changes the rules of a repository that falls back to it", async () => {
    const { l, number } = await start();
    l.github.createRepo({
      repo: "acme/.github",
      files: { ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 6\n" },
    });
    l.github.review({ repo: REPO, number, user: "bob", state: "APPROVE" });
    await l.settle();
    // Cached: the org repository was missing when the PR opened, and no webhook said otherwise.
    expect(l.github.latestCheck({ repo: REPO, number })?.output.title).toContain("of 5 approvals");
    l.github.pushToDefaultBranch({
      repo: "acme/.github",
      author: "alice",
      files: { ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 7\n" },
    });
    await l.settle();
    l.github.review({ repo: REPO, number, user: "carol", state: "APPROVE" });
    await l.settle();
    expect(l.github.latestCheck({ repo: REPO, number })?.output.title).toContain("of 7 approvals");
  });

  it("after the TTL, the default branch's files are revalidated with conditional requests: 304s, nothing re-parsed from scratch", async () => {
    const { l, number } = await start({ ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n" });
    cacheNow = CACHE_TTL_MS;
    l.github.resetRequestCounts();
    l.github.review({ repo: REPO, number, user: "bob", state: "APPROVE" });
    await l.settle();
    expect(l.github.requestCounts()[CONTENTS]).toBe(2);
    expect(
      l.github
        .requestLog()
        .filter((r) => r.route === CONTENTS)
        .map((r) => r.status),
    ).toEqual([304, 304]);
    // bob, and alice as the author
    expect(l.github.latestCheck({ repo: REPO, number })?.output.title).toContain("2 of 5 approvals");
  });

  it("after the TTL, a change no webhook announced is found", async () => {
    const { l, number } = await start({ ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n" });
    l.github.dropDeliveries({ event: "push", times: 1 });
    l.github.pushToDefaultBranch({
      repo: REPO,
      author: "alice",
      files: { ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 4\n" },
    });
    await l.settle();
    cacheNow = CACHE_TTL_MS;
    l.github.review({ repo: REPO, number, user: "bob", state: "APPROVE" });
    await l.settle();
    expect(l.github.latestCheck({ repo: REPO, number })?.output.title).toContain("2 of 4 approvals");
  });
});
