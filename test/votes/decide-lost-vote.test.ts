import { describe, expect, it } from "@jest/globals";
import type { LabelEvent, VoteRecord, VoteStatus } from "../../src/policy/vote-types.js";
import type { CurrentVote, Decision, StoredVote } from "../../src/state/read-votes.js";
import { decideLostVote, labelsDisagree } from "../../src/votes/decide-lost-vote.js";
import { minutes, voteRecord } from "../helpers/vote-record.js";

const T = minutes;
/** GitHub's clock, as its event log writes it: whole seconds, no milliseconds. */
const G = (n: number) => T(n).replace(".000Z", "Z");

const record = (status: VoteStatus, closedAt: string | null): VoteRecord => voteRecord({ openedAt: T(10), deadline: T(10_090), status, closedAt });
/** The vote posted at minute 10. */
const stored = (status: VoteStatus, closedAt: string | null = null): StoredVote => ({
  record: record(status, closedAt),
  comment: { id: 1, body: "", createdAt: G(10), updatedAt: G(10), url: "u" },
  writtenAt: T(10),
  gone: false,
  altered: false,
});
/** Its decision record, posted at minute 20. */
const decision = (outcome: VoteStatus): Decision => ({
  outcome,
  closedAt: T(20),
  cancelledBy: null,
  comment: { id: 2, body: "", createdAt: G(20), updatedAt: G(20), url: "d" },
});

const NONE: CurrentVote = { kind: "none" };
const VOID: CurrentVote = { kind: "void" };
const OPEN: CurrentVote = { kind: "open", vote: stored("open") };
const PASSED: CurrentVote = { kind: "decided", vote: stored("passed", T(20)), decision: decision("passed") };
const PASSED_NO_RECORD: CurrentVote = { kind: "decided", vote: stored("passed", T(20)), decision: null };
const RECORD_ONLY: CurrentVote = { kind: "decided", vote: null, decision: decision("failed") };

/** Gavel's app adds `label` at minute `at`; `by` someone else. */
const gavel = (label: string, at: number): LabelEvent => ({ label: `vote: ${label}`, added: true, byGavel: true, at: G(at) });
const person = (label: string, at: number, added = true): LabelEvent => ({ label: `vote: ${label}`, added, byGavel: false, at: G(at) });
/** An older vote: opened at minute 1, passed at 5. */
const before = [gavel("open", 1), gavel("passed", 5)];

describe("labelsDisagree: whether a thread's labels are worth checking against GitHub's history", () => {
  it.each([
    ["no vote, no label", NONE, [], false],
    ["no vote, `vote: open`", NONE, ["vote: open"], true],
    ["an open vote labelled open, among other labels", OPEN, ["bug", "Vote: Open"], false],
    ["an open vote labelled passed (an older vote's)", OPEN, ["vote: passed"], true],
    ["an open vote with two vote labels", OPEN, ["vote: open", "vote: passed"], true],
    ["a passed vote labelled passed", PASSED, ["vote: passed"], false],
    ["a passed vote still labelled open (its label write failed)", PASSED, ["vote: open"], true],
    ["a decided vote whose comment is gone, by its record", RECORD_ONLY, ["vote: failed"], false],
    ["a void vote, whatever its labels: failed is the worst it can get", VOID, ["vote: passed"], false],
  ])("%s: %s", (_name, current, labels, disagree) => {
    expect(labelsDisagree({ current, labels })).toBe(disagree);
  });
});

describe("decideLostVote: what GitHub's label history says was lost", () => {
  it.each<[string, CurrentVote, LabelEvent[], unknown]>([
    ["no vote left, but Gavel labelled one open: its comment was deleted", NONE, [gavel("open", 1)], { kind: "deleted", label: "open", at: G(1) }],
    ["no vote, and only people labelled it: nothing Gavel did", NONE, [person("open", 1)], { kind: "none" }],
    ["an open vote Gavel labelled open: a person changed the labels since", OPEN, [...before, gavel("open", 11), person("open", 12, false)], { kind: "none" }],
    ["an open vote whose labelling failed: the older vote's label is all Gavel added", OPEN, before, { kind: "none" }],
    [
      "an open vote Gavel labelled open, then failed: it was closed, and has been reopened",
      OPEN,
      [...before, gavel("open", 11), gavel("failed", 20), person("failed", 21, false), person("open", 21)],
      { kind: "reopened", label: "failed", at: G(20) },
    ],
    ["an open vote: a closed label Gavel added before it opened is an older vote's", OPEN, [gavel("open", 1), gavel("passed", 10)], { kind: "none" }],
    ["a passed vote whose closing label write failed: only its own open label", PASSED, [...before, gavel("open", 11)], { kind: "none" }],
    [
      "a passed vote, and a person relabelled it: Gavel's last label is its own",
      PASSED,
      [gavel("open", 11), gavel("passed", 20), person("open", 30)],
      { kind: "none" },
    ],
    [
      "a passed vote, but Gavel labelled a newer vote open after its record: that vote was deleted",
      PASSED,
      [gavel("open", 11), gavel("passed", 20), gavel("open", 40)],
      { kind: "deleted", label: "open", at: G(40) },
    ],
    [
      "a passed vote, but Gavel labelled a newer vote failed: that vote and its record were deleted",
      PASSED,
      [gavel("open", 11), gavel("passed", 20), gavel("open", 40), gavel("failed", 50)],
      { kind: "deleted", label: "open", at: G(40) },
    ],
    [
      "a passed vote whose record is gone: timed by its close",
      PASSED_NO_RECORD,
      [gavel("open", 11), gavel("passed", 20), gavel("open", 40)],
      { kind: "deleted", label: "open", at: G(40) },
    ],
    [
      "a decided vote known by its record alone",
      RECORD_ONLY,
      [gavel("open", 11), gavel("failed", 20), gavel("open", 30)],
      { kind: "deleted", label: "open", at: G(30) },
    ],
    ["removals are no news", PASSED, [gavel("open", 11), gavel("passed", 20), { ...gavel("open", 40), added: false }], { kind: "none" }],
  ])("%s", (_name, current, history, want) => {
    expect(decideLostVote({ current, history })).toEqual(want);
  });
});
