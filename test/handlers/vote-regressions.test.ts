/** Regressions from the review of /vote: each once let a vote end with the wrong result, or lock a thread. */
import { afterEach, describe, expect, it } from "@jest/globals";
import { issueCommentEvent } from "../helpers/payloads.js";
import { deriveMarkerKey } from "../../src/state/signed-marker.js";
import type { VoteRecord } from "../../src/policy/vote-types.js";
import { voteMarker } from "../../src/state/vote-marker.js";
import { SECRET } from "../helpers/probot.js";
import { baseState, resetNock, scenario, type Scenario } from "../helpers/scenario.js";

afterEach(resetNock);

async function thread(): Promise<Scenario & { say: (login: string, body: string) => Promise<void> }> {
  const state = baseState();
  state.pr.title = "Adopt the new release process";
  state.pr.changedFiles = [{ filename: "README.md", status: "modified" }];
  const s = await scenario({ state });
  const say = async (login: string, body: string) => {
    const comment = s.github.addComment({ login, body });
    await s.receive(issueCommentEvent({ state: s.github.state, action: "created", comment }));
  };
  return { ...s, say };
}
const votes = (s: Scenario) => s.github.appComments("gavel:vote ");
const records = (s: Scenario) => s.github.appComments("gavel:decision");
const replies = (s: Scenario) => s.github.appComments("gavel:reply");

describe("vote regressions", () => {
  it("restoring a cancelled vote's old text does not reopen it", async () => {
    const s = await thread();
    await s.say("alice", "/vote");
    const vote = votes(s)[0];
    if (!vote) throw new Error("no vote");
    const original = vote.body;
    await s.say("alice", "/vote cancel");
    s.clock.advanceDays(1);
    vote.body = original;
    vote.updated_at = s.clock.now().toISOString();
    for (const login of ["bob", "carol", "dave", "erin"]) await s.say(login, "/vote yes");
    expect(s.github.state.pr.labels).not.toContain("vote: passed");
    expect(records(s).map((r) => r.body.match(/\*\*Outcome: (\w+)/)?.[1])).toEqual(["cancelled"]);
  });

  it("a closed vote's tally no longer changes", async () => {
    const s = await thread();
    await s.say("alice", "/vote");
    for (const login of ["alice", "bob", "carol", "dave"]) await s.say(login, "/vote yes");
    const closed = votes(s)[0]?.body;
    await s.say("erin", "/vote no");
    await s.say("frank", "/vote status");
    expect(votes(s)[0]?.body).toBe(closed);
    expect(closed).toContain("4 yes · 0 no");
  });

  it("a title carrying a fake marker can't void the vote", async () => {
    const s = await thread();
    s.github.state.pr.title = "Adopt <!-- gavel:vote x.y --> it";
    await s.say("alice", "/vote");
    await s.say("bob", "/vote yes");
    await s.say("carol", "/vote yes");
    expect(votes(s)[0]?.body).toContain("2 yes · 0 no");
    expect(votes(s)[0]?.body).toContain("Adopt &lt;!-- gavel:vote x.y --> it");
    expect(s.github.state.pr.labels).toEqual(["vote: open"]);
  });

  it("two votes opened at once by two replicas: the later is withdrawn, its asker told, and the thread still works", async () => {
    const s = await thread();
    await s.say("alice", "/vote");
    const first = votes(s)[0];
    if (!first) throw new Error("no vote");
    // The other replica opened bob's `/vote lazy` for the same position a second later.
    const raced: VoteRecord = {
      seq: 0,
      type: "lazy",
      subject: null,
      recused: false,
      threshold: { kind: "lazy-consensus" },
      electorate: ["alice", "bob", "carol", "dave", "erin", "frank", "grace"],
      starter: "bob",
      requestUrl: "https://example.test/bob",
      openedAt: "2026-11-22T10:00:01.000Z",
      deadline: "2026-11-25T10:00:01.000Z",
      minDurationMs: 0,
      closeEarly: true,
      status: "open",
      closedAt: null,
      cancelledBy: null,
    };
    const marker = voteMarker({ key: deriveMarkerKey({ secret: SECRET }), scope: { threadId: 200_007 }, record: raced, writtenAt: "2026-11-22T10:00:01.000Z" });
    s.github.state.comments.push({ ...first, id: 99_999, body: `a copy\n${marker}`, created_at: "2026-11-22T10:00:01Z", updated_at: "2026-11-22T10:00:01Z" });
    for (const login of ["alice", "bob", "carol", "dave"]) await s.say(login, "/vote yes");
    expect(s.github.state.comments.some((c) => c.id === 99_999)).toBe(false);
    expect(s.github.appComments("another vote was opened on this thread at the same moment")).toHaveLength(1);
    expect(s.github.state.pr.labels).toEqual(["vote: passed"]);
  });

  it("tampering with an old, closed vote leaves the open one alone", async () => {
    const s = await thread();
    await s.say("alice", "/vote");
    await s.say("alice", "/vote cancel");
    await s.say("alice", "/vote lazy");
    const old = votes(s)[0];
    if (!old) throw new Error("no vote");
    old.body = old.body.replace(/\.([\w-]+) -->/, ".AAAA -->");
    old.updated_at = s.clock.now().toISOString();
    await s.say("bob", "/vote yes");
    expect(old.body).toContain("**This vote is void.**");
    expect(s.github.state.pr.labels).toEqual(["vote: open"]);
    expect(s.timers.count()).toBeGreaterThan(0);
  });

  it("a vote on an item closed before its deadline still closes", async () => {
    const s = await thread();
    await s.say("alice", "/vote");
    s.github.state.pr.state = "closed";
    s.runtime.stop();
    s.clock.advanceDays(8);
    const fresh = await scenario({ clock: s.clock, github: s.github });
    await fresh.runtime.sweep();
    expect(s.github.state.pr.labels).toEqual(["vote: failed"]);
  });

  /** The same `/vote` by `login`, delivered twice as GitHub may redeliver it. */
  async function deliverTwice(s: Scenario, login: string): Promise<void> {
    const request = s.github.addComment({ login, body: "/vote" });
    const event = issueCommentEvent({ state: s.github.state, action: "created", comment: request });
    await s.receive(event);
    await s.receive(event);
  }

  it("a redelivered /vote opens nothing more and replies nothing", async () => {
    const s = await thread();
    await deliverTwice(s, "alice");
    expect(votes(s)).toHaveLength(1);
    expect(replies(s)).toHaveLength(0);
  });

  it("a redelivered refused command replies once", async () => {
    const s = await thread();
    await deliverTwice(s, "mallory");
    expect(replies(s)).toHaveLength(1);
  });

  it("two decision records from racing replicas: the later is deleted", async () => {
    const s = await thread();
    await s.say("alice", "/vote");
    for (const login of ["alice", "bob", "carol", "dave"]) await s.say(login, "/vote yes");
    const record = records(s)[0];
    if (!record) throw new Error("no record");
    s.github.state.comments.push({ ...record, id: 88_888, created_at: "2026-11-22T10:00:05Z", updated_at: "2026-11-22T10:00:05Z" });
    await s.say("erin", "/vote status");
    expect(records(s).map((r) => r.id)).toEqual([record.id]);
  });

  it("a failed label write after opening still leaves the deadline armed", async () => {
    const s = await thread();
    s.github.state.failures.push({ match: /^POST .*\/labels$/, status: 502 });
    await expect(s.say("alice", "/vote")).rejects.toThrow(/labelling/);
    expect(votes(s)).toHaveLength(1);
    expect(s.timers.count()).toBe(1);
  });

  it("a comment with a command and a ballot has both carried out", async () => {
    const s = await thread();
    await s.say("alice", "/vote");
    await s.say("bob", "/vote nomination @zed\n/vote yes");
    expect(votes(s)[0]?.body).toContain("1 yes · 0 no");
  });

  it("a vote whose count can't be reached is refused at once", async () => {
    const state = baseState();
    state.files[".github/governance.yml"] = "votes:\n  types:\n    default: { approvals: 9 }\n";
    const s = await scenario({ state });
    const request = s.github.addComment({ login: "alice", body: "/vote" });
    await s.receive(issueCommentEvent({ state: s.github.state, action: "created", comment: request }));
    expect(votes(s)).toHaveLength(0);
    expect(replies(s)[0]?.body).toContain("needs 9 yes, but only 7 maintainers would vote");
  });
});
