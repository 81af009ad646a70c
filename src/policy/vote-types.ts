/**
 * A `/vote`: its state as Gavel keeps it (signed, in its own comment), the
 * ballots people cast, and the tally. Pure data.
 */
import type { Threshold } from "../config/types.js";
import type { Choice } from "../commands/parse-vote-commands.js";
import type { Login } from "./types.js";

export type VoteStatus = "open" | "passed" | "failed" | "cancelled";

/** Everything fixed when a vote opens, plus how it ended. */
export interface VoteRecord {
  /** Position among the app's vote comments on this item, oldest first. */
  seq: number;
  type: string;
  subject: Login | null;
  /** The subject was left out of the electorate (`recuse_subject`). */
  recused: boolean;
  threshold: Threshold;
  /** The electorate snapshot: fixed when the vote opens. */
  electorate: Login[];
  starter: Login;
  /** The comment that asked for the vote. */
  requestUrl: string;
  openedAt: string;
  deadline: string;
  minDurationMs: number;
  closeEarly: boolean;
  status: VoteStatus;
  closedAt: string | null;
  /** Who cancelled, for a cancelled vote. */
  cancelledBy: Login | null;
  /**
   * The ballots Gavel counted at its last tally, at most one per voter: each
   * stays counted until its voter casts another, whatever becomes of its
   * comment (see tallyVote).
   */
  counted: CountedBallot[];
}

/** A ballot as the vote's signed state records it once counted: whose, which choice, and its comment. */
export interface CountedBallot {
  voter: Login;
  choice: Choice;
  commentId: number;
}

/** A `/vote yes|no|abstain` comment. */
export interface Ballot {
  commentId: number;
  author: Login;
  choice: Choice;
  createdAt: string;
  updatedAt: string;
  url: string;
}

export type BallotState = Choice | "void" | "none";

export interface VoterBallot {
  login: Login;
  state: BallotState;
  /** The ballot that counts (or was voided), if its comment is still there. */
  ballot: Ballot | null;
  /**
   * The counted ballot's comment was deleted, or edited, after Gavel counted
   * it: the value recorded in the vote's signed state stands.
   */
  kept: "deleted" | "edited" | null;
}

export type Outcome = "pending" | "passed" | "failed";

export interface Tally {
  voters: VoterBallot[];
  yes: number;
  no: number;
  abstain: number;
  /** Voters with no valid ballot yet (a voided ballot counts here: its voter may vote again). */
  notYet: number;
  /** Yes votes needed; 0 under lazy consensus. */
  required: number;
  /** False when the threshold asks for more voters than the electorate has. */
  possible: boolean;
  outcome: Outcome;
  /** True when the outcome was reached before the deadline. */
  early: boolean;
  /** Ballots ignored: from outside the electorate, before the vote opened, or after its deadline. */
  ignored: Array<{ ballot: Ballot; reason: string }>;
  /** When time alone could next change the outcome; null once decided. */
  nextWakeAt: string | null;
  /** The ballots this tally counted, for the vote's signed state: one per voter with a yes, no or abstain. */
  counted: CountedBallot[];
}

/**
 * How large a vote's signed record may be. The record's written form (the
 * marker in Gavel's comment) decides, so the state layer that writes it
 * supplies these; policy only applies them.
 */
export interface RecordLimits {
  /** The most voters a vote opens with. */
  maxVoters: number;
  /** The most characters the record may take, at its largest over the vote's life. */
  maxChars: number;
  /** The characters `record` takes at its largest. */
  size: (record: VoteRecord) => number;
}

/**
 * One label change in an issue's event log, which GitHub keeps and nobody
 * can edit: which label, added or removed, whether Gavel's app made it, and
 * when (GitHub's clock).
 */
export interface LabelEvent {
  label: string;
  added: boolean;
  byGavel: boolean;
  at: string;
}
