import { thresholdMath } from "../policy/threshold-math.js";
import type { Tally, VoteRecord, VoterBallot } from "../policy/vote-types.js";
import { cell, describeThreshold, formatUtc, mention, thresholdArithmetic } from "./format.js";

const BALLOT_LABEL: Record<VoterBallot["state"], string> = {
  yes: "✅ yes",
  no: "❌ no",
  abstain: "➖ abstain",
  void: "⚠️ void (edited after posting; cast a new ballot)",
  none: "⏳ not yet",
};

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
 * the signed state.
 */
export function voteComment(params: { question: string; record: VoteRecord; tally: Tally; marker: string }): string {
  const { record, tally } = params;
  const closed = record.status !== "open";
  const lines = [
    `### ${HEADLINE[record.status]}: ${cell(params.question)}`,
    "",
    `- **Vote:** ${voteSubject(record)}, asked for by ${mention(record.starter)}${record.requestUrl ? ` ([request](${record.requestUrl}))` : ""}`,
    `- **Threshold:** ${voteThreshold(record)}`,
    `- **Opened:** ${formatUtc(record.openedAt)} · **${closed ? "Deadline was" : "Closes"}:** ${formatUtc(record.deadline)}${record.closeEarly && !closed ? " (or earlier, once the outcome can't change)" : ""}`,
    `- **Electorate** (${record.electorate.length}, fixed when the vote opened${record.recused && record.subject ? `; ${mention(record.subject)} recused as the subject` : ""}): ${record.electorate.map(mention).join(", ")}`,
  ];
  if (closed) lines.push(`- **Closed:** ${record.closedAt ? formatUtc(record.closedAt) : "—"}${record.cancelledBy ? ` (cancelled by ${mention(record.cancelledBy)})` : ""}`);
  else lines.push("", "**How to vote:** comment `/vote yes`, `/vote no` or `/vote abstain` on a line of its own. Your latest ballot counts. An edited ballot is void: post a new one instead.");
  lines.push("", tallySection({ record, tally }), "", params.marker);
  return lines.join("\n");
}

/** The per-voter tally, shared by the vote comment and the decision record. */
export function tallySection(params: { record: VoteRecord; tally: Tally }): string {
  const { record, tally } = params;
  const need = record.threshold.kind === "lazy-consensus" ? "no objection needed" : `${tally.required} yes needed`;
  const rows = tally.voters.map((v) => {
    const when = v.ballot ? ` ([ballot](${v.ballot.url}), ${formatUtc(v.ballot.createdAt)})` : "";
    return `| ${mention(v.login)} | ${BALLOT_LABEL[v.state]}${when} |`;
  });
  const lines = [
    `#### Tally: ${tally.yes} yes · ${tally.no} no · ${tally.abstain} abstain · ${tally.notYet} not yet — ${need}`,
    "",
    "| Maintainer | Ballot |",
    "| --- | --- |",
    ...rows,
  ];
  if (tally.ignored.length > 0) {
    lines.push("", `Not counted: ${tally.ignored.map((i) => `${mention(i.ballot.author)} ([ballot](${i.ballot.url}): ${i.reason})`).join(", ")}`);
  }
  return lines.join("\n");
}
