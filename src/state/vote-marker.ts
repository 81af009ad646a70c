import { MAX_COMMENT_CHARS, MIN_VOTE_TEXT_CHARS } from "../comment-limits.js";
import { formatThreshold, parseThreshold } from "../config/threshold.js";
import { MAX_HANDLE_LENGTH } from "../electorate/find-handles.js";
import type { RecordLimits, VoteRecord, VoteStatus } from "../policy/vote-types.js";
import type { AppComment } from "./announcement-marker.js";
import { deriveMarkerKey, readMarker, writeMarker, type MarkerKey, type MarkerScope } from "./signed-marker.js";

const VOTE = "vote";
const VOID = "vote-void";
const DECISION = "decision";

/**
 * The signed state of a vote, kept inside its vote comment and rewritten by
 * Gavel on every change. `writtenAt` is when Gavel wrote it: GitHub moves the
 * comment's `updated_at` on every edit, so a marker restored from the comment's
 * edit history (to reopen a closed vote) no longer matches and fails.
 *
 * The electorate is most of it, so it is written as one string of logins
 * separated by spaces (`voters`), which no GitHub login holds; markers written
 * before that carry it as an array (`electorate`) and still read.
 */
export function voteMarker(params: { key: MarkerKey; scope: MarkerScope; record: VoteRecord; writtenAt: string }): string {
  const { threshold, electorate, ...rest } = params.record;
  const data = { ...rest, voters: electorate.join(" "), threshold: formatThreshold(threshold), writtenAt: params.writtenAt };
  return writeMarker({ key: params.key, kind: VOTE, scope: params.scope, data });
}

/** The room a vote marker may take: its comment's limit, less the room always kept for the text and the blank line before the marker. */
export const MAX_VOTE_MARKER_CHARS = MAX_COMMENT_CHARS - MIN_VOTE_TEXT_CHARS - 2;

/**
 * The largest electorate a vote opens with. Its marker fits MAX_VOTE_MARKER_CHARS
 * when the logins average up to 15 characters, well above what GitHub logins
 * usually take; 100 more would not (test/state/vote-marker.test.ts holds both).
 * voteMarkerSize still checks each vote exactly, for electorates of longer logins.
 */
export const MAX_ELECTORATE = 2_400;

/** The signature's length doesn't depend on the key, so any key measures a marker. */
const SIZING_KEY = deriveMarkerKey({ secret: "sizing" });

/**
 * The longest `record`'s marker can grow over the vote's life: cancelled by a
 * login of the longest length, on a thread with the largest id. A vote whose
 * size fits MAX_VOTE_MARKER_CHARS when it opens can therefore always be closed.
 */
export function voteMarkerSize(record: VoteRecord): number {
  const closed: VoteRecord = { ...record, status: "cancelled", closedAt: record.deadline, cancelledBy: "x".repeat(MAX_HANDLE_LENGTH) };
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
 * Replaces a tampered vote's state: the vote at position `seq` is void. Gavel
 * can't re-sign what someone else wrote, so the vote fails closed for good.
 */
export function voidMarker(params: { key: MarkerKey; scope: MarkerScope; seq: number }): string {
  return writeMarker({ key: params.key, kind: VOID, scope: params.scope, data: { seq: params.seq } });
}

/** How far GitHub's `updated_at` may sit from Gavel's own clock when Gavel wrote a comment. */
export const EDIT_TOLERANCE_MS = 10 * 60_000;

export interface Decision {
  outcome: VoteStatus;
  closedAt: string;
  cancelledBy: string | null;
  comment: AppComment;
}

/** A vote that verifies: its record, its comment, and when Gavel last wrote it. */
export interface StoredVote {
  record: VoteRecord;
  comment: AppComment;
  writtenAt: string;
}

/**
 * The thread's latest vote, which its labels show and commands act on:
 * - none: no vote was ever opened here;
 * - void: the latest position holds a vote voided after tampering, or whose
 *   comment fails verification: failed, for good;
 * - open: the latest vote is open;
 * - decided: the latest vote is closed; `decision` is its record, or null
 *   when it has none yet (it must be posted).
 */
export type CurrentVote =
  | { kind: "none" }
  | { kind: "void" }
  | { kind: "open"; vote: StoredVote }
  | { kind: "decided"; vote: StoredVote; decision: Decision | null };

/** What races and tampering left in a thread, for repairThread. */
export interface ThreadRepairs {
  /** Vote comments whose marker does not verify, at their position: they fail closed, with an alert. */
  tampered: Array<{ comment: AppComment; reason: string; seq: number }>;
  /** Later vote comments for a position already taken (replicas racing): deleted, their requester told. */
  duplicates: Array<{ comment: AppComment; record: VoteRecord }>;
  /** Later decision records of a decided vote, for deletion. */
  duplicateDecisions: number[];
  /** Decision records that fail verification or were edited: ignored, and reported. */
  brokenDecisions: Array<{ comment: AppComment; reason: string }>;
}

export interface VoteThread {
  current: CurrentVote;
  /** Every vote that verifies, oldest first: a redelivered `/vote` finds the one it opened. */
  votes: StoredVote[];
  /** Positions of votes voided after tampering: closed, failed. */
  voided: number[];
  repairs: ThreadRepairs;
  /** The next free position: what a new vote's `seq` must be. */
  nextSeq: number;
}

/** Whether the thread holds something repairThread must mend before a command is carried out. */
export function needsRepair(thread: VoteThread): boolean {
  return thread.repairs.tampered.length > 0 || thread.repairs.duplicates.length > 0;
}

/**
 * The votes among the app's own comments, oldest first. Each vote comment
 * takes the next position; its marker must verify, belong to this thread,
 * carry that position and not have been edited by anyone but Gavel. A later
 * valid marker for a position already taken is a race between replicas. The
 * earliest valid decision record of a vote is its final outcome.
 */
export function readVotes(params: { key: MarkerKey; scope: MarkerScope; comments: AppComment[] }): VoteThread {
  const votes: StoredVote[] = [];
  const voided: number[] = [];
  const repairs: ThreadRepairs = { tampered: [], duplicates: [], duplicateDecisions: [], brokenDecisions: [] };
  const decisions = new Map<number, Decision>();
  let nextSeq = 0;
  const ordered = [...params.comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
  const read = (kind: string, comment: AppComment) => readMarker({ key: params.key, kind, scope: params.scope, body: comment.body });
  for (const comment of ordered) {
    const decision = read(DECISION, comment);
    if (decision.found) {
      readDecision({ decisions, repairs, comment, reading: decision });
      continue;
    }
    const seq = nextSeq;
    const voidReading = read(VOID, comment);
    if (voidReading.found && voidReading.valid && voidReading.data.seq === seq) {
      voided.push(seq);
      nextSeq++;
      continue;
    }
    const reading = read(VOTE, comment);
    if (!reading.found && !voidReading.found) continue;
    const record = reading.found && reading.valid ? parseRecord(reading.data) : null;
    const writtenAt = reading.found && reading.valid && typeof reading.data.writtenAt === "string" ? reading.data.writtenAt : null;
    let problem: string | null = null;
    if (!reading.found) problem = "the marker is out of sequence";
    else if (!reading.valid) problem = reading.reason;
    else if (!record || !writtenAt) problem = "the marker's state is malformed";
    else if (Math.abs(Date.parse(comment.updatedAt) - Date.parse(writtenAt)) > EDIT_TOLERANCE_MS)
      problem = "the comment was edited by someone other than Gavel";
    else if (record.seq < seq) {
      repairs.duplicates.push({ comment, record });
      continue;
    } else if (record.seq > seq) problem = "the marker is out of sequence";
    if (problem || !record || !writtenAt) repairs.tampered.push({ comment, reason: problem ?? "the marker's state is malformed", seq });
    else votes.push({ record, comment, writtenAt });
    nextSeq++;
  }
  return { current: currentVote({ votes, decisions, nextSeq }), votes, voided, repairs, nextSeq };
}

function currentVote(params: { votes: StoredVote[]; decisions: Map<number, Decision>; nextSeq: number }): CurrentVote {
  const latest = params.votes.at(-1);
  if (params.nextSeq === 0) return { kind: "none" };
  if (!latest || latest.record.seq !== params.nextSeq - 1) return { kind: "void" };
  const decision = params.decisions.get(latest.record.seq) ?? null;
  if (!decision && latest.record.status === "open") return { kind: "open", vote: latest };
  return { kind: "decided", vote: latest, decision };
}

function readDecision(params: { decisions: Map<number, Decision>; repairs: ThreadRepairs; comment: AppComment; reading: ReturnType<typeof readMarker> }): void {
  const { decisions, repairs, comment, reading } = params;
  if (!reading.found) return;
  if (!reading.valid) return void repairs.brokenDecisions.push({ comment, reason: reading.reason });
  const { seq, outcome, closedAt, cancelledBy } = reading.data;
  if (comment.updatedAt !== comment.createdAt) return void repairs.brokenDecisions.push({ comment, reason: "the record was edited" });
  if (typeof seq !== "number" || typeof outcome !== "string" || !isStatus(outcome) || outcome === "open" || typeof closedAt !== "string") {
    return void repairs.brokenDecisions.push({ comment, reason: "the record's state is malformed" });
  }
  if (decisions.has(seq)) repairs.duplicateDecisions.push(comment.id);
  else decisions.set(seq, { outcome, closedAt, cancelledBy: typeof cancelledBy === "string" ? cancelledBy : null, comment });
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
