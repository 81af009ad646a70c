import { describe, expect, it } from "@jest/globals";
import { deletedVoteNotice, lostVoteNotice, tamperingNotice } from "../../src/messages/vote-tampering.js";
import type { Notice, NoticeKind } from "../../src/state/read-votes.js";
import { voteRecord } from "../helpers/vote-record.js";

const record = voteRecord({
  seq: 1,
  type: "nomination",
  subject: "zed",
  starter: "alice",
  electorate: ["alice", "bob", "carol"],
  status: "passed",
  closedAt: "2026-11-23T10:00:00.000Z",
});
const act = { action: "deleted" as const, by: "mallory", at: "2026-11-24T08:30:00.000Z" };
const MARKER = "<!-- gavel:notice test -->";

describe("what Gavel says when someone else edits or deletes its comments", () => {
  it("the notice that takes a deleted open vote's place", () => {
    expect(deletedVoteNotice({ act, record: { ...record, status: "open", closedAt: null }, marker: "<!-- gavel:vote-void test -->" })).toMatchSnapshot();
  });

  it("the notice of a vote whose deletion Gavel never heard of, found in the label history", () => {
    expect(lostVoteNotice({ label: "vote: open", at: "2026-11-24T08:30:00Z", marker: "<!-- gavel:vote-void test -->" })).toMatchSnapshot();
  });

  const kinds: Array<[NoticeKind, Partial<Notice>]> = [
    ["vote-edited", { act: { ...act, action: "edited" }, voteUrl: "https://github.com/acme/widgets/issues/3#issuecomment-10" }],
    ["vote-deleted", {}],
    ["record-edited", { act: { ...act, action: "edited" } }],
    ["record-deleted", { outcome: "failed" }],
    ["void-edited", { act: { ...act, action: "edited" }, vote: null, outcome: "failed" }],
    ["void-deleted", { vote: null, outcome: "failed" }],
    ["record-missing", { act: null }],
  ];
  it.each(kinds)("the report of %s", (kind, extra) => {
    const notice: Notice = { about: `${kind}:1`, kind, seq: 1, act, vote: record, outcome: "passed", voteUrl: null, ...extra };
    expect(tamperingNotice({ notice, marker: MARKER })).toMatchSnapshot();
  });
});
