import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { pathsOf, ROUTE, routes } from "../requests.js";
import { approve, CHARTER, checkState, DAY, REPO, withFreshStory } from "../story.js";

/**
 * The reconcile sweep: the first after a start searches each installation
 * for Gavel's labels and for what changed in the hour before; every later
 * one for what changed since the previous sweep (less ten minutes of search
 * lag). It evaluates what is due: unknown to this process, changed since its
 * evaluation, or past its wake time. One failing installation doesn't stop it.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
});

const HOUR = 3_600_000;
const DEADLINE = Date.parse("2026-03-16T09:01:00Z");
const labelled = (org: string) => `/search/issues?q=label:"governance: waiting","vote: open" org:${org}&sort=updated&order=asc&per_page=100&page=1`;
/** The sweep's searches since the last reset, sorted: an installation's two searches run in parallel. */
const searches = () => pathsOf({ local, route: ROUTE.search }).sort();
const changedSince = (org: string, since: string) => `/search/issues?q=org:${org} updated:>=${since}&sort=updated&order=asc&per_page=100&page=1`;

/** A charter PR by zoe announced at 09:01 on 2026-03-02, approved by five of seven at once: it waits for its discussion. */
async function approvedCharter(): Promise<number> {
  const pr = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
  await local.settle();
  await approve({ local, number: pr, users: ["alice", "bob", "carol", "dave", "erin"] });
  expect(checkState({ local, number: pr })).toBe("in_progress/-: 5 of 5 approvals · discussion ends 2026-03-16 09:01 UTC");
  return pr;
}

describe("the sweep", () => {
  it("with the timers lost (a new process), the first sweep after the deadline turns the check green", async () => {
    const pr = await approvedCharter();
    await local.restart();
    local.github.advanceClock(DEADLINE + 7 * 60_000 - local.github.now().getTime());
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
    // How many repositories the installation has (one search covers 4,000), then the searches.
    expect(routes(local).slice(0, 4)).toEqual([ROUTE.deliveries, ROUTE.installations, "GET /installation/repositories", ROUTE.search]);
    expect(searches()).toEqual([labelled("acme"), changedSince("acme", "2026-03-16T08:08:00Z")].sort());
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
  });

  it("a later sweep searches for what changed since the previous one, and evaluates only what is due", async () => {
    await approvedCharter();
    await local.advance(HOUR);
    local.github.resetRequestCounts();
    await local.sweep();
    expect(searches()).toEqual([labelled("acme"), changedSince("acme", "2026-03-02T09:06:00Z")].sort());

    await local.advance(DAY);
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 0, evaluated: 0, failed: 0 });
    expect(searches()).toEqual([changedSince("acme", "2026-03-02T09:56:00Z")].sort());

    // A change whose webhook Gavel handled is found and skipped; the search lag makes the next sweep find it again.
    await local.advance(HOUR);
    local.github.review({ repo: REPO, number: 1, user: "zoe", state: "COMMENT", body: "A question." });
    await local.settle();
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 0, failed: 0 });
    await local.advance(HOUR);
    expect(await local.sweep()).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 0, failed: 0 });
    expect(searches()).toEqual([changedSince("acme", "2026-03-03T09:56:00Z"), changedSince("acme", "2026-03-03T10:57:00Z")].sort());
  });

  it("a later sweep evaluates an item whose wake time passed without its timer", async () => {
    const pr = await approvedCharter();
    await local.sweep();
    // The deadline passes and the timer doesn't run (a stalled event loop): the sweep catches it from memory.
    local.github.advanceClock(DEADLINE + 5 * 60_000 - local.github.now().getTime());
    expect(await local.sweep()).toMatchObject({ installations: 1, evaluated: 1, failed: 0 });
    expect(checkState({ local, number: pr })).toBe("completed/success: Approved: charter");
  });

  it("two sweeps asked for at once run once", async () => {
    await approvedCharter();
    local.github.resetRequestCounts();
    const [a, b] = await Promise.all([local.sweep(), local.sweep()]);
    expect(a).toBe(b);
    expect(searches()).toHaveLength(2);
  });
});

describe("a sweep over several installations", () => {
  it("goes on past a failing installation and skips a suspended one; the failed one is swept from scratch next time", async () => {
    await approvedCharter();
    local.github.installApp({ account: "broken" });
    local.github.installApp({ account: "asleep", suspended: true });
    local.github.injectFault({ route: ROUTE.search, status: 403, pathIncludes: "org:broken" });
    local.github.resetRequestCounts();
    expect(await local.sweep()).toEqual({ installations: 3, redelivered: 0, found: 1, evaluated: 1, failed: 1 });
    // A first sweep searches twice per installation not suspended, one search at a time: broken's stop at the refused one.
    expect(searches()).toEqual([labelled("acme"), changedSince("acme", "2026-03-02T08:06:00Z"), labelled("broken")].sort());

    local.github.clearFaults();
    await local.advance(HOUR);
    local.github.resetRequestCounts();
    await local.sweep();
    expect(searches()).toEqual([changedSince("acme", "2026-03-02T08:56:00Z"), labelled("broken"), changedSince("broken", "2026-03-02T09:06:00Z")].sort());
  });
});
