import { normalizeLogin } from "./same-login.js";
import { thresholdMath } from "./threshold-math.js";
import type { Ballot, CountedBallot, Outcome, Tally, VoteRecord, VoterBallot } from "./vote-types.js";

/**
 * The tally of a vote at `now` (docs/architecture.md, "Ballots"):
 * - only the electorate snapshot's ballots count, each voter's latest by
 *   GitHub's order of comments;
 * - a ballot Gavel counted (recorded in the vote's signed state,
 *   `vote.counted`) stays counted until its voter casts another: if its
 *   comment was deleted, or edited after it was counted, the recorded value
 *   stands, and the tally says so (`kept`);
 * - a ballot edited before it was counted is void; its voter may vote again;
 * - ballots from before the vote opened (numbered before its comment, even
 *   within the same second), after its deadline, or after it closed don't
 *   count.
 * `standing` holds the ids of the comments people have on the thread now,
 * when known: a counted ballot's comment among them that holds no ballot any
 * more was edited, not deleted.
 *
 * Outcome, with N the snapshot's size:
 * - lazy consensus fails at the first "no" and passes at the deadline without one;
 * - otherwise at the deadline it passes when yes ≥ the threshold, else fails;
 * - with `close_early`, and once `min_duration` has passed, it closes as soon
 *   as the ballots cast settle it: the threshold is met, or even every voter
 *   without a ballot saying yes could not meet it.
 * A threshold larger than N fails at once. Pure.
 */
export function tallyVote(params: { vote: VoteRecord; ballots: Ballot[]; now: Date; voteCommentId: number; standing?: ReadonlySet<number> }): Tally {
  const { vote, now } = params;
  const electorate = new Map(vote.electorate.map((login) => [normalizeLogin(login), login]));
  const ignored: Tally["ignored"] = [];
  const latest = new Map<string, Ballot>();
  // GitHub numbers comments in the order they were made; their times have whole seconds, so ids order them.
  const ordered = [...params.ballots].sort((a, b) => a.commentId - b.commentId);
  // A closed vote counts what was cast until it closed: later ballots can't change a decided outcome.
  const cutoff = Math.min(Date.parse(vote.deadline), vote.closedAt ? Date.parse(vote.closedAt) : Infinity);
  for (const ballot of ordered) {
    const key = normalizeLogin(ballot.author);
    const cast = Date.parse(ballot.createdAt);
    if (!electorate.has(key)) ignored.push({ ballot, reason: "not in this vote's electorate" });
    else if (ballot.commentId <= params.voteCommentId) ignored.push({ ballot, reason: "cast before the vote opened" });
    else if (cast > cutoff)
      ignored.push({ ballot, reason: vote.closedAt && cast <= Date.parse(vote.deadline) ? "cast after the vote closed" : "cast after the deadline" });
    else latest.set(key, ballot);
  }
  const recorded = new Map(vote.counted.map((c) => [normalizeLogin(c.voter), c]));
  const byId = new Map(params.ballots.map((b) => [b.commentId, b]));
  const counted: CountedBallot[] = [];
  const voters: VoterBallot[] = vote.electorate.map((login) => {
    const ballot = latest.get(normalizeLogin(login)) ?? null;
    const record = recorded.get(normalizeLogin(login));
    if (record && (!ballot || ballot.commentId <= record.commentId)) {
      // The recorded ballot is still the voter's latest: it counts as recorded, whatever its comment says now.
      const own = byId.get(record.commentId) ?? null;
      const changed = own ? own.updatedAt !== own.createdAt || own.choice !== record.choice : true;
      const kept = !changed ? null : own || params.standing?.has(record.commentId) ? "edited" : "deleted";
      counted.push({ voter: login, choice: record.choice, commentId: record.commentId });
      return { login, state: record.choice, ballot: own, kept };
    }
    if (!ballot) return { login, state: "none", ballot: null, kept: null };
    if (ballot.updatedAt !== ballot.createdAt) return { login, state: "void", ballot, kept: null };
    counted.push({ voter: login, choice: ballot.choice, commentId: ballot.commentId });
    return { login, state: ballot.choice, ballot, kept: null };
  });
  const count = (state: VoterBallot["state"]) => voters.filter((v) => v.state === state).length;
  const yes = count("yes");
  const no = count("no");
  const abstain = count("abstain");
  const notYet = count("none") + count("void");
  const math = thresholdMath({ threshold: vote.threshold, electorateSize: vote.electorate.length });
  const decided = decide({ vote, now, yes, no, notYet, required: math.required, possible: math.possible });
  return { voters, yes, no, abstain, notYet, required: math.required, possible: math.possible, ignored, counted, ...decided };
}

function decide(params: { vote: VoteRecord; now: Date; yes: number; no: number; notYet: number; required: number; possible: boolean }): {
  outcome: Outcome;
  early: boolean;
  nextWakeAt: string | null;
} {
  const { vote, yes, required } = params;
  const now = params.now.getTime();
  const deadline = Date.parse(vote.deadline);
  const over = now >= deadline;
  const settle = (outcome: Outcome) => ({ outcome, early: !over && outcome !== "pending", nextWakeAt: null });
  if (!params.possible) return settle("failed");
  if (vote.threshold.kind === "lazy-consensus") {
    if (params.no > 0) return settle("failed");
    return over ? settle("passed") : { outcome: "pending", early: false, nextWakeAt: vote.deadline };
  }
  if (over) return settle(yes >= required ? "passed" : "failed");
  const settled = yes >= required || yes + params.notYet < required;
  if (vote.closeEarly && settled) {
    const earliest = Date.parse(vote.openedAt) + vote.minDurationMs;
    if (now >= earliest) return settle(yes >= required ? "passed" : "failed");
    return { outcome: "pending", early: false, nextWakeAt: new Date(earliest).toISOString() };
  }
  return { outcome: "pending", early: false, nextWakeAt: vote.deadline };
}
