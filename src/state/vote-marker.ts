import { MAX_COMMENT_CHARS, MIN_VOTE_TEXT_CHARS } from "../comment-limits.js";
import { formatThreshold, parseThreshold } from "../config/threshold.js";
import { MAX_HANDLE_LENGTH } from "../electorate/find-handles.js";
import type { RecordLimits, VoteRecord, VoteStatus } from "../policy/vote-types.js";
import { decodeCounted, encodeCounted } from "./counted-ballots.js";
import { deriveMarkerKey, readMarker, writeMarker, type MarkerKey, type MarkerScope } from "./signed-marker.js";

const VOTE = "vote";
const VOID = "vote-void";
const DECISION = "decision";

/**
 * The signed state of a vote, kept inside its vote comment and rewritten by
 * Gavel on every change. `writtenAt` is when Gavel wrote it: GitHub moves the
 * comment's `updated_at` on every edit, so a marker restored from the comment's
 * edit history (to reopen a closed vote) no longer matches and fails. Within
 * EDIT_TOLERANCE_MS it still would: the webhook of the edit, which names who
 * made it, catches that (readVotes' `tampering`).
 *
 * The electorate is most of it, so it is written as one string of logins
 * separated by spaces (`voters`), which no GitHub login holds; markers written
 * before that carry it as an array (`electorate`) and still read. The ballots
 * counted so far follow, one entry per voter (`ballots`, see
 * counted-ballots.ts); markers written before carry none.
 */
export function voteMarker(params: { key: MarkerKey; scope: MarkerScope; record: VoteRecord; writtenAt: string }): string {
  const { threshold, electorate, counted, ...rest } = params.record;
  const ballots = encodeCounted({ electorate, counted });
  const data = { ...rest, voters: electorate.join(" "), ballots, threshold: formatThreshold(threshold), writtenAt: params.writtenAt };
  return writeMarker({ key: params.key, kind: VOTE, scope: params.scope, data });
}

/** The room a vote marker may take: its comment's limit, less the room always kept for the text and the blank line before the marker. */
export const MAX_VOTE_MARKER_CHARS = MAX_COMMENT_CHARS - MIN_VOTE_TEXT_CHARS - 2;

/**
 * The largest electorate a vote opens with. Its marker fits MAX_VOTE_MARKER_CHARS
 * when the logins average up to 15 characters, well above what GitHub logins
 * usually take, and every voter's ballot is recorded in it; 100 more would not
 * (test/state/vote-marker.test.ts holds both). voteMarkerSize still checks
 * each vote exactly, for electorates of longer logins.
 */
export const MAX_ELECTORATE = 1_400;

/** The signature's length doesn't depend on the key, so any key measures a marker. */
const SIZING_KEY = deriveMarkerKey({ secret: "sizing" });

/**
 * The longest `record`'s marker can grow over the vote's life: cancelled by a
 * login of the longest length, on a thread with the largest id, with every
 * voter's ballot counted in a comment of the largest id. A vote whose size
 * fits MAX_VOTE_MARKER_CHARS when it opens can therefore always be closed.
 */
export function voteMarkerSize(record: VoteRecord): number {
  const counted = record.electorate.map((voter) => ({ voter, choice: "abstain" as const, commentId: Number.MAX_SAFE_INTEGER }));
  const closed: VoteRecord = { ...record, status: "cancelled", closedAt: record.deadline, cancelledBy: "x".repeat(MAX_HANDLE_LENGTH), counted };
  return voteMarker({ key: SIZING_KEY, scope: { threadId: Number.MAX_SAFE_INTEGER }, record: closed, writtenAt: record.openedAt }).length;
}

/** What a vote's record may take, for openVote: the limits of this marker's format. */
export const VOTE_RECORD_LIMITS: RecordLimits = { maxVoters: MAX_ELECTORATE, maxChars: MAX_VOTE_MARKER_CHARS, size: voteMarkerSize };

/**
 * The marker of vote `seq`'s decision record. Gavel posts the record before
 * it closes the vote comment, and never edits it: the earliest valid record
 * of a vote is its final outcome, whatever the vote comment later says.
 */
export function decisionMarker(params: {
  key: MarkerKey;
  scope: MarkerScope;
  seq: number;
  outcome: VoteStatus;
  closedAt: string;
  cancelledBy: string | null;
}): string {
  const { seq, outcome, closedAt, cancelledBy } = params;
  return writeMarker({ key: params.key, kind: DECISION, scope: params.scope, data: { seq, outcome, closedAt, cancelledBy } });
}

/**
 * The vote at position `seq` is void: it replaces a tampered vote comment's
 * state (Gavel can't re-sign what someone else wrote), or stands in a notice
 * for a vote whose comment was deleted while it was open. The vote fails
 * closed for good.
 */
export function voidMarker(params: { key: MarkerKey; scope: MarkerScope; seq: number }): string {
  return writeMarker({ key: params.key, kind: VOID, scope: params.scope, data: { seq: params.seq } });
}

/** How far GitHub's `updated_at` may sit from Gavel's own clock when Gavel wrote a comment. */
export const EDIT_TOLERANCE_MS = 10 * 60_000;

/** A comment's vote marker: absent, a record that verifies (and when Gavel wrote it), or why it doesn't. */
export type VoteMarkerReading =
  | { found: false }
  | { found: true; valid: true; record: VoteRecord; writtenAt: string }
  | { found: true; valid: false; reason: string };

export function readVoteMarker(params: { key: MarkerKey; scope: MarkerScope; body: string }): VoteMarkerReading {
  const reading = readMarker({ ...params, kind: VOTE });
  if (!reading.found || !reading.valid) return reading;
  const record = parseRecord(reading.data);
  const writtenAt = reading.data.writtenAt;
  if (!record || typeof writtenAt !== "string") return { found: true, valid: false, reason: "the marker's state is malformed" };
  return { found: true, valid: true, record, writtenAt };
}

/** The position a comment's void marker voids; null when it has none, or one that doesn't verify (`found`). */
export function readVoidMarker(params: { key: MarkerKey; scope: MarkerScope; body: string }): { found: boolean; seq: number | null } {
  const reading = readMarker({ ...params, kind: VOID });
  const seq = reading.found && reading.valid ? reading.data.seq : null;
  return { found: reading.found, seq: typeof seq === "number" ? seq : null };
}

/** What a decision record's marker says: the vote's position and its final outcome. */
export interface RecordedDecision {
  seq: number;
  outcome: VoteStatus;
  closedAt: string;
  cancelledBy: string | null;
}

export type DecisionReading = { found: false } | { found: true; valid: true; decision: RecordedDecision } | { found: true; valid: false; reason: string };

export function readDecisionMarker(params: { key: MarkerKey; scope: MarkerScope; body: string }): DecisionReading {
  const reading = readMarker({ ...params, kind: DECISION });
  if (!reading.found || !reading.valid) return reading;
  const { seq, outcome, closedAt, cancelledBy } = reading.data;
  if (typeof seq !== "number" || typeof outcome !== "string" || !isStatus(outcome) || outcome === "open" || typeof closedAt !== "string") {
    return { found: true, valid: false, reason: "the record's state is malformed" };
  }
  return { found: true, valid: true, decision: { seq, outcome, closedAt, cancelledBy: typeof cancelledBy === "string" ? cancelledBy : null } };
}

const STATUSES: readonly string[] = ["open", "passed", "failed", "cancelled"];

function parseRecord(data: Record<string, unknown>): VoteRecord | null {
  const threshold = parseThreshold(data.threshold);
  const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
  const { seq, type, subject, recused, starter, requestUrl, openedAt, deadline, minDurationMs, closeEarly, status, closedAt, cancelledBy } = data;
  if (!threshold.ok || typeof seq !== "number" || typeof minDurationMs !== "number" || typeof closeEarly !== "boolean" || typeof recused !== "boolean")
    return null;
  const electorate = readElectorate(data);
  if (!electorate) return null;
  const counted = typeof data.ballots === "string" ? decodeCounted({ electorate, text: data.ballots }) : data.ballots === undefined ? [] : null;
  if (!counted) return null;
  const status_ = str(status);
  if (!status_ || !isStatus(status_)) return null;
  const fields = { type: str(type), starter: str(starter), requestUrl: str(requestUrl), openedAt: str(openedAt), deadline: str(deadline) };
  if (!fields.type || !fields.starter || fields.requestUrl === null || !fields.openedAt || !fields.deadline) return null;
  return {
    seq,
    type: fields.type,
    subject: str(subject),
    recused,
    threshold: threshold.threshold,
    electorate,
    starter: fields.starter,
    requestUrl: fields.requestUrl,
    openedAt: fields.openedAt,
    deadline: fields.deadline,
    minDurationMs,
    closeEarly,
    status: status_,
    closedAt: str(closedAt),
    cancelledBy: str(cancelledBy),
    counted,
  };
}

function readElectorate(data: Record<string, unknown>): string[] | null {
  if (typeof data.voters === "string") return data.voters === "" ? [] : data.voters.split(" ");
  const legacy = data.electorate;
  return Array.isArray(legacy) && legacy.every((e): e is string => typeof e === "string") ? legacy : null;
}

function isStatus(value: string): value is VoteStatus {
  return STATUSES.includes(value);
}
