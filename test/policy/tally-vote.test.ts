import { describe, expect, it } from "@jest/globals";
import type { Threshold } from "../../src/config/types.js";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { openVote } from "../../src/policy/open-vote.js";
import { VOTE_RECORD_LIMITS } from "../../src/state/vote-marker.js";
import { tallyVote } from "../../src/policy/tally-vote.js";
import type { Ballot, VoteRecord } from "../../src/policy/vote-types.js";
import type { Choice } from "../../src/commands/parse-vote-commands.js";

const OPENED = "2026-11-22T10:00:00.000Z";
const DEADLINE = "2026-11-29T10:00:00.000Z";
const hours = (h: number) => new Date(Date.parse(OPENED) + h * 3_600_000);
const voters = (n: number) => Array.from({ length: n }, (_, i) => `m${i + 1}`);

function record(params: { n: number; threshold: Threshold; closeEarly?: boolean; minDurationMs?: number }): VoteRecord {
  return {
    seq: 0,
    type: "default",
    subject: null,
    recused: false,
    threshold: params.threshold,
    electorate: voters(params.n),
    starter: "m1",
    requestUrl: "u",
    openedAt: OPENED,
    deadline: DEADLINE,
    minDurationMs: params.minDurationMs ?? 0,
    closeEarly: params.closeEarly ?? true,
    status: "open",
    closedAt: null,
    cancelledBy: null,
    counted: [],
  };
}

let id = 100;
function ballot(author: string, choice: Choice, at = hours(1), edited = false): Ballot {
  const createdAt = at.toISOString();
  return { commentId: id++, author, choice, createdAt, updatedAt: edited ? hours(2).toISOString() : createdAt, url: `b${id}` };
}
const ballots = (yes: number, no = 0, from = 0) => [
  ...voters(yes + from)
    .slice(from)
    .map((v) => ballot(v, "yes")),
  ...voters(yes + no + from)
    .slice(yes + from)
    .map((v) => ballot(v, "no")),
];

const majority: Threshold = { kind: "majority" };
const twoThirds: Threshold = { kind: "fraction", numerator: 2, denominator: 3 };
const unanimous: Threshold = { kind: "unanimous" };
const lazy: Threshold = { kind: "lazy-consensus" };

describe("tallyVote: early close at N = 1..10", () => {
  // For each N: the fewest yes that pass early, and the fewest no that fail early.
  const table: Array<[string, Threshold, (n: number) => { passYes: number; failNo: number }]> = [
    ["majority", majority, (n) => ({ passYes: Math.floor(n / 2) + 1, failNo: n - Math.floor(n / 2) })],
    ["2/3", twoThirds, (n) => ({ passYes: Math.ceil((2 * n) / 3), failNo: n - Math.ceil((2 * n) / 3) + 1 })],
    ["unanimous", unanimous, (n) => ({ passYes: n, failNo: 1 })],
  ];
  for (const [name, threshold, expect_] of table) {
    for (let n = 1; n <= 10; n++) {
      const { passYes, failNo } = expect_(n);
      it(`${name}, N=${n}: passes with ${passYes} yes, not with ${passYes - 1}`, () => {
        const vote = record({ n, threshold });
        expect(tallyVote({ vote, ballots: ballots(passYes), now: hours(2), voteCommentId: 1 })).toMatchObject({
          outcome: "passed",
          early: true,
          required: passYes,
        });
        expect(tallyVote({ vote, ballots: ballots(passYes - 1), now: hours(2), voteCommentId: 1 }).outcome).toBe("pending");
      });
      it(`${name}, N=${n}: fails early with ${failNo} no, not with ${failNo - 1}`, () => {
        const vote = record({ n, threshold });
        expect(tallyVote({ vote, ballots: ballots(0, failNo), now: hours(2), voteCommentId: 1 })).toMatchObject({ outcome: "failed", early: true });
        expect(tallyVote({ vote, ballots: ballots(0, failNo - 1), now: hours(2), voteCommentId: 1 }).outcome).toBe("pending");
      });
    }
  }

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))("a count of 3 at N=%i: possible only from N=3, passes early at 3 yes", (n) => {
    const vote = record({ n, threshold: { kind: "count", count: 3 } });
    const tally = tallyVote({ vote, ballots: ballots(Math.min(3, n)), now: hours(2), voteCommentId: 1 });
    expect(tally.possible).toBe(n >= 3);
    expect(tally.outcome).toBe(n >= 3 ? "passed" : "failed");
    if (n >= 3) {
      expect(tallyVote({ vote, ballots: ballots(2), now: hours(2), voteCommentId: 1 }).outcome).toBe("pending");
      expect(tallyVote({ vote, ballots: ballots(0, n - 2), now: hours(2), voteCommentId: 1 }).outcome).toBe("failed");
    }
  });

  it.each(Array.from({ length: 10 }, (_, i) => i + 1))("lazy consensus, N=%i: passes at the deadline without a no, fails at the first no", (n) => {
    const vote = record({ n, threshold: lazy });
    expect(tallyVote({ vote, ballots: ballots(n - 1), now: hours(100), voteCommentId: 1 }).outcome).toBe("pending");
    expect(tallyVote({ vote, ballots: [], now: new Date(DEADLINE), voteCommentId: 1 })).toMatchObject({ outcome: "passed", early: false });
    expect(tallyVote({ vote, ballots: [ballot(`m${n}`, "no")], now: hours(2), voteCommentId: 1 })).toMatchObject({ outcome: "failed", early: true });
  });

  it.each([
    [2, "failed"],
    [3, "passed"],
  ])("a count of 3 at N=5 with %i yes at the deadline: %s", (yes, outcome) => {
    const vote = record({ n: 5, threshold: { kind: "count", count: 3 }, closeEarly: false });
    expect(tallyVote({ vote, ballots: ballots(yes), now: new Date(DEADLINE), voteCommentId: 1 }).outcome).toBe(outcome);
  });

  it("a count above N fails at once", () => {
    expect(tallyVote({ vote: record({ n: 3, threshold: { kind: "count", count: 4 } }), ballots: [], now: hours(1), voteCommentId: 1 })).toMatchObject({
      outcome: "failed",
      possible: false,
    });
  });
});

describe("tallyVote: ballots", () => {
  const vote = record({ n: 5, threshold: majority, closeEarly: false });
  it("each voter's latest ballot counts", () => {
    const tally = tallyVote({ vote, ballots: [ballot("m1", "no", hours(1)), ballot("m1", "yes", hours(3))], now: hours(4), voteCommentId: 1 });
    expect(tally.voters[0]).toMatchObject({ login: "m1", state: "yes" });
  });
  it("an edited ballot is void", () => {
    const tally = tallyVote({ vote, ballots: [ballot("m1", "yes", hours(1), true)], now: hours(4), voteCommentId: 1 });
    expect(tally).toMatchObject({ yes: 0, notYet: 5 });
    expect(tally.voters[0]?.state).toBe("void");
  });
  it("ballots from outside the electorate, before the vote, or after the deadline are ignored", () => {
    const tally = tallyVote({
      vote,
      // GitHub numbers comments in order: one before the vote's comment (id 1) has a smaller id.
      ballots: [ballot("outsider", "yes"), { ...ballot("m2", "yes", hours(-1)), commentId: 0 }, ballot("m3", "yes", hours(24 * 7 + 1))],
      now: hours(24 * 8),
      voteCommentId: 1,
    });
    expect(tally.yes).toBe(0);
    expect(tally.ignored.map((i) => i.reason)).toEqual(["cast before the vote opened", "not in this vote's electorate", "cast after the deadline"]);
  });
  it("a ballot numbered after the vote's comment counts, even stamped with the same second as an opening Gavel's clock put later", () => {
    const late = { ...vote, openedAt: new Date(hours(0).getTime() + 500).toISOString() };
    const tally = tallyVote({ vote: late, ballots: [ballot("m1", "yes", hours(0))], now: hours(1), voteCommentId: 1 });
    expect(tally).toMatchObject({ yes: 1, ignored: [] });
  });
  it("ballots are taken in GitHub's order of comments, not by their whole-second times", () => {
    const first = ballot("m1", "no", hours(1));
    const second = ballot("m1", "yes", hours(1));
    const tally = tallyVote({ vote, ballots: [second, first], now: hours(2), voteCommentId: 1 });
    expect(tally.voters[0]).toMatchObject({ login: "m1", state: "yes" });
  });
  it("handles compare case-insensitively", () => {
    expect(tallyVote({ vote, ballots: [ballot("M1", "yes")], now: hours(2), voteCommentId: 1 }).yes).toBe(1);
  });
  it("min_duration holds an early close back and says when to wake", () => {
    const held = record({ n: 3, threshold: majority, minDurationMs: 48 * 3_600_000 });
    expect(tallyVote({ vote: held, ballots: ballots(3), now: hours(2), voteCommentId: 1 })).toMatchObject({
      outcome: "pending",
      nextWakeAt: hours(48).toISOString(),
    });
    expect(tallyVote({ vote: held, ballots: ballots(3), now: hours(48), voteCommentId: 1 }).outcome).toBe("passed");
  });
});

describe("tallyVote: ballots Gavel counted stay counted until their voter casts another", () => {
  const vote = record({ n: 5, threshold: majority, closeEarly: false });
  const B = (commentId: number, author: string, choice: Choice, hour: number, editedAt: number | null = null): Ballot => {
    const createdAt = hours(hour).toISOString();
    return { commentId, author, choice, createdAt, updatedAt: editedAt === null ? createdAt : hours(editedAt).toISOString(), url: `b${commentId}` };
  };
  const counted = (voter: string, choice: Choice, commentId: number) => ({ voter, choice, commentId });
  // m1 voted no in comment 200, counted and recorded.
  const recorded = { ...vote, counted: [counted("m1", "no", 200)] };
  const m1 = (ballots: Ballot[], standing?: number[]) => {
    const tally = tallyVote({ vote: recorded, ballots, now: hours(10), voteCommentId: 1, standing: standing ? new Set(standing) : undefined });
    return { ...tally.voters[0], counted: tally.counted, no: tally.no, yes: tally.yes };
  };
  it.each<[string, Ballot[], number[] | undefined, Record<string, unknown>]>([
    ["its comment as it was: counted, nothing to say", [B(200, "m1", "no", 1)], undefined, { state: "no", kept: null, no: 1 }],
    ["its comment deleted: counted as recorded, shown deleted", [], undefined, { state: "no", kept: "deleted", ballot: null, no: 1 }],
    [
      "its comment edited into a yes: the counted no stands, shown edited",
      [B(200, "m1", "yes", 1, 3)],
      undefined,
      { state: "no", kept: "edited", yes: 0, no: 1 },
    ],
    ["its comment edited into plain text (no ballot, still there): shown edited, not deleted", [], [200], { state: "no", kept: "edited" }],
    [
      "its comment deleted, an older ballot of the voter still there: the recorded one is still the latest",
      [B(150, "m1", "yes", 0.5)],
      undefined,
      { state: "no", kept: "deleted", yes: 0 },
    ],
    [
      "a newer ballot: it counts, and is what gets recorded",
      [B(200, "m1", "no", 1), B(300, "m1", "yes", 2)],
      undefined,
      { state: "yes", kept: null, yes: 1, no: 0 },
    ],
    [
      "a newer ballot edited before it was counted: void, the voter may vote again",
      [B(200, "m1", "no", 1), B(300, "m1", "yes", 2, 3)],
      undefined,
      { state: "void", kept: null, yes: 0, no: 0 },
    ],
  ])("%s", (_name, ballots, standing, want) => {
    expect(m1(ballots, standing)).toMatchObject(want);
  });

  it("records what counted: the recorded ballots still latest, and the new ones; never a void one", () => {
    const ballots = [B(300, "m1", "yes", 2), B(310, "m2", "abstain", 2), B(320, "m3", "yes", 2, 4)];
    const tally = tallyVote({ vote: { ...vote, counted: [counted("m1", "no", 200), counted("m4", "no", 250)] }, ballots, now: hours(10), voteCommentId: 1 });
    expect(tally.counted).toEqual([counted("m1", "yes", 300), counted("m2", "abstain", 310), counted("m4", "no", 250)]);
  });

  it("a closed vote counts its recorded ballots, and ignores what came after it closed", () => {
    const closed = { ...recorded, status: "failed" as const, closedAt: hours(5).toISOString() };
    const tally = tallyVote({ vote: closed, ballots: [B(400, "m1", "yes", 6)], now: hours(5), voteCommentId: 1 });
    expect(tally.voters[0]).toMatchObject({ state: "no", kept: "deleted" });
    expect(tally.ignored.map((i) => i.reason)).toEqual(["cast after the vote closed"]);
  });
});

describe("openVote", () => {
  const seven = voters(7);
  const base = { votes: DEFAULT_CONFIG.votes, starter: "m1", voters: seven, requestUrl: "u", seq: 0, now: new Date(OPENED), limits: VOTE_RECORD_LIMITS };
  it("a removal leaves its subject out of the electorate", () => {
    const opened = openVote({ ...base, type: "removal", subject: "M7" });
    expect(opened).toMatchObject({ ok: true, record: { electorate: voters(6), threshold: twoThirds, deadline: DEADLINE } });
  });
  it("2/3 of the remaining 6 is 4", () => {
    const opened = openVote({ ...base, type: "removal", subject: "m7" });
    if (!opened.ok) throw new Error(opened.reason);
    expect(tallyVote({ vote: opened.record, ballots: ballots(4), now: hours(1), voteCommentId: 1 })).toMatchObject({ required: 4, outcome: "passed" });
  });
  it.each([
    ["an unknown type", { type: "coup", subject: null }, /no vote type `coup`/],
    ["a removal without a subject", { type: "removal", subject: null }, /needs a subject/],
    ["a removal of a non-maintainer", { type: "removal", subject: "stranger" }, /not one of the maintainers/],
    ["a nomination of a maintainer", { type: "nomination", subject: "m2" }, /a maintainer already/],
  ])("refuses %s", (_name, args, reason) => {
    const opened = openVote({ ...base, ...args });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.reason).toMatch(reason);
  });
  it("lazy lasts 72h", () => {
    expect(openVote({ ...base, type: "lazy", subject: null })).toMatchObject({ ok: true, record: { deadline: hours(72).toISOString() } });
  });
});
