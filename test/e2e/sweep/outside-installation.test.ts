import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { approve, CHARTER, checkState, DAY, MAINTAINERS, withFreshStory } from "../story.js";

/**
 * GitHub's issue search, asked with an installation's token, also returns
 * public repositories the installation was not granted: an app sees what is
 * public anywhere (probot/probot#1033). The sweep keeps only items in the
 * installation's repositories: elsewhere every write is refused (403), and
 * an evaluation retried every 5 minutes would spend the installation's quota
 * forever.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const MINUTE = 60_000;

describe("an installation on selected repositories", () => {
  it("the sweep evaluates nothing in the org's public repositories it was not granted, and arms no retry there", async () => {
    local.github.installApp({ account: "initech", selected: true });
    local.github.createRepo({ repo: "initech/community", maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER } });
    local.github.createRepo({ repo: "initech/website", install: false, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER } });
    const granted = local.github.openPullRequest({
      repo: "initech/community",
      author: "zoe",
      title: "Charter",
      files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` },
    });
    // No webhook reaches Gavel from a repository it was not granted; the search still finds this one.
    local.github.openPullRequest({ repo: "initech/website", author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    await local.restart();

    local.github.resetRequestCounts();
    const report = await local.sweep();
    expect(report).toMatchObject({ failed: 0 });
    const outside = () => local.github.requestLog().filter((r) => r.path.startsWith("/repos/initech/website"));
    expect(outside()).toEqual([]);
    expect(checkState({ local, number: granted, repo: "initech/community" })).toMatch(/^in_progress\/-: 0 of 5 approvals/);

    local.github.resetRequestCounts();
    await local.advance(30 * MINUTE);
    expect(await local.sweep()).toMatchObject({ failed: 0 });
    expect(outside()).toEqual([]);
  });

  it("a repository taken away from the installation: its PR's timer fires once, fails, and is not armed again", async () => {
    local.github.installApp({ account: "initech", selected: true });
    local.github.createRepo({ repo: "initech/community", maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER } });
    const pr = local.github.openPullRequest({ repo: "initech/community", author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", "erin"], repo: "initech/community" });
    expect(checkState({ local, number: pr, repo: "initech/community" })).toMatch(/^in_progress\/-: 5 of 5 approvals · discussion ends/);
    local.github.grantRepository({ repo: "initech/community", by: "olivia", revoke: true });
    await local.settle();

    local.github.resetRequestCounts();
    // Past the deadline, and hours more of timers and sweeps.
    await local.advance(15 * DAY);
    for (let hour = 0; hour < 3; hour++) {
      await local.advance(60 * MINUTE);
      expect(await local.sweep()).toMatchObject({ failed: 0 });
    }
    const refused = local.github.requestLog().filter((r) => r.status === 403);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(2);
  }, 60_000);
});
