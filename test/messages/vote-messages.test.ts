import { describe, expect, it } from "@jest/globals";
import { MAX_COMMENT_CHARS, MAX_LISTED_IGNORED, MAX_LISTED_VOTERS } from "../../src/comment-limits.js";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { decisionRecord } from "../../src/messages/decision-record.js";
import { voteComment } from "../../src/messages/vote-comment.js";
import { tamperedVoteAlert, voteReplies } from "../../src/messages/vote-replies.js";
import { voidCauses } from "../../src/messages/vote-tampering.js";
import { openVote } from "../../src/policy/open-vote.js";
import { tallyVote } from "../../src/policy/tally-vote.js";
import type { Ballot, VoteRecord } from "../../src/policy/vote-types.js";
import { deriveMarkerKey } from "../../src/state/signed-marker.js";
import { decisionMarker, MAX_ELECTORATE, readVoteMarker, VOTE_RECORD_LIMITS, voteMarker } from "../../src/state/vote-marker.js";
import { voteRecord } from "../helpers/vote-record.js";

const base: VoteRecord = voteRecord({
  type: "removal",
  subject: "grace",
  recused: true,
  threshold: { kind: "fraction", numerator: 2, denominator: 3 },
  electorate: ["alice", "bob", "carol", "dave", "erin", "frank"],
  starter: "alice",
  requestUrl: "https://github.com/acme/widgets/issues/3#issuecomment-1",
  deadline: "2026-11-29T10:00:00.000Z",
});
const ballot = (commentId: number, author: string, choice: Ballot["choice"], hours: number, edited = false): Ballot => {
  const createdAt = new Date(Date.parse(base.openedAt) + hours * 3_600_000).toISOString();
  return {
    commentId,
    author,
    choice,
    createdAt,
    updatedAt: edited ? "2026-11-24T00:00:00.000Z" : createdAt,
    url: `https://github.com/acme/widgets/issues/3#issuecomment-${commentId}`,
  };
};
const ballots = [
  ballot(11, "alice", "yes", 1),
  ballot(12, "bob", "no", 2),
  ballot(13, "carol", "abstain", 3),
  ballot(14, "dave", "yes", 4, true),
  ballot(15, "mallory", "yes", 5),
];
const now = new Date("2026-11-23T10:00:00.000Z");
const MARKER = "<!-- gavel:vote test -->";

describe("vote messages", () => {
  it("an open vote with every kind of ballot", () => {
    const tally = tallyVote({ vote: base, ballots, now, voteCommentId: 10 });
    expect(voteComment({ question: "Remove @grace (inactive for a year)", record: base, tally, marker: MARKER })).toMatchSnapshot();
  });

  it("an open vote whose counted ballots' comments were deleted or edited afterwards: the recorded values stand, and each row says why", () => {
    const counted: VoteRecord["counted"] = [
      { voter: "alice", choice: "yes", commentId: 11 },
      { voter: "bob", choice: "no", commentId: 12 },
      { voter: "erin", choice: "no", commentId: 16 },
      { voter: "frank", choice: "abstain", commentId: 17 },
    ];
    // bob's no was edited into a yes, erin's no deleted, frank's abstain edited into plain text (it holds no ballot now).
    const changed = [ballot(11, "alice", "yes", 1), { ...ballot(12, "bob", "yes", 2), updatedAt: "2026-11-23T00:00:00.000Z" }];
    const tally = tallyVote({ vote: { ...base, counted }, ballots: changed, now, voteCommentId: 10, standing: new Set([11, 12, 17]) });
    expect(tally.voters.map((v) => [v.login, v.state, v.kept])).toEqual([
      ["alice", "yes", null],
      ["bob", "no", "edited"],
      ["carol", "none", null],
      ["dave", "none", null],
      ["erin", "no", "deleted"],
      ["frank", "abstain", "edited"],
    ]);
    expect(voteComment({ question: "Remove @grace", record: { ...base, counted }, tally, marker: MARKER })).toMatchSnapshot();
  });

  it.each([
    ["passed", { ...base, status: "passed" as const, closedAt: "2026-11-25T10:00:00.000Z" }],
    ["failed at the deadline", { ...base, status: "failed" as const, closedAt: "2026-11-29T10:00:00.000Z" }],
    ["cancelled", { ...base, status: "cancelled" as const, closedAt: "2026-11-23T12:00:00.000Z", cancelledBy: "bob" }],
    [
      "lazy, objected",
      {
        ...base,
        type: "lazy",
        subject: null,
        recused: false,
        threshold: { kind: "lazy-consensus" as const },
        status: "failed" as const,
        closedAt: "2026-11-22T12:00:00.000Z",
      },
    ],
    [
      "impossible count",
      {
        ...base,
        type: "default",
        subject: null,
        recused: false,
        threshold: { kind: "count" as const, count: 9 },
        status: "failed" as const,
        closedAt: "2026-11-22T10:00:00.000Z",
      },
    ],
  ])("closed vote and decision record: %s", (_name, record) => {
    const at = new Date(record.closedAt ?? now);
    const tally = tallyVote({ vote: record, ballots, now: at, voteCommentId: 10 });
    expect(voteComment({ question: "Remove @grace", record, tally, marker: MARKER })).toMatchSnapshot("vote comment");
    expect(
      decisionRecord({
        question: "Remove @grace",
        record,
        tally,
        voteUrl: "https://github.com/acme/widgets/issues/3#issuecomment-10",
        marker: "<!-- gavel:decision test -->",
      }),
    ).toMatchSnapshot("decision record");
  });

  it("replies", () => {
    expect({
      notMaintainer: voteReplies.notMaintainer("mallory"),
      recused: voteReplies.recused("grace"),
      notInElectorate: voteReplies.notInElectorate("mallory"),
      alreadyOpen: voteReplies.alreadyOpen("https://example.test/vote"),
      noOpenVote: voteReplies.noOpenVote(),
      cannotOpen: voteReplies.cannotOpen("there is no vote type `coup`"),
      invalid: voteReplies.invalid({ text: "/vote removal `x`", reason: "too many words" }),
      configError: voteReplies.configError(".github/governance.yml line 3: unknown key"),
      electorateError: voteReplies.electorateError("The team `@acme/core` does not exist."),
    }).toMatchSnapshot();
  });

  it("the alert that voids a tampered vote", () => {
    expect(
      tamperedVoteAlert({
        why: voidCauses.marker("the signature does not verify"),
        original: "### 🗳️ Vote open: X\n\nbody\n<!-- gavel:vote forged -->",
        marker: "<!-- gavel:vote-void test -->",
      }),
    ).toMatchSnapshot();
  });

  it("why a vote is void: edited by someone else (a webhook named them), or reopened behind Gavel's back (its label history shows it)", () => {
    expect({
      edited: voidCauses.edited({ action: "edited", by: "mallory", at: "2026-11-23T09:11:00Z" }),
      reopened: voidCauses.reopened({ label: "vote: failed", at: "2026-11-23T09:09:00Z" }),
    }).toMatchSnapshot();
  });
});

describe("vote messages for large electorates", () => {
  const key = deriveMarkerKey({ secret: "s" });
  const scope = { threadId: 9_007_199_254_740_991 };
  // The longest repository URL GitHub allows (39-character owner, 100-character name), for ballot links.
  const THREAD = `https://github.com/${"o".repeat(39)}/${"r".repeat(100)}/issues/1234567`;
  const handles = (n: number, length: number) => Array.from({ length: n }, (_, i) => `m${i}`.padEnd(length, "x"));
  /** The largest electorate of `length`-character logins that opens. */
  const largest = (length: number) => {
    let [low, high] = [1, MAX_ELECTORATE];
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (openFor(handles(mid, length)).ok) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const openFor = (voters: string[]) =>
    openVote({
      votes: DEFAULT_CONFIG.votes,
      type: "nomination",
      subject: "s".repeat(39),
      starter: voters[0] ?? "",
      voters,
      requestUrl: `${THREAD}#issuecomment-1`,
      seq: 0,
      now: new Date(base.openedAt),
      limits: VOTE_RECORD_LIMITS,
    });
  /** Every fifth voter votes yes, no, abstain, void (edited) or not at all; 1,000 outsiders' ballots are ignored. */
  const castBy = (voters: string[]): Ballot[] => {
    const choices = ["yes", "no", "abstain", "yes"] as const;
    const cast = voters.flatMap((v, i) => (i % 5 === 4 ? [] : [ballot(1_000_000_000 + i, v, choices[i % 5] ?? "yes", 1, i % 5 === 3)]));
    const outsiders = Array.from({ length: 1000 }, (_, i) => ballot(2_000_000_000 + i, `outsider-${i}`.padEnd(39, "x"), "yes", 2));
    return [...cast, ...outsiders].map((b) => ({ ...b, url: `${THREAD}#issuecomment-${b.commentId}` }));
  };
  const rows = (body: string) => body.split("\n").filter((l) => l.startsWith("| @"));
  const more = (text: string | undefined) => Number((/and ([\d,]+) more/.exec(text ?? "")?.[1] ?? "0").replace(/,/g, ""));
  const title = "<".repeat(256);

  it.each([
    ["1 voter", 1, 15],
    ["300 voters", 300, 15],
    ["1,300 voters", 1300, 15],
    [`${MAX_ELECTORATE.toLocaleString("en-US")} voters (the most a vote opens with) of 15-character logins`, MAX_ELECTORATE, 15],
    ["the most 39-character logins a vote opens with", 0, 39],
  ])("%s: the vote comment and decision record fit GitHub's limit, with exact counts", (_name, size, length) => {
    const voters = handles(size || largest(length), length);
    const opened = openFor(voters);
    if (!opened.ok) throw new Error(opened.reason);
    const n = voters.length;
    const ballots = castBy(voters);
    const count = (r: number) => Array.from({ length: n }, (_, i) => i % 5).filter((x) => x === r).length;
    const [yes, no, abstain, notYet] = [count(0), count(1), count(2), count(3) + count(4)];
    const closed = { ...opened.record, status: "cancelled" as const, closedAt: "2026-11-23T10:00:00.000Z", cancelledBy: "c".repeat(39) };
    for (const uncounted of [opened.record, closed]) {
      // Every ballot counted is recorded in the marker, as Gavel writes it.
      const record = { ...uncounted, counted: tallyVote({ vote: uncounted, ballots, now, voteCommentId: 10 }).counted };
      const tally = tallyVote({ vote: record, ballots, now, voteCommentId: 10 });
      const marker = voteMarker({ key, scope, record, writtenAt: now.toISOString() });
      const vote = voteComment({ question: title, record, tally, marker });
      const decision = decisionRecord({
        question: title,
        record,
        tally,
        voteUrl: `${THREAD}#issuecomment-10`,
        marker: decisionMarker({ key, scope, seq: 0, outcome: "cancelled", closedAt: now.toISOString(), cancelledBy: "c".repeat(39) }),
      });
      for (const body of [vote, decision]) {
        expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
        expect(body).not.toContain("(cut:");
        expect(body).toContain(`#### Tally: ${yes} yes · ${no} no · ${abstain} abstain · ${notYet} not yet`);
        const table = rows(body);
        const rest = body.split("\n").find((l) => l.startsWith("| … and "));
        expect(table.length).toBeLessThanOrEqual(MAX_LISTED_VOTERS);
        expect(table.length + more(rest)).toBe(n);
        const notCounted = body.split("\n").find((l) => l.startsWith("Not counted: ")) ?? "";
        const ignored = (notCounted.match(/\(\[ballot\]/g) ?? []).length;
        expect(ignored).toBeLessThanOrEqual(MAX_LISTED_IGNORED);
        expect(ignored + more(notCounted)).toBe(1000);
      }
      const electorate = vote.split("\n").find((l) => l.startsWith("- **Electorate**")) ?? "";
      expect(electorate).toContain(`(${n}, fixed when the vote opened)`);
      const listed = (electorate.match(/@/g) ?? []).length;
      expect(listed).toBeLessThanOrEqual(MAX_LISTED_VOTERS);
      expect(listed + more(electorate)).toBe(n);
      // The marker still holds the whole snapshot.
      const reread = readVoteMarker({ key, scope, body: vote });
      expect(reread).toMatchObject({ valid: true, record: { electorate: voters, counted: record.counted } });
    }
  });

  it("the replies to an electorate too large to record", () => {
    const reasons = [handles(5_000, 6), handles(1_000, 39)].map((voters) => {
      const opened = openFor(voters);
      return opened.ok ? "opened" : voteReplies.cannotOpen(opened.reason);
    });
    expect(reasons).toMatchSnapshot();
  });

  it("a shortened vote comment and decision record: what the lists say about the voters they leave out", () => {
    const voters = handles(320, 6);
    const record: VoteRecord = { ...base, type: "default", subject: null, recused: false, electorate: voters };
    const choices = ["yes", "no", "abstain", "yes", "yes"] as const;
    const cast = voters.slice(0, 310).map((v, i) => ballot(100 + i, v, choices[i % 5] ?? "yes", 1, i % 7 === 6));
    const outsiders = Array.from({ length: 25 }, (_, i) => ballot(1000 + i, `outsider${i}`, "no", 2));
    const tally = tallyVote({ vote: record, ballots: [...cast, ...outsiders], now, voteCommentId: 10 });
    const excerpt = (body: string) => {
      const lines = body.split("\n");
      const line = (start: string) => (lines.find((l) => l.startsWith(start)) ?? "").slice(-90);
      return {
        electorate: line("- **Electorate**"),
        tally: line("#### Tally"),
        lastRows: lines.filter((l) => l.startsWith("| ")).slice(-2),
        notCounted: line("Not counted: "),
      };
    };
    expect(excerpt(voteComment({ question: "Q", record, tally, marker: MARKER }))).toMatchSnapshot("vote comment");
    expect(
      excerpt(
        decisionRecord({
          question: "Q",
          record: { ...record, status: "passed", closedAt: now.toISOString() },
          tally,
          voteUrl: "u",
          marker: "<!-- gavel:decision test -->",
        }),
      ),
    ).toMatchSnapshot("decision record");
  });
});
