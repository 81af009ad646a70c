import type { Evaluation, RuleEvaluation } from "../policy/types.js";
import type { PullVote } from "../policy/vote-types.js";
import { formatUtc, mention } from "./format.js";
import { voteSubject, voteThreshold } from "./vote-comment.js";

/**
 * What a PR's check says of the vote a maintainer demanded on it (issue 16):
 * its title while the vote blocks or holds the PR, a section naming and
 * linking the vote and its decision record, and one line per rule saying
 * what the vote did to it.
 */

/** The check's title when the vote decides it: failed, cancelled or void (blocked), or open (waiting); null otherwise. */
export function voteTitle(evaluation: Evaluation): string | null {
  const { vote } = evaluation;
  if (!vote) return null;
  if (evaluation.rules.some((r) => r.vote?.effect === "rejected")) return `Blocked: the vote on this pull request ${REJECTED[vote.status] ?? "failed"}`;
  if (vote.status === "open" && evaluation.verdict === "waiting") {
    const closes = vote.record ? ` (closes ${formatUtc(vote.record.deadline)})` : "";
    return `Waiting for the vote on this pull request${closes}`;
  }
  return null;
}

const REJECTED: Partial<Record<PullVote["status"], string>> = { failed: "failed", cancelled: "was cancelled", void: "was voided" };

/** The section on the vote: what it is, where, its outcome, and what that does to the check. */
export function voteSection(vote: PullVote): string {
  const { record } = vote;
  const link = vote.url ? `[vote](${vote.url})` : "vote";
  const asked = record ? `${mention(record.starter)} demanded a ${link} on this pull request` : `A maintainer demanded a ${link} on this pull request`;
  const recorded = vote.recordUrl ? ` ([decision record](${vote.recordUrl}))` : "";
  const lines = [`### 🗳️ Vote: ${vote.status === "void" ? "voided" : vote.status}`, ""];
  switch (vote.status) {
    case "open":
      lines.push(
        `${asked}. The check waits for it: a passed vote meets each rule whose threshold it meets over the same maintainers; a failed or cancelled one blocks this pull request.`,
      );
      break;
    case "passed":
      lines.push(
        `${asked}; it passed${record ? ` with ${yesOf(vote)} yes of ${record.electorate.length}` : ""}${recorded}. Each rule below says what it decided.`,
      );
      break;
    case "failed":
    case "cancelled":
      lines.push(
        `${asked}; it ${vote.status === "failed" ? "failed" : `was cancelled${record?.cancelledBy ? ` by ${mention(record.cancelledBy)}` : ""}`}${recorded}. It blocks this pull request until a new vote passes: a maintainer can start one with \`/vote\`.`,
      );
      break;
    case "void":
      lines.push(
        "The latest vote on this pull request was voided: someone other than Gavel changed its signed state. It blocks this pull request until a new vote passes: a maintainer can start one with `/vote`.",
      );
      break;
  }
  if (record) lines.push("", `- **Vote:** ${voteSubject(record)}, ${voteThreshold(record)}`, `- **Opened:** ${formatUtc(record.openedAt)}`);
  if (record?.status === "open") lines.push(`- **Deadline:** ${formatUtc(record.deadline)}`);
  else if (record?.closedAt) lines.push(`- **Closed:** ${formatUtc(record.closedAt)}`);
  return lines.join("\n");
}

/** The rule's line on the vote, or null when there is none. */
export function ruleVoteLine(rule: RuleEvaluation): string | null {
  const { vote } = rule;
  if (!vote) return null;
  const need = rule.threshold.required;
  const n = rule.threshold.electorateSize;
  const line = (text: string) => `- **Vote:** ${text}`;
  switch (vote.effect) {
    case "open":
      return line("open; this rule waits for it");
    case "rejected":
      return line("did not pass; this rule is blocked");
    case "satisfies": {
      const yes = `${vote.yes} yes${vote.authorLeftOut ? AUTHOR_LEFT_OUT : ""} of the same ${n} maintainers`;
      return rule.rule.approvals.kind === "lazy-consensus"
        ? line(`passed with ${yes}: it decides this rule${rule.no > 0 ? ", and overrules the objection" : ""}`)
        : line(`passed with ${yes}, at least the ${need} this rule needs: it meets this rule's approvals`);
    }
    case "falls-short":
      return line(`passed, but ${SHORT[vote.why]({ yes: vote.yes, need, n })}${vote.authorLeftOut ? AUTHOR_LEFT_OUT : ""}; the reviews decide this rule`);
    case "stale":
      return line(`passed, but is stale: ${vote.why}; the reviews decide this rule`);
  }
}

const AUTHOR_LEFT_OUT = " (the author's yes doesn't count for this rule)";

const SHORT: Record<"electorate" | "threshold" | "unreadable", (p: { yes: number; need: number; n: number }) => string> = {
  electorate: ({ n }) => `over other maintainers than this rule's ${n}`,
  threshold: ({ yes, need }) => `with ${yes} yes, fewer than the ${need} this rule needs`,
  unreadable: () => "its vote comment is gone, so Gavel can't tell who voted",
};

function yesOf(vote: PullVote): number {
  return vote.record?.counted.filter((b) => b.choice === "yes").length ?? 0;
}
