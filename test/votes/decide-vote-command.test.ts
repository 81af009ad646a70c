import { describe, expect, it } from "@jest/globals";
import type { VoteCommand } from "../../src/commands/parse-vote-commands.js";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { voteReplies } from "../../src/messages/vote-replies.js";
import type { VoteRecord } from "../../src/policy/vote-types.js";
import type { CurrentVote, StoredVote } from "../../src/state/read-votes.js";
import { VOTE_RECORD_LIMITS } from "../../src/state/vote-marker.js";
import { decideVoteCommand, type Maintainers } from "../../src/votes/decide-vote-command.js";
import { voteRecord } from "../helpers/vote-record.js";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const MAINTAINERS = ["alice", "bob", "carol", "dave", "erin"];
const maintainers: Maintainers = { ok: true, voters: MAINTAINERS, votes: DEFAULT_CONFIG.votes };

function stored(extra: Partial<VoteRecord> = {}): StoredVote {
  const record: VoteRecord = voteRecord({
    electorate: MAINTAINERS,
    starter: "alice",
    requestUrl: "https://github.com/acme/widgets/issues/3#issuecomment-1",
    openedAt: "2026-11-21T10:00:00.000Z",
    deadline: "2026-11-28T10:00:00.000Z",
    ...extra,
  });
  return {
    record,
    comment: { id: 11, body: "vote", createdAt: record.openedAt, updatedAt: record.openedAt, url: "https://github.com/acme/widgets/issues/3#issuecomment-11" },
    writtenAt: record.openedAt,
    gone: false,
    altered: false,
  };
}

const openVote = stored();
const OPEN: CurrentVote = { kind: "open", vote: openVote };
const NONE: CurrentVote = { kind: "none" };
const DECIDED: CurrentVote = { kind: "decided", vote: stored({ status: "passed", closedAt: "2026-11-22T09:00:00.000Z" }), decision: null };
const start = (type: string | null = null, subject: string | null = null): VoteCommand => ({ kind: "start", type, subject });

interface Row {
  name: string;
  command: VoteCommand;
  commenter?: string;
  commentUrl?: string;
  commentId?: number;
  current: CurrentVote;
  maintainers?: Maintainers | null;
  /** Matched as a subset, so a row names only what it is about. */
  want: Record<string, unknown>;
}

describe("decideVoteCommand: who may do what", () => {
  const rows: Row[] = [
    {
      name: "an unreadable command: the reason, nothing changes",
      command: { kind: "invalid", text: "/vote a b c", reason: "too many words" },
      current: OPEN,
      want: { kind: "reply", reply: voteReplies.invalid({ text: "/vote a b c", reason: "too many words" }) },
    },
    { name: "status: the vote is brought up to date", command: { kind: "status" }, current: OPEN, want: { kind: "reconcile", reply: null } },
    {
      name: "a ballot with no open vote: told so",
      command: { kind: "ballot", choice: "yes" },
      current: NONE,
      want: { kind: "reply", reply: voteReplies.noOpenVote() },
    },
    {
      name: "a ballot after the vote closed: told there is no open vote",
      command: { kind: "ballot", choice: "yes" },
      current: DECIDED,
      want: { kind: "reply", reply: voteReplies.noOpenVote() },
    },
    {
      name: "a ballot from outside the snapshot: not counted, told why",
      command: { kind: "ballot", choice: "yes" },
      commenter: "mallory",
      current: OPEN,
      want: { kind: "reply", reply: voteReplies.notInElectorate("mallory") },
    },
    {
      name: "a voter's ballot (any case of the login): tallied",
      command: { kind: "ballot", choice: "no" },
      commenter: "BOB",
      current: OPEN,
      want: { kind: "reconcile", reply: null },
    },
    {
      name: "a redelivered /vote: finds the vote it opened, opens nothing",
      command: start(),
      commentUrl: openVote.record.requestUrl,
      current: DECIDED,
      want: { kind: "reconcile", reply: null },
    },
    {
      name: "the starter cancels without the maintainers being read",
      command: { kind: "cancel" },
      commenter: "alice",
      current: OPEN,
      maintainers: null,
      want: { kind: "cancel", by: "alice" },
    },
    {
      name: "someone else's cancel needs the maintainers",
      command: { kind: "cancel" },
      commenter: "bob",
      current: OPEN,
      maintainers: null,
      want: { kind: "need-maintainers" },
    },
    { name: "a start needs the maintainers", command: start(), current: NONE, maintainers: null, want: { kind: "need-maintainers" } },
    {
      name: "maintainers that can't be read: the reason",
      command: start(),
      current: NONE,
      maintainers: { ok: false, reply: "config broken" },
      want: { kind: "reply", reply: "config broken" },
    },
    {
      name: "a stranger's /vote: a polite reply",
      command: start(),
      commenter: "mallory",
      current: NONE,
      want: { kind: "reply", reply: voteReplies.notMaintainer("mallory") },
    },
    {
      name: "a stranger's cancel: a polite reply",
      command: { kind: "cancel" },
      commenter: "mallory",
      current: OPEN,
      want: { kind: "reply", reply: voteReplies.notMaintainer("mallory") },
    },
    { name: "a maintainer cancels another's vote", command: { kind: "cancel" }, commenter: "bob", current: OPEN, want: { kind: "cancel", by: "bob" } },
    {
      name: "a cancel written before the open vote (redelivered, or late): nothing changes, no reply",
      command: { kind: "cancel" },
      commenter: "bob",
      commentId: 10,
      current: OPEN,
      want: { kind: "reconcile", reply: null },
    },
    {
      name: "the starter's cancel written before the vote opened: nothing either",
      command: { kind: "cancel" },
      commenter: "alice",
      commentId: 10,
      current: OPEN,
      maintainers: null,
      want: { kind: "reconcile", reply: null },
    },
    {
      name: "a cancel written just after the vote comment: cancels",
      command: { kind: "cancel" },
      commenter: "bob",
      commentId: 12,
      current: OPEN,
      want: { kind: "cancel", by: "bob" },
    },
    {
      name: "a cancel with nothing open",
      command: { kind: "cancel" },
      commenter: "bob",
      current: NONE,
      want: { kind: "reply", reply: voteReplies.noOpenVote() },
    },
    {
      name: "a second /vote: points to the open one",
      command: start(),
      commenter: "bob",
      current: OPEN,
      want: { kind: "reconcile", reply: voteReplies.alreadyOpen(openVote.comment.url) },
    },
    {
      name: "a /vote: opens one, the electorate fixed now",
      command: start(),
      commenter: "bob",
      current: NONE,
      want: { kind: "open", record: { seq: 4, type: "default", starter: "bob", electorate: MAINTAINERS, openedAt: NOW.toISOString(), status: "open" } },
    },
    {
      name: "after a decided vote, a new one opens",
      command: start("nomination", "frank"),
      commenter: "bob",
      current: DECIDED,
      want: { kind: "open", record: { type: "nomination", subject: "frank" } },
    },
    {
      name: "a removal recuses its subject",
      command: start("removal", "erin"),
      commenter: "bob",
      current: NONE,
      want: { kind: "open", record: { type: "removal", subject: "erin", recused: true, electorate: ["alice", "bob", "carol", "dave"] } },
    },
    {
      name: "the recused subject can't cancel their removal, though they started it",
      command: { kind: "cancel" },
      commenter: "Erin",
      current: { kind: "open", vote: stored({ type: "removal", subject: "erin", recused: true, starter: "erin" }) },
      maintainers: null,
      want: { kind: "reply", reply: voteReplies.recused("Erin") },
    },
    {
      name: "the subject of a vote that doesn't recuse them may cancel it",
      command: { kind: "cancel" },
      commenter: "erin",
      current: { kind: "open", vote: stored({ type: "default", subject: "erin", recused: false }) },
      want: { kind: "cancel", by: "erin" },
    },
    {
      name: "the subject can't start a removal of themselves",
      command: start("removal", "ERIN"),
      commenter: "erin",
      current: NONE,
      want: { kind: "reply", reply: voteReplies.recused("erin") },
    },
    {
      name: "the subject of a type that doesn't recuse may start it",
      command: start("nomination", "erin"),
      commenter: "erin",
      current: NONE,
      want: { kind: "reply", reply: voteReplies.cannotOpen("@erin is a maintainer already") },
    },
    { name: "a stranger's refusal is limited", command: start(), commenter: "mallory", current: NONE, want: { kind: "reply", refusal: true } },
    {
      name: "a ballot from outside the electorate is a refusal, even from a maintainer",
      command: { kind: "ballot", choice: "yes" },
      commenter: "frank",
      current: { kind: "open", vote: stored({ electorate: ["alice", "bob"] }) },
      want: { kind: "reply", refusal: true },
    },
    {
      name: "an unreadable command from someone unknown is limited",
      command: { kind: "invalid", text: "/vote a b c", reason: "too many words" },
      commenter: "mallory",
      current: NONE,
      want: { kind: "reply", refusal: true },
    },
    {
      name: "an unreadable command from a voter of the latest vote is not",
      command: { kind: "invalid", text: "/vote a b c", reason: "too many words" },
      commenter: "carol",
      current: DECIDED,
      want: { kind: "reply", refusal: false },
    },
    {
      name: "a maintainer's failed /vote is answered every time",
      command: start("budget"),
      commenter: "bob",
      current: NONE,
      want: { kind: "reply", refusal: false },
    },
    {
      name: "a maintainer's cancel with nothing open is answered every time",
      command: { kind: "cancel" },
      commenter: "bob",
      current: NONE,
      want: { kind: "reply", reply: voteReplies.noOpenVote(), refusal: false },
    },
    {
      name: "a type the config lacks: can't open, says which exist",
      command: start("budget"),
      commenter: "bob",
      current: NONE,
      want: { kind: "reply", reply: expect.stringContaining("there is no vote type `budget`") },
    },
  ];
  it.each(rows)("$name", (row) => {
    const decision = decideVoteCommand({
      request: {
        command: row.command,
        commenter: row.commenter ?? "alice",
        commentUrl: row.commentUrl ?? "https://github.com/acme/widgets/issues/3#issuecomment-99",
        commentId: row.commentId ?? 99,
      },
      current: row.current,
      votes: row.current.kind === "none" ? [] : [openVote],
      maintainers: row.maintainers === undefined ? maintainers : row.maintainers,
      nextSeq: 4,
      limits: VOTE_RECORD_LIMITS,
      now: NOW,
    });
    expect(decision).toMatchObject(row.want);
  });
});
