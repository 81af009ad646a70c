import { formatThreshold, parseThreshold } from "../config/threshold.js";
import type { VoteRecord, VoteStatus } from "../policy/vote-types.js";
import type { AppComment } from "./announcement-marker.js";
import { readMarker, writeMarker, type MarkerKey, type MarkerScope } from "./signed-marker.js";

const VOTE = "vote";
const VOID = "vote-void";
const DECISION = "decision";

/**
 * The signed state of a vote, kept inside its vote comment and rewritten by
 * Gavel on every change. `writtenAt` is when Gavel wrote it: GitHub moves the
 * comment's `updated_at` on every edit, so a marker restored from the comment's
 * edit history (to reopen a closed vote) no longer matches and fails.
 */
export function voteMarker(params: { key: MarkerKey; scope: MarkerScope; record: VoteRecord; writtenAt: string }): string {
  const { threshold, ...rest } = params.record;
  return writeMarker({ key: params.key, kind: VOTE, scope: params.scope, data: { ...rest, threshold: formatThreshold(threshold), writtenAt: params.writtenAt } });
}

/**
 * The marker of vote `seq`'s decision record. Gavel posts the record before
 * it closes the vote comment, and never edits it: the earliest valid record
 * of a vote is its final outcome, whatever the vote comment later says.
 */
export function decisionMarker(params: { key: MarkerKey; scope: MarkerScope; seq: number; outcome: VoteStatus; closedAt: string; cancelledBy: string | null }): string {
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

export interface VoteThread {
  votes: Array<{ record: VoteRecord; comment: AppComment; writtenAt: string }>;
  /** Positions of votes voided after tampering: closed, failed. */
  voided: number[];
  /** Vote comments whose marker does not verify, at their position: they fail closed, with an alert. */
  tampered: Array<{ comment: AppComment; reason: string; seq: number }>;
  /** Later vote comments for a position already taken (replicas racing): deleted, their requester told. */
  duplicates: Array<{ comment: AppComment; record: VoteRecord }>;
  /** The earliest valid decision record of each vote. */
  decisions: Map<number, Decision>;
  /** Later decision records of a decided vote, for deletion. */
  duplicateDecisions: number[];
  /** Decision records that fail verification or were edited: ignored, and reported. */
  brokenDecisions: Array<{ comment: AppComment; reason: string }>;
  /** The next free position: what a new vote's `seq` must be. */
  nextSeq: number;
}

/**
 * The votes among the app's own comments, oldest first. Each vote comment
 * takes the next position; its marker must verify, belong to this thread,
 * carry that position and not have been edited by anyone but Gavel. A later
 * valid marker for a position already taken is a race between replicas.
 */
export function readVotes(params: { key: MarkerKey; scope: MarkerScope; comments: AppComment[] }): VoteThread {
  const thread: VoteThread = { votes: [], voided: [], tampered: [], duplicates: [], decisions: new Map(), duplicateDecisions: [], brokenDecisions: [], nextSeq: 0 };
  const ordered = [...params.comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
  const read = (kind: string, comment: AppComment) => readMarker({ key: params.key, kind, scope: params.scope, body: comment.body });
  for (const comment of ordered) {
    const decision = read(DECISION, comment);
    if (decision.found) {
      readDecision({ thread, comment, reading: decision });
      continue;
    }
    const seq = thread.nextSeq;
    const voided = read(VOID, comment);
    if (voided.found && voided.valid && voided.data.seq === seq) {
      thread.voided.push(seq);
      thread.nextSeq++;
      continue;
    }
    const reading = read(VOTE, comment);
    if (!reading.found && !voided.found) continue;
    const record = reading.found && reading.valid ? parseRecord(reading.data) : null;
    const writtenAt = reading.found && reading.valid && typeof reading.data.writtenAt === "string" ? reading.data.writtenAt : null;
    let problem: string | null = null;
    if (!reading.found) problem = "the marker is out of sequence";
    else if (!reading.valid) problem = reading.reason;
    else if (!record || !writtenAt) problem = "the marker's state is malformed";
    else if (Math.abs(Date.parse(comment.updatedAt) - Date.parse(writtenAt)) > EDIT_TOLERANCE_MS) problem = "the comment was edited by someone other than Gavel";
    else if (record.seq < seq) {
      thread.duplicates.push({ comment, record });
      continue;
    } else if (record.seq > seq) problem = "the marker is out of sequence";
    if (problem || !record || !writtenAt) thread.tampered.push({ comment, reason: problem ?? "the marker's state is malformed", seq });
    else thread.votes.push({ record, comment, writtenAt });
    thread.nextSeq++;
  }
  return thread;
}

function readDecision(params: { thread: VoteThread; comment: AppComment; reading: ReturnType<typeof readMarker> }): void {
  const { thread, comment, reading } = params;
  if (!reading.found) return;
  if (!reading.valid) return void thread.brokenDecisions.push({ comment, reason: reading.reason });
  const { seq, outcome, closedAt, cancelledBy } = reading.data;
  if (comment.updatedAt !== comment.createdAt) return void thread.brokenDecisions.push({ comment, reason: "the record was edited" });
  if (typeof seq !== "number" || typeof outcome !== "string" || !isStatus(outcome) || outcome === "open" || typeof closedAt !== "string") {
    return void thread.brokenDecisions.push({ comment, reason: "the record's state is malformed" });
  }
  if (thread.decisions.has(seq)) thread.duplicateDecisions.push(comment.id);
  else thread.decisions.set(seq, { outcome, closedAt, cancelledBy: typeof cancelledBy === "string" ? cancelledBy : null, comment });
}

const STATUSES: readonly string[] = ["open", "passed", "failed", "cancelled"];

function parseRecord(data: Record<string, unknown>): VoteRecord | null {
  const threshold = parseThreshold(data.threshold);
  const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
  const { seq, type, subject, recused, electorate, starter, requestUrl, openedAt, deadline, minDurationMs, closeEarly, status, closedAt, cancelledBy } = data;
  if (!threshold.ok || typeof seq !== "number" || typeof minDurationMs !== "number" || typeof closeEarly !== "boolean" || typeof recused !== "boolean") return null;
  if (!Array.isArray(electorate) || !electorate.every((e): e is string => typeof e === "string")) return null;
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

function isStatus(value: string): value is VoteStatus {
  return STATUSES.includes(value);
}
