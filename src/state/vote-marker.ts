import { formatThreshold, parseThreshold } from "../config/threshold.js";
import type { VoteRecord, VoteStatus } from "../policy/vote-types.js";
import type { AppComment } from "./announcement-marker.js";
import { readMarker, writeMarker, type MarkerKey, type MarkerScope } from "./signed-marker.js";

const VOTE = "vote";
const VOID = "vote-void";
const DECISION = "decision";

/** The signed state of a vote, kept inside its vote comment and rewritten by Gavel on every change. */
export function voteMarker(params: { key: MarkerKey; scope: MarkerScope; record: VoteRecord }): string {
  const { threshold, ...rest } = params.record;
  return writeMarker({ key: params.key, kind: VOTE, scope: params.scope, data: { ...rest, threshold: formatThreshold(threshold) } });
}

/** Marks a decision record as the record of vote `seq`, so it is posted once. */
export function decisionMarker(params: { key: MarkerKey; scope: MarkerScope; seq: number }): string {
  return writeMarker({ key: params.key, kind: DECISION, scope: params.scope, data: { seq: params.seq } });
}

/**
 * Replaces a tampered vote's state: the vote at position `seq` is void. Gavel
 * can't re-sign what someone else wrote, so the vote fails closed for good.
 */
export function voidMarker(params: { key: MarkerKey; scope: MarkerScope; seq: number }): string {
  return writeMarker({ key: params.key, kind: VOID, scope: params.scope, data: { seq: params.seq } });
}

export interface VoteThread {
  votes: Array<{ record: VoteRecord; comment: AppComment }>;
  /** Positions of votes voided after tampering: closed, failed. */
  voided: number[];
  /** Vote comments whose marker does not verify: their vote fails closed, with an alert. */
  tampered: Array<{ comment: AppComment; reason: string }>;
  /** Later copies of a vote comment from a race between replicas, for deletion. */
  duplicates: number[];
  /** Seqs of votes whose decision record exists. */
  decided: Set<number>;
}

/**
 * The votes among the app's own comments, oldest first. Each marker must
 * verify, belong to this thread and carry the next sequence number, so a
 * marker moved between comments (to revive or rewrite an older vote) fails.
 * A copy of the previous vote's marker with the same request is a race
 * duplicate; anything else out of sequence is tampering.
 */
export function readVotes(params: { key: MarkerKey; scope: MarkerScope; comments: AppComment[] }): VoteThread {
  const thread: VoteThread = { votes: [], voided: [], tampered: [], duplicates: [], decided: new Set() };
  const ordered = [...params.comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  for (const comment of ordered) {
    const decision = readMarker({ key: params.key, kind: DECISION, scope: params.scope, body: comment.body });
    if (decision.found && decision.valid && typeof decision.data.seq === "number") thread.decided.add(decision.data.seq);
    const expected = thread.votes.length + thread.voided.length + thread.tampered.length;
    const voided = readMarker({ key: params.key, kind: VOID, scope: params.scope, body: comment.body });
    if (voided.found && voided.valid && voided.data.seq === expected) {
      thread.voided.push(expected);
      continue;
    }
    const reading = readMarker({ key: params.key, kind: VOTE, scope: params.scope, body: comment.body });
    if (!reading.found && !voided.found) continue;
    if (!reading.found || !reading.valid) {
      thread.tampered.push({ comment, reason: reading.found && !reading.valid ? reading.reason : "the marker is out of sequence" });
      continue;
    }
    const record = parseRecord(reading.data);
    const previous = thread.votes.at(-1)?.record;
    if (record && previous && record.seq === previous.seq && record.requestUrl === previous.requestUrl) {
      thread.duplicates.push(comment.id);
    } else if (!record || record.seq !== expected) {
      thread.tampered.push({ comment, reason: record ? "the marker is out of sequence" : "the marker's state is malformed" });
    } else {
      thread.votes.push({ record, comment });
    }
  }
  return thread;
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
