import type { Login } from "../policy/types.js";
import type { VoteRecord, VoteStatus } from "../policy/vote-types.js";
import type { AppComment } from "./announcement-marker.js";
import type { MarkerKey, MarkerScope } from "./signed-marker.js";
import { EDIT_TOLERANCE_MS, readDecisionMarker, readVoidMarker, readVoteMarker, type DecisionReading, type VoteMarkerReading } from "./vote-marker.js";

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
  /** Its comment was deleted (a webhook said so, with its last text): there is nothing to rewrite. */
  gone: boolean;
  /** Someone other than Gavel changed its comment (restored an earlier text, or a webhook said so): it is written again. */
  altered: boolean;
}

/**
 * The thread's latest vote (the one at the highest position), which its labels show and commands act on:
 * - none: no vote was ever opened here;
 * - void: voided after tampering, or to be: failed, for good;
 * - open: the latest vote is open;
 * - decided: the latest vote is closed; `decision` is its record, or null
 *   when it has none (it must be posted again); `vote` is its comment's
 *   state, or null when that comment is gone or unreadable (the record stands).
 */
export type CurrentVote =
  | { kind: "none" }
  | { kind: "void" }
  | { kind: "open"; vote: StoredVote }
  | { kind: "decided"; vote: StoredVote | null; decision: Decision | null };

/** Who changed one of Gavel's comments, how, and when (GitHub's `updated_at` of an edit; when Gavel heard of a deletion). */
export interface TamperAct {
  action: "edited" | "deleted";
  by: Login;
  at: string;
}

/**
 * A webhook's news that someone other than Gavel's own account edited or
 * deleted one of Gavel's comments: whatever the comment says now, that is
 * tampering. `former` is its text before (an edit's `changes.body.from`, a
 * deleted comment's last text), signed by Gavel if it held state.
 */
export interface CommentTampering extends TamperAct {
  commentId: number;
  url: string;
  former: string;
}

export type NoticeKind = "vote-edited" | "vote-deleted" | "record-edited" | "record-deleted" | "void-edited" | "void-deleted" | "record-missing";

/** Something to report on the thread, once (its marker keeps `about`). */
export interface Notice {
  about: string;
  kind: NoticeKind;
  /** The position of the vote it concerns. */
  seq: number;
  /** Who did what and when; null when Gavel found the result without a webhook. */
  act: TamperAct | null;
  /** The vote it concerns, as last signed, and its outcome, when known. */
  vote: VoteRecord | null;
  outcome: VoteStatus | null;
  /** Its vote comment, while it is there. */
  voteUrl: string | null;
}

/** A vote comment to void, at its position: its marker fails verification, or someone else edited it while the vote was open. */
export interface Tampered {
  comment: AppComment;
  reason: string;
  seq: number;
  act: TamperAct | null;
}

/** What races and tampering left in a thread, for repairThread. */
export interface ThreadRepairs {
  tampered: Tampered[];
  /** Later vote comments for a position already taken (replicas racing): deleted, their requester told. */
  duplicates: Array<{ comment: AppComment; record: VoteRecord }>;
  /** Later decision records of a decided vote, for deletion. */
  duplicateDecisions: number[];
  /** Decision records that fail verification or were edited: ignored, and reported. */
  brokenDecisions: Array<{ comment: AppComment; reason: string }>;
  /** Positions whose open vote's comment was deleted: a notice with a void marker takes its place. */
  tombstones: Array<{ seq: number; act: TamperAct; record: VoteRecord }>;
  /** Gavel's texts someone deleted or edited (a decision record, a void notice), to post again as they were. */
  reposts: string[];
  /** Comments of decided votes before the current one that someone else changed: written again from their records. */
  restores: Array<{ vote: StoredVote; decision: Decision }>;
  notices: Notice[];
}

export interface VoteThread {
  current: CurrentVote;
  /** Every vote that verifies, by position: a redelivered `/vote` finds the one it opened. */
  votes: StoredVote[];
  /** Positions of votes voided, or to be voided now. */
  voided: number[];
  repairs: ThreadRepairs;
  /** The next free position: what a new vote's `seq` must be. */
  nextSeq: number;
}

/** Whether the thread holds something repairThread must mend before a command is carried out. */
export function needsRepair(thread: VoteThread): boolean {
  const { repairs } = thread;
  return repairs.tampered.length + repairs.duplicates.length + repairs.tombstones.length + repairs.reposts.length > 0;
}

/** What one position holds. */
interface Position {
  decision: Decision | null;
  voided: boolean;
  vote: StoredVote | null;
  /** A vote comment here that fails; `restored` when its marker verifies but was restored from the comment's history. */
  tampered: (Tampered & { restored: StoredVote | null }) | null;
}

type Reader = { key: MarkerKey; scope: MarkerScope };

/**
 * The votes among the app's own comments. A vote's position is the `seq`
 * its signed marker carries, so deleting a comment leaves a gap and moves no
 * other vote; Gavel posts vote comments in the order of their positions, so
 * a marker must carry a position above every earlier comment's, and its
 * comment must be the one it was written for (created when the vote opened)
 * and not edited by anyone but Gavel. A later valid marker for a position
 * already taken is a race between replicas. The earliest valid decision
 * record of a position is its final outcome, whatever its vote comment says;
 * a void marker voids its position. `tampering` is a webhook's news of an
 * edit or deletion by someone else (see applyTampering).
 */
export function readVotes(params: { key: MarkerKey; scope: MarkerScope; comments: AppComment[]; tampering?: CommentTampering | null }): VoteThread {
  const reader: Reader = { key: params.key, scope: params.scope };
  const positions = new Map<number, Position>();
  const at = (seq: number): Position => {
    const known = positions.get(seq);
    if (known) return known;
    const fresh: Position = { decision: null, voided: false, vote: null, tampered: null };
    positions.set(seq, fresh);
    return fresh;
  };
  const repairs: ThreadRepairs = {
    tampered: [],
    duplicates: [],
    duplicateDecisions: [],
    brokenDecisions: [],
    tombstones: [],
    reposts: [],
    restores: [],
    notices: [],
  };
  let highest = -1;
  const ordered = [...params.comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id);
  for (const comment of ordered) {
    const read = { ...reader, body: comment.body };
    const decision = readDecisionMarker(read);
    if (decision.found) {
      readDecision({ at, repairs, comment, reading: decision });
      continue;
    }
    const voided = readVoidMarker(read);
    if (voided.seq !== null) {
      at(voided.seq).voided = true;
      highest = Math.max(highest, voided.seq);
      continue;
    }
    const reading = readVoteMarker(read);
    if (!reading.found && !voided.found) continue;
    const placed = placeVote({ comment, reading, highest, taken: (seq) => positions.get(seq)?.vote != null });
    if (placed.kind === "duplicate") {
      repairs.duplicates.push({ comment, record: placed.record });
      continue;
    }
    const position = at(placed.seq);
    if (placed.kind === "vote") position.vote = placed.vote;
    else position.tampered ??= { comment, reason: placed.reason, seq: placed.seq, act: null, restored: placed.restored };
    highest = Math.max(highest, placed.seq);
  }
  if (params.tampering) applyTampering({ tampering: params.tampering, reader, at, repairs, comments: params.comments });
  return resolve({ positions, repairs });
}

type Placed =
  | { kind: "vote"; seq: number; vote: StoredVote }
  | { kind: "duplicate"; record: VoteRecord }
  | { kind: "tampered"; seq: number; reason: string; restored: StoredVote | null };

/** Where a vote comment goes: a position it holds, a race's later copy, or tampered (at its signed position when that can be trusted, else the next one). */
function placeVote(params: { comment: AppComment; reading: VoteMarkerReading; highest: number; taken: (seq: number) => boolean }): Placed {
  const { comment, reading, highest } = params;
  const next = (reason: string): Placed => ({ kind: "tampered", seq: highest + 1, reason, restored: null });
  if (!reading.found) return next("its void marker does not verify");
  if (!reading.valid) return next(reading.reason);
  const { record, writtenAt } = reading;
  if (Math.abs(Date.parse(comment.createdAt) - Date.parse(record.openedAt)) > EDIT_TOLERANCE_MS) return next("the marker belongs to another comment");
  if (record.seq <= highest) return params.taken(record.seq) ? { kind: "duplicate", record } : next("the marker is out of sequence");
  const vote: StoredVote = { record: onGitHubClock({ record, createdAt: comment.createdAt }), comment, writtenAt, gone: false, altered: false };
  if (Math.abs(Date.parse(comment.updatedAt) - Date.parse(writtenAt)) > EDIT_TOLERANCE_MS)
    return { kind: "tampered", seq: record.seq, reason: "the comment was edited by someone other than Gavel", restored: { ...vote, altered: true } };
  return { kind: "vote", seq: record.seq, vote };
}

/**
 * A vote opens when GitHub created its comment, by GitHub's clock, as a
 * discussion starts with its announcement's: Gavel's clock, which wrote the
 * record just before, may be ahead by a fraction of a second or more. The
 * deadline keeps its distance from the opening, so ballots and deadline are
 * compared on the one clock that stamps ballots.
 */
function onGitHubClock(params: { record: VoteRecord; createdAt: string }): VoteRecord {
  const { record } = params;
  const opened = Date.parse(record.openedAt);
  const created = Date.parse(params.createdAt);
  if (Number.isNaN(created) || created === opened) return record;
  const deadline = Date.parse(record.deadline) - opened + created;
  return { ...record, openedAt: new Date(created).toISOString(), deadline: new Date(deadline).toISOString() };
}

function readDecision(params: { at: (seq: number) => Position; repairs: ThreadRepairs; comment: AppComment; reading: DecisionReading }): void {
  const { repairs, comment, reading } = params;
  if (!reading.found) return;
  if (!reading.valid) return void repairs.brokenDecisions.push({ comment, reason: reading.reason });
  if (comment.updatedAt !== comment.createdAt) return void repairs.brokenDecisions.push({ comment, reason: "the record was edited" });
  const { seq, ...decision } = reading.decision;
  const position = params.at(seq);
  if (position.decision) repairs.duplicateDecisions.push(comment.id);
  else position.decision = { ...decision, comment };
}

/**
 * A webhook said someone else edited or deleted one of Gavel's comments;
 * its former text says which state it held:
 * - a decision record: it is posted again as it was, unless its position has one;
 * - a void notice: posted again, unless its position is void;
 * - a vote comment whose position has a decision record: the record stands
 *   (an edited comment is written again from it);
 * - an open vote's comment: the vote is void (edited: in place; deleted: a
 *   notice with a void marker takes its place);
 * - a closed vote's comment whose record is gone too: decided as its last
 *   signed state says, and its record is posted again from that.
 * Every one of them but the voided vote (whose alert says it) is reported once.
 */
function applyTampering(params: {
  tampering: CommentTampering;
  reader: Reader;
  at: (seq: number) => Position;
  repairs: ThreadRepairs;
  comments: AppComment[];
}): void {
  const { tampering, at, repairs } = params;
  const act: TamperAct = { action: tampering.action, by: tampering.by, at: tampering.at };
  const about = `${tampering.action}:${tampering.commentId}${tampering.action === "edited" ? `:${tampering.at}` : ""}`;
  const notice = (kind: NoticeKind, seq: number) => repairs.notices.push({ about, kind, seq, act, vote: null, outcome: null, voteUrl: null });
  const body = tampering.former;
  const read = { ...params.reader, body };
  const comment = params.comments.find((c) => c.id === tampering.commentId) ?? null;
  const standIn: AppComment = comment ?? { id: tampering.commentId, body, createdAt: tampering.at, updatedAt: tampering.at, url: tampering.url };
  const decision = readDecisionMarker(read);
  if (decision.found && decision.valid) {
    const { seq, ...recorded } = decision.decision;
    const position = at(seq);
    if (!position.decision) {
      position.decision = { ...recorded, comment: standIn };
      repairs.reposts.push(body);
    }
    return void notice(tampering.action === "edited" ? "record-edited" : "record-deleted", seq);
  }
  const voided = readVoidMarker(read).seq;
  if (voided !== null) {
    if (!at(voided).voided) repairs.reposts.push(body);
    at(voided).voided = true;
    return void notice(tampering.action === "edited" ? "void-edited" : "void-deleted", voided);
  }
  const vote = readVoteMarker(read);
  if (!vote.found || !vote.valid) return;
  const { record, writtenAt } = vote;
  const position = at(record.seq);
  if (position.voided) return;
  if (!position.decision && record.status === "open") {
    if (comment) position.tampered = { comment, reason: "", seq: record.seq, act, restored: null };
    else repairs.tombstones.push({ seq: record.seq, act, record });
    position.voided = comment === null;
    position.vote = null;
    return;
  }
  position.vote = { record, comment: standIn, writtenAt, gone: !comment, altered: true };
  position.tampered = null;
  notice(tampering.action === "edited" ? "vote-edited" : "vote-deleted", record.seq);
}

/** The thread's votes once every comment is placed: what each position holds, what to repair, and the current vote. */
function resolve(params: { positions: Map<number, Position>; repairs: ThreadRepairs }): VoteThread {
  const { repairs } = params;
  const positions = [...params.positions.entries()].sort(([a], [b]) => a - b);
  const votes: StoredVote[] = [];
  const voided: number[] = [];
  for (const [seq, position] of positions) {
    const { tampered } = position;
    // A tampered comment at a decided position is never voided: the record stands, and a restored comment is written again from it.
    if (position.decision && !position.vote && tampered?.restored) position.vote = tampered.restored;
    if (tampered && !position.decision && !position.voided)
      repairs.tampered.push({ comment: tampered.comment, reason: tampered.reason, seq, act: tampered.act });
    if (position.voided || (tampered && !position.decision)) voided.push(seq);
    if (position.vote && !position.vote.gone) votes.push(position.vote);
  }
  const top = positions.at(-1);
  for (const [seq, { vote, decision }] of positions) {
    if (seq !== top?.[0] && vote?.altered && !vote.gone && decision) repairs.restores.push({ vote, decision });
  }
  const current = top ? currentAt({ seq: top[0], position: top[1], voided }) : { kind: "none" as const };
  if (current.kind === "decided" && !current.decision && current.vote) {
    const { seq } = current.vote.record;
    repairs.notices.push({ about: `record-missing:${seq}`, kind: "record-missing", seq, act: null, vote: null, outcome: null, voteUrl: null });
  }
  for (const notice of repairs.notices) {
    const position = params.positions.get(notice.seq);
    const vote = position?.vote ?? null;
    notice.vote = vote?.record ?? null;
    notice.outcome = position?.decision?.outcome ?? (position?.voided ? "failed" : vote && vote.record.status !== "open" ? vote.record.status : null);
    notice.voteUrl = vote && !vote.gone ? vote.comment.url : null;
  }
  return { current, votes, voided, repairs, nextSeq: top ? top[0] + 1 : 0 };
}

function currentAt(params: { seq: number; position: Position; voided: number[] }): CurrentVote {
  const { position } = params;
  if (position.decision) return { kind: "decided", vote: position.vote, decision: position.decision };
  if (params.voided.includes(params.seq) || !position.vote) return { kind: "void" };
  if (position.vote.record.status === "open") return { kind: "open", vote: position.vote };
  return { kind: "decided", vote: position.vote, decision: null };
}
