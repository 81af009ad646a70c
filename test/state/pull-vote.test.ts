import { describe, expect, it } from "@jest/globals";
import type { VoteRecord } from "../../src/policy/vote-types.js";
import type { AppComment } from "../../src/state/announcement-marker.js";
import { mayHoldVotes, readPullVote } from "../../src/state/pull-vote.js";
import { deriveMarkerKey, writeMarker } from "../../src/state/signed-marker.js";
import { decisionMarker, readVoteMarker, voidMarker, voteMarker } from "../../src/state/vote-marker.js";
import { minutes, voteRecord } from "../helpers/vote-record.js";

/**
 * The vote a PR's evaluation reads (issue 16): the thread's latest, from
 * Gavel's signed comments, bound to the PR's ISSUE id; and whether the
 * comments hold any vote at all, told without verifying anything.
 */
const key = deriveMarkerKey({ secret: "s" });
/** The PR's issue; its pull request has another id (7). */
const ISSUE = { threadId: 42 };
const HEAD = "c0ffee0000000000000000000000000000000003";
const T = minutes;

let id = 1;
const comment = (body: string, createdAt: string, updatedAt = createdAt): AppComment => ({
  id: id++,
  body: `text\n\n${body}`,
  createdAt,
  updatedAt,
  url: `#c${id}`,
});
const opened = voteRecord({ pullHead: HEAD, counted: [{ voter: "a", choice: "yes", commentId: 9 }] });
const vote = (record: VoteRecord, writtenAt = record.openedAt, scope = ISSUE) =>
  comment(voteMarker({ key, scope, record, writtenAt }), record.openedAt, writtenAt);
const passed: VoteRecord = { ...opened, status: "passed", closedAt: T(30), counted: [...opened.counted, { voter: "b", choice: "yes", commentId: 10 }] };
const record = (outcome: "passed" | "failed" | "cancelled", cancelledBy: string | null = null) =>
  comment(decisionMarker({ key, scope: ISSUE, seq: 0, outcome, closedAt: T(30), cancelledBy }), T(30));

describe("readPullVote", () => {
  it("no vote: null", () => {
    expect(
      readPullVote({ key, scope: ISSUE, comments: [comment(writeMarker({ key, kind: "announcement", scope: { threadId: 7 }, data: {} }), T(0))] }),
    ).toBeNull();
  });

  it("an open vote, with its comment and its state", () => {
    const c = vote(opened);
    expect(readPullVote({ key, scope: ISSUE, comments: [c] })).toEqual({ status: "open", record: { ...opened }, url: c.url, recordUrl: null });
  });

  it("a passed vote: its outcome is its decision record's, its state its comment's", () => {
    const c = vote(passed, T(30));
    const r = record("passed");
    expect(readPullVote({ key, scope: ISSUE, comments: [c, r] })).toEqual({ status: "passed", record: passed, url: c.url, recordUrl: r.url });
  });

  it("closed by its record while its comment still says open (a crash in between): the record's outcome and time", () => {
    const read = readPullVote({ key, scope: ISSUE, comments: [vote(opened), record("cancelled", "a")] });
    expect(read).toMatchObject({ status: "cancelled", record: { status: "cancelled", closedAt: T(30), cancelledBy: "a" } });
  });

  it("a vote whose comment is gone: the record's outcome, no state", () => {
    expect(readPullVote({ key, scope: ISSUE, comments: [record("passed")] })).toMatchObject({ status: "passed", record: null, url: null });
  });

  it("a voided vote: void", () => {
    const voided = comment(voidMarker({ key, scope: ISSUE, seq: 0 }), T(40));
    expect(readPullVote({ key, scope: ISSUE, comments: [vote(opened), voided] })).toEqual({ status: "void", record: null, url: null, recordUrl: null });
  });

  it("markers bound to the PR's own id, not its issue's, don't verify: the vote is void, never read as passed", () => {
    const elsewhere = { threadId: 7 };
    const forged = [
      vote(passed, T(30), elsewhere),
      comment(decisionMarker({ key, scope: elsewhere, seq: 0, outcome: "passed", closedAt: T(30), cancelledBy: null }), T(30)),
    ];
    expect(readPullVote({ key, scope: ISSUE, comments: forged })?.status).toBe("void");
  });

  it("the latest vote counts", () => {
    const second = voteRecord({ seq: 1, openedAt: T(100), deadline: T(10_180), pullHead: HEAD });
    expect(readPullVote({ key, scope: ISSUE, comments: [vote(passed, T(30)), record("passed"), vote(second)] })?.status).toBe("open");
  });
});

describe("mayHoldVotes", () => {
  it.each([
    ["no comments", [], false],
    ["an announcement only", [comment(writeMarker({ key, kind: "announcement", scope: ISSUE, data: {} }), T(0))], false],
    ["a vote comment", [vote(opened)], true],
    ["a decision record", [record("failed")], true],
    ["a void notice", [comment(voidMarker({ key, scope: ISSUE, seq: 0 }), T(0))], true],
    [
      "a reply quoting a vote marker before its own",
      [comment(`> ${voteMarker({ key, scope: ISSUE, record: opened, writtenAt: T(0) })}\n\n<!-- gavel:reply x.y -->`, T(0))],
      false,
    ],
  ])("%s: %s", (_name, comments, holds) => {
    expect(mayHoldVotes(comments)).toBe(holds);
  });
});

describe("the PR's head in the vote's signed state", () => {
  it("is written and read back; a vote on an issue carries none", () => {
    const read = (r: VoteRecord) => {
      const reading = readVoteMarker({ key, scope: ISSUE, body: voteMarker({ key, scope: ISSUE, record: r, writtenAt: T(0) }) });
      return reading.found && reading.valid ? reading.record.pullHead : "invalid";
    };
    expect(read(opened)).toBe(HEAD);
    expect(read(voteRecord())).toBeNull();
    // A vote on an issue writes its marker as before: no `head` key at all.
    const payload = (r: VoteRecord) =>
      JSON.parse(Buffer.from(/gavel:vote ([\w-]+)\./.exec(voteMarker({ key, scope: ISSUE, record: r, writtenAt: T(0) }))?.[1] ?? "", "base64url").toString());
    expect(payload(voteRecord())).not.toHaveProperty("head");
    expect(payload(opened)).toHaveProperty("head", HEAD);
  });
});
