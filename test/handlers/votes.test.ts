import { afterEach, describe, expect, it } from "@jest/globals";
import { issueCommentEvent } from "../helpers/payloads.js";
import { baseState, resetNock, scenario, type Scenario } from "../helpers/scenario.js";

afterEach(resetNock);

const MAINTAINERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"];

async function threadScenario(config?: string): Promise<Scenario & { say: (login: string, body: string) => Promise<void> }> {
  const state = baseState();
  state.pr.title = "Nominate @zed as a maintainer";
  state.pr.changedFiles = [{ filename: "README.md", status: "modified" }];
  if (config) state.files[".github/governance.yml"] = config;
  const s = await scenario({ state });
  const say = async (login: string, body: string) => {
    const comment = s.github.addComment({ login, body });
    await s.receive(issueCommentEvent({ state: s.github.state, action: "created", comment }));
  };
  return { ...s, say };
}

const voteComment = (s: Scenario) => s.github.appComments("gavel:vote ")[0];
const records = (s: Scenario) => s.github.appComments("gavel:decision");
/** Gavel's replies, without their hidden reply marker. */
const replies = (s: Scenario) =>
  s.github
    .appComments("<!-- gavel:reply ")
    .map((c) => ({ ...c, body: c.body.replace(/\n\n<!-- gavel:reply \S+ -->$/, "") }));

describe("/vote", () => {
  it("a nomination passes by majority before its deadline", async () => {
    const s = await threadScenario();
    await s.say("alice", "I propose @zed.\n\n/vote nomination @zed");
    expect(voteComment(s)?.body).toMatchSnapshot("vote opened");
    expect(s.github.state.pr.labels).toEqual(["vote: open"]);

    for (const login of ["alice", "bob", "carol"]) {
      s.clock.advanceDays(1);
      await s.say(login, "/vote yes");
    }
    expect(voteComment(s)?.body).toContain("3 yes · 0 no · 0 abstain · 4 not yet — 4 yes needed");
    expect(records(s)).toHaveLength(0);

    const before = s.github.requests.length;
    s.clock.advanceDays(1);
    await s.say("dave", "+1 from me\n/vote +1");
    expect(s.github.calls().slice(before)).toEqual([
      "GET /repos/acme/widgets/issues/7",
      "GET /repos/acme/widgets/issues/7/comments?per_page=100",
      // The decision record first: it is the final word, even if what follows fails.
      "POST /repos/acme/widgets/issues/7/comments",
      `PATCH /repos/acme/widgets/issues/comments/${voteComment(s)?.id}`,
      "DELETE /repos/acme/widgets/issues/7/labels/vote%3A%20open",
      "POST /repos/acme/widgets/issues/7/labels",
    ]);
    expect(s.github.state.pr.labels).toEqual(["vote: passed"]);
    expect(records(s)[0]?.body).toMatchSnapshot("decision record");

    // Nothing changes a closed vote.
    const writes = s.github.writes().length;
    await s.say("erin", "/vote no");
    expect(s.github.writes().slice(writes).map((w) => w.method)).toEqual(["POST"]);
    expect(replies(s).at(-1)?.body).toBe("There is no open vote on this thread. A maintainer can start one with `/vote`.");
  });

  it("a removal fails once 2/3 of the remaining maintainers can't be reached", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote removal @grace");
    expect(voteComment(s)?.body).toContain("⌈2/3 × 6⌉ = 4 of 6 eligible maintainers");
    expect(voteComment(s)?.body).toContain("@grace recused as the subject");
    await s.say("grace", "/vote no");
    expect(replies(s).at(-1)?.body).toContain("Only the maintainers listed in the vote can cast a ballot");
    for (const login of ["bob", "carol"]) await s.say(login, "/vote no");
    expect(records(s)).toHaveLength(0);
    await s.say("dave", "/vote abstain");
    expect(records(s)[0]?.body).toContain("**Outcome: failed.**");
    expect(s.github.state.pr.labels).toEqual(["vote: failed"]);
  });

  it("a non-maintainer's /vote opens nothing and gets a polite reply", async () => {
    const s = await threadScenario();
    await s.say("mallory", "/vote");
    expect(voteComment(s)).toBeUndefined();
    expect(replies(s).map((c) => c.body)).toEqual([
      "Thanks, @mallory! Only maintainers can start or cancel a vote here, so nothing was changed. Comments and reactions are welcome all the same.",
    ]);
    expect(s.github.state.pr.labels).toEqual([]);
  });

  it("a ballot edited after posting is void, and the voter can vote again", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote");
    await s.say("bob", "/vote yes");
    const ballot = s.github.state.comments.at(-1);
    if (!ballot) throw new Error("no ballot");
    s.clock.advanceDays(1);
    ballot.body = "/vote yes\n\n(typo fixed)";
    ballot.updated_at = s.clock.now().toISOString();
    await s.receive(issueCommentEvent({ state: s.github.state, action: "edited", comment: ballot, previousBody: "/vote yes" }));
    expect(voteComment(s)?.body).toContain("| @bob | ⚠️ void (edited after posting; cast a new ballot)");
    expect(voteComment(s)?.body).toContain("0 yes · 0 no");
    await s.say("bob", "/vote yes");
    expect(voteComment(s)?.body).toContain("1 yes · 0 no");
  });

  it("a ballot after the deadline does not count", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote");
    await s.say("bob", "/vote yes");
    s.clock.advanceDays(7);
    s.clock.set(new Date(s.clock.now().getTime() + 1000).toISOString());
    // The deadline timer was lost (say, a restart): the late ballot arrives first.
    await s.say("carol", "/vote yes");
    expect(records(s)[0]?.body).toContain("**Outcome: failed.** 1 yes of the 4 needed, decided at the deadline.");
    expect(records(s)[0]?.body).toContain("@carol ([ballot]");
    expect(records(s)[0]?.body).toContain("cast after the deadline");
  });

  it("the deadline closes the vote by a timer", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote");
    for (const login of ["bob", "carol", "dave"]) await s.say(login, "/vote yes");
    s.clock.advanceDays(7);
    expect(await s.tick()).toBe(1);
    expect(records(s)[0]?.body).toContain("**Outcome: failed.** 3 yes of the 4 needed");
  });

  it("a tampered state marker fails the vote closed, with an alert", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote removal @grace");
    const vote = voteComment(s);
    if (!vote) throw new Error("no vote");
    vote.body = vote.body.replace(/gavel:vote (\S+)\.(\S+)/, (_m, payload: string, sig: string) => {
      const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      data.voters = "alice";
      return `gavel:vote ${Buffer.from(JSON.stringify(data)).toString("base64url")}.${sig}`;
    });
    await s.say("alice", "/vote yes");
    expect(s.github.state.comments.find((c) => c.id === vote.id)?.body).toContain("**This vote is void.**");
    expect(s.github.state.pr.labels).toEqual(["vote: failed"]);
    expect(records(s)).toHaveLength(0);
  });

  describe("lazy consensus", () => {
    it("passes at the deadline with no objection", async () => {
      const s = await threadScenario();
      await s.say("alice", "/vote lazy");
      s.clock.advanceDays(3);
      await s.tick();
      expect(records(s)[0]?.body).toContain("**Outcome: passed.** No objection by the deadline.");
    });

    it("fails at the first objection", async () => {
      const s = await threadScenario();
      await s.say("alice", "/vote lazy");
      s.clock.advanceDays(1);
      await s.say("frank", "/vote no");
      expect(records(s)[0]?.body).toContain('**Outcome: failed.** 1 objection: lazy consensus fails at the first "no".');
      expect(s.github.state.pr.labels).toEqual(["vote: failed"]);
    });
  });

  it("cancel: recorded as cancelled, never as passed", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote");
    for (const login of ["alice", "bob", "carol"]) await s.say(login, "/vote yes");
    await s.say("mallory", "/vote cancel");
    expect(voteComment(s)?.body).toContain("Vote open");
    await s.say("bob", "/vote cancel");
    expect(records(s)[0]?.body).toContain("**Outcome: cancelled.** Cancelled by @bob; it decides nothing.");
    expect(s.github.state.pr.labels).toEqual(["vote: cancelled"]);
  });

  it("a second /vote points to the open one", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote");
    await s.say("bob", "/vote nomination @zed");
    expect(s.github.appComments("gavel:vote ")).toHaveLength(1);
    expect(replies(s).at(-1)?.body).toContain("A vote is already open on this thread");
  });

  it("a comment without a command costs no API call", async () => {
    const s = await threadScenario();
    await s.say("alice", "> /vote yes\nI agree with the above");
    expect(s.github.requests).toEqual([]);
  });

  it("a redelivered ballot writes nothing new", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote");
    const ballot = s.github.addComment({ login: "bob", body: "/vote yes" });
    await s.receive(issueCommentEvent({ state: s.github.state, action: "created", comment: ballot }));
    const writes = s.github.writes().length;
    await s.receive(issueCommentEvent({ state: s.github.state, action: "created", comment: ballot }));
    expect(s.github.writes()).toHaveLength(writes);
  });

  it("the electorate is fixed when the vote opens", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote");
    s.github.state.files["MAINTAINERS.md"] += "\n- @zed\n";
    await s.say("zed", "/vote yes");
    expect(replies(s).at(-1)?.body).toContain("Only the maintainers listed in the vote can cast a ballot");
    expect(voteComment(s)?.body).not.toContain("@zed |");
  });
});

describe("who votes", () => {
  it("the vote lists all seven maintainers", async () => {
    const s = await threadScenario();
    await s.say("alice", "/vote");
    for (const login of MAINTAINERS) expect(voteComment(s)?.body).toContain(`| @${login} | ⏳ not yet |`);
  });
});
