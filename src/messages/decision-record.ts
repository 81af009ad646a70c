import type { Tally, VoteRecord } from "../policy/vote-types.js";
import { CHECK_NAME } from "../constants.js";
import { fitComment, visibleRoom } from "./fit-comment.js";
import { cell, formatUtc, mention } from "./format.js";
import { tallySection, voteSubject, voteThreshold } from "./vote-comment.js";

/**
 * The decision record posted once when a vote closes: the outcome and why,
 * the final tally per voter with ballot links and times, the threshold
 * arithmetic, when it opened and closed, and who asked for it. On a pull
 * request (`pullUrl`), it links the PR's checks: the vote decides its
 * `governance` check. Its marker is small, so the tally's lists get nearly
 * all of GitHub's limit.
 */
export function decisionRecord(params: {
  question: string;
  record: VoteRecord;
  tally: Tally;
  voteUrl: string;
  pullUrl: string | null;
  marker: string;
}): string {
  const { record, tally } = params;
  const outcome = record.status === "cancelled" ? "cancelled" : record.status;
  const why = reason({ record, tally });
  const head = [
    `### 📜 Decision record: ${cell(params.question)}`,
    "",
    `**Outcome: ${outcome}.** ${why}`,
    "",
    "| | |",
    "| --- | --- |",
    `| Vote | ${voteSubject(record)} ([vote](${params.voteUrl})) |`,
    `| Threshold | ${voteThreshold(record)} |`,
    `| Asked for by | ${mention(record.starter)}${record.requestUrl ? ` ([request](${record.requestUrl}))` : ""} |`,
    `| Opened | ${formatUtc(record.openedAt)} |`,
    `| Deadline | ${formatUtc(record.deadline)} |`,
    `| Closed | ${record.closedAt ? formatUtc(record.closedAt) : "—"} |`,
    ...(params.pullUrl
      ? [`| Check | this pull request's \`${CHECK_NAME}\` check, which the vote decides where a rule governs it ([checks](${params.pullUrl}/checks)) |`]
      : []),
  ].join("\n");
  const visible = `${head}\n\n${tallySection({ record, tally, room: visibleRoom(params.marker) - head.length - 2 })}`;
  return fitComment({ visible, marker: params.marker, what: "decision record" });
}

function reason(params: { record: VoteRecord; tally: Tally }): string {
  const { record, tally } = params;
  if (record.status === "cancelled") return `Cancelled by ${record.cancelledBy ? mention(record.cancelledBy) : "a maintainer"}; it decides nothing.`;
  if (!tally.possible) return `The threshold asks for ${tally.required} yes, more than the ${record.electorate.length} eligible maintainers.`;
  const when = tally.early ? "before the deadline, once the remaining ballots could no longer change it" : "at the deadline";
  if (record.threshold.kind === "lazy-consensus") {
    return record.status === "passed"
      ? `No objection by the deadline.`
      : `${tally.no} objection${tally.no === 1 ? "" : "s"}: lazy consensus fails at the first "no".`;
  }
  return `${tally.yes} yes of the ${tally.required} needed, decided ${when}.`;
}
