import { MAX_LISTED_IGNORED, MAX_LISTED_VOTERS } from "../comment-limits.js";
import { thresholdMath } from "../policy/threshold-math.js";
import type { Tally, VoteRecord, VoterBallot } from "../policy/vote-types.js";
import { fitComment, listSome, visibleRoom } from "./fit-comment.js";
import { cell, describeThreshold, formatUtc, mention, thresholdArithmetic } from "./format.js";

const BALLOT_LABEL: Record<VoterBallot["state"], string> = {
  yes: "✅ yes",
  no: "❌ no",
  abstain: "➖ abstain",
  void: "⚠️ void (edited before it was counted; cast a new ballot)",
  none: "⏳ not yet",
};

const SUM_ORDER: ReadonlyArray<VoterBallot["state"]> = ["yes", "no", "abstain", "void", "none"];
const SHORT_LABEL: Record<VoterBallot["state"], string> = { ...BALLOT_LABEL, void: "⚠️ void" };

const HEADLINE: Record<VoteRecord["status"], string> = {
  open: "🗳️ Vote open",
  passed: "✅ Vote passed",
  failed: "❌ Vote failed",
  cancelled: "🚫 Vote cancelled",
};

/** What is being decided: the type, and its subject if any. */
export function voteSubject(record: VoteRecord): string {
  return record.subject ? `\`${record.type}\` of ${mention(record.subject)}` : `\`${record.type}\``;
}

/** The threshold and its arithmetic over the snapshot. */
export function voteThreshold(record: VoteRecord): string {
  const math = thresholdMath({ threshold: record.threshold, electorateSize: record.electorate.length });
  return `${describeThreshold(record.threshold)}: ${thresholdArithmetic(math)}`;
}

/**
 * Gavel's vote comment: the question, the rules of this vote, how to vote,
 * and the live tally, edited in place as ballots arrive. `marker` carries
 * the signed state, electorate included, and takes what room it needs; the
 * lists of people are shortened to what is left (the counts stay exact), so
 * the comment always fits GitHub's limit.
 */
export function voteComment(params: { question: string; record: VoteRecord; tally: Tally; marker: string }): string {
  const { record, tally } = params;
  const closed = record.status !== "open";
  const head = [
    `### ${HEADLINE[record.status]}: ${cell(params.question)}`,
    "",
    `- **Vote:** ${voteSubject(record)}, asked for by ${mention(record.starter)}${record.requestUrl ? ` ([request](${record.requestUrl}))` : ""}`,
    `- **Threshold:** ${voteThreshold(record)}`,
    `- **Opened:** ${formatUtc(record.openedAt)} · **${closed ? "Deadline was" : "Closes"}:** ${formatUtc(record.deadline)}${record.closeEarly && !closed ? " (or earlier, once the outcome can't change)" : ""}`,
    `- **Electorate** (${record.electorate.length}, fixed when the vote opened${record.recused && record.subject ? `; ${mention(record.subject)} recused as the subject` : ""}): `,
  ].join("\n");
  const after = closed
    ? `\n- **Closed:** ${record.closedAt ? formatUtc(record.closedAt) : "—"}${record.cancelledBy ? ` (cancelled by ${mention(record.cancelledBy)})` : ""}`
    : "\n\n**How to vote:** comment `/vote yes`, `/vote no` or `/vote abstain` on a line of its own. Your latest ballot counts: to change it, post a new one. Once counted, editing or deleting it changes nothing.";
  const room = visibleRoom(params.marker) - head.length - after.length - 2;
  // The electorate may take a quarter of the room; the tally, which names the same people with their ballots, the rest.
  const electorate = listSome({ items: record.electorate.map(mention), max: MAX_LISTED_VOTERS, room: Math.floor(room / 4) }).join(", ");
  const visible = `${head}${electorate}${after}\n\n${tallySection({ record, tally, room: room - electorate.length })}`;
  return fitComment({ visible, marker: params.marker, what: "vote comment" });
}

/**
 * The per-voter tally, shared by the vote comment and the decision record,
 * in at most `room` characters: the counts always, then as many voters'
 * rows and ignored ballots as fit, each list ending with "and N more".
 */
export function tallySection(params: { record: VoteRecord; tally: Tally; room: number }): string {
  const { record, tally } = params;
  const need = record.threshold.kind === "lazy-consensus" ? "no objection needed" : `${tally.required} yes needed`;
  const head = [
    `#### Tally: ${tally.yes} yes · ${tally.no} no · ${tally.abstain} abstain · ${tally.notYet} not yet — ${need}`,
    "",
    "| Maintainer | Ballot |",
    "| --- | --- |",
  ].join("\n");
  const rest = params.room - head.length;
  const lead = "\n\nNot counted: ";
  const ignoredItems = tally.ignored.map((i) => `${mention(i.ballot.author)} ([ballot](${i.ballot.url}): ${i.reason})`);
  const ignored =
    ignoredItems.length === 0
      ? ""
      : `${lead}${listSome({ items: ignoredItems, max: MAX_LISTED_IGNORED, room: Math.floor(rest / 4) - lead.length }).join(", ")}`;
  return [head, ...ballotRows({ voters: tally.voters, room: rest - ignored.length - 1 })].join("\n") + ignored;
}

/**
 * One row per voter, in the electorate's order when all fit. Otherwise the
 * voters who cast a ballot come first, so no ballot hides behind voters
 * without one, and a last row sums up the rest by ballot.
 */
function ballotRows(params: { voters: VoterBallot[]; room: number }): string[] {
  const rows = params.voters.map(ballotRow);
  if (rows.length <= MAX_LISTED_VOTERS && rows.reduce((sum, row) => sum + row.length + 1, -1) <= params.room) return rows;
  const ordered = [...params.voters.filter((v) => v.state !== "none"), ...params.voters.filter((v) => v.state === "none")];
  const more = (left: number) => `| … and ${left.toLocaleString("en-US")} more | ${sumUp(ordered.slice(ordered.length - left))} |`;
  return listSome({ items: ordered.map(ballotRow), max: MAX_LISTED_VOTERS, room: params.room, separator: "\n", more });
}

/** A counted ballot whose comment changed after Gavel counted it: the recorded value stands, and the row says why. */
const KEPT: Record<NonNullable<VoterBallot["kept"]>, string> = {
  deleted: "ballot deleted; counted as recorded",
  edited: "edited after it was counted; the counted value stands",
};

function ballotRow(v: VoterBallot): string {
  const link = v.ballot ? `[ballot](${v.ballot.url}), ${formatUtc(v.ballot.createdAt)}` : null;
  const note = [link, v.kept ? KEPT[v.kept] : null].filter((part) => part !== null).join("; ");
  return `| ${mention(v.login)} | ${BALLOT_LABEL[v.state]}${note ? ` (${note})` : ""} |`;
}

/** The voters left out of the table, by ballot: `⏳ not yet`, or `3 ✅ yes · 4,697 ⏳ not yet`. Never longer for fewer voters. */
function sumUp(voters: VoterBallot[]): string {
  const states = SUM_ORDER.map((state) => ({ state, count: voters.filter((v) => v.state === state).length })).filter((s) => s.count > 0);
  if (states.length === 1 && states[0]) return SHORT_LABEL[states[0].state];
  return states.map((s) => `${s.count.toLocaleString("en-US")} ${SHORT_LABEL[s.state]}`).join(" · ");
}
