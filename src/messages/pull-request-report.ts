import { MAX_LISTED_LEFT_OUT, MAX_LISTED_VOTERS } from "../comment-limits.js";
import type { RulesSource } from "../config/rules-source.js";
import type { Electorate, Evaluation, RuleEvaluation, VoterVote } from "../policy/types.js";
import { type CheckReport, clampSummary, cutSummary, MAX_SUMMARY_BYTES } from "./check-report.js";
import { utf8Bytes } from "./cut-text.js";
import { listSome } from "./fit-comment.js";
import { cell, describeThreshold, formatPeriod, formatUtc, leftOutLine, mention, thresholdArithmetic } from "./format.js";
import { ruleVoteLine, voteSection, voteTitle } from "./pull-vote-lines.js";
import { describeRulesSource } from "./rules-source-line.js";

/** The room each list of the electorate section may take; the section is never cut, so its lists are shortened instead. */
const ROOM = { sources: 1_000, voters: 12_000, leftOut: 8_000 };

/**
 * The check title and summary for an evaluated PR: which rules apply and
 * why, who counted, who is missing, the arithmetic, the deadlines in UTC.
 * `rules` is null only for `gavel explain`, which reads a local file and
 * can't tell what GitHub would fall back to.
 */
export function pullRequestReport(params: { evaluation: Evaluation; rules: RulesSource | null }): CheckReport {
  const { evaluation } = params;
  const state = evaluation.verdict === "waiting" ? "waiting" : evaluation.verdict;
  const source = params.rules ? [describeRulesSource(params.rules)] : [];
  if (evaluation.rules.length === 0) {
    const none = "This pull request changes no file that a governance rule covers and carries none of their labels, so no maintainer vote is needed.";
    return { state, title: "No governed files changed", summary: [none, ...source].join("\n\n") };
  }
  const sections = [headline(evaluation), ...source, ...evaluation.problems.map((p) => `> [!CAUTION]\n> ${p}`)];
  if (!evaluation.filesComplete) {
    sections.push("> [!WARNING]\n> GitHub could not list every changed file of this pull request (it stops at 3,000), so every rule with paths applies.");
  }
  if (evaluation.vote) sections.push(voteSection(evaluation.vote));
  sections.push(...evaluation.rules.map(ruleSection));
  // The electorate comes last and is kept whole: the rules' tables are what gets cut when thousands vote.
  // Its lists' rooms are in characters, so only text of many bytes a character could still take it past the limit: the last clamp.
  const electorate = electorateSection(evaluation.electorate);
  const rules = cutSummary({ text: sections.join("\n\n"), maxBytes: MAX_SUMMARY_BYTES - utf8Bytes(electorate) - 2 });
  const summary = clampSummary(`${rules}\n\n${electorate}`);
  return { state, title: title(evaluation), summary };
}

function title(evaluation: Evaluation): string {
  const problem = evaluation.problems[0];
  if (problem) return `Blocked: ${firstSentence(problem)}`;
  const byVote = voteTitle(evaluation);
  if (byVote) return byVote;
  const blocked = evaluation.rules.filter((r) => r.status === "blocked");
  if (blocked.length > 0) return `Blocked: ${blocked.map((r) => `${r.rule.name} ${blockedReason(r)}`).join("; ")}`;
  if (evaluation.verdict === "success") return `Approved: ${evaluation.rules.map((r) => r.rule.name).join(", ")}`;
  const waiting = evaluation.rules.filter((r) => r.status === "waiting");
  const parts = waiting.map((r) =>
    evaluation.rules.length > 1
      ? `${r.rule.name}: ${missing({ rule: r, draft: evaluation.draft, at: evaluation.evaluatedAt })}`
      : missing({ rule: r, draft: evaluation.draft, at: evaluation.evaluatedAt }),
  );
  return parts.join("; ");
}

function headline(evaluation: Evaluation): string {
  const word = { success: "**Met.**", waiting: "**Waiting.**", failure: "**Blocked.**" }[evaluation.verdict];
  const n = evaluation.rules.length;
  const intro = `${word} ${n === 1 ? "One governance rule applies" : `${n} governance rules apply`} to this pull request; every one must pass.`;
  return evaluation.draft ? `${intro} It is a draft: the discussion period starts when it is marked ready for review.` : intro;
}

/** What a waiting rule still needs; a discussion already over is not shown as a deadline. */
function missing(params: { rule: RuleEvaluation; draft: boolean; at: string }): string {
  const { rule, draft } = params;
  const parts: string[] = [];
  if (rule.vote?.effect === "satisfies") parts.push("vote passed");
  else if (rule.rule.approvals.kind !== "lazy-consensus") parts.push(`${rule.yes} of ${rule.threshold.required} approvals`);
  if (rule.awaitingAnnouncement) parts.push(draft ? "discussion starts when ready for review" : "discussion not started");
  else if (rule.discussionEndsAt && Date.parse(rule.discussionEndsAt) > Date.parse(params.at))
    parts.push(`discussion ends ${formatUtc(rule.discussionEndsAt)}`);
  else if (rule.discussionEndsAt) parts.push("discussion over");
  return parts.join(" · ");
}

function blockedReason(rule: RuleEvaluation): string {
  const need = rule.threshold.required;
  switch (rule.blockedBy) {
    case "impossible":
      return rule.threshold.electorateSize === 0
        ? "has no eligible maintainers"
        : `needs ${need} approvals but there are only ${rule.threshold.electorateSize} eligible maintainers`;
    case "objection":
      return `has an objection (${rule.no} ${rule.no === 1 ? "request" : "requests"} for changes)`;
    case "unreachable":
      return `can't reach ${need} approvals: at most ${rule.possibleYes} of ${rule.threshold.electorateSize} can still approve`;
    case "vote":
      return "was not passed by the vote on this pull request";
    default:
      return "is blocked";
  }
}

function ruleSection(rule: RuleEvaluation): string {
  const r = rule.rule;
  const matched = [...rule.matchedBy.paths.map((p) => `\`${p}\``), ...rule.matchedBy.labels.map((l) => `label \`${l}\``)];
  if (rule.matchedBy.incompleteFiles) matched.push("an incomplete file list");
  const lines = [
    `### ${statusIcon(rule)} Rule \`${r.name}\`: ${rule.status}`,
    "",
    `- **Matched by:** ${matched.join(", ")}`,
    `- **Threshold:** ${describeThreshold(r.approvals)}: ${thresholdArithmetic(rule.threshold)}`,
  ];
  if (r.approvals.kind !== "lazy-consensus") {
    lines.push(`- **Approvals:** ${rule.yes} of ${rule.threshold.required} needed${rule.no > 0 ? `; ${rule.no} requested changes` : ""}`);
  } else {
    lines.push(`- **Objections:** ${rule.no}`);
  }
  const vote = ruleVoteLine(rule);
  if (vote) lines.push(vote);
  lines.push(`- **Discussion period:** ${discussionLine(rule)}`);
  lines.push(`- **On change:** \`${r.onChange}\`${r.authorCounts ? "; the author counts as in favour if a maintainer" : ""}`);
  lines.push("", "| Maintainer | Vote | Detail |", "| --- | --- | --- |", ...rule.votes.map(voteRow));
  return lines.join("\n");
}

function discussionLine(rule: RuleEvaluation): string {
  const period = rule.rule.discussionMs;
  if (period === 0) return "none required";
  if (rule.awaitingAnnouncement || !rule.discussionStartedAt || !rule.discussionEndsAt)
    return `${formatPeriod(period)}, not started yet (it starts when Gavel announces this pull request)`;
  return `${formatPeriod(period)}, from ${formatUtc(rule.discussionStartedAt)} (Gavel's announcement) to ${formatUtc(rule.discussionEndsAt)}`;
}

function statusIcon(rule: RuleEvaluation): string {
  return { met: "✅", waiting: "⏳", blocked: "⛔" }[rule.status];
}

const VOTE_LABEL: Record<VoterVote["state"], string> = { yes: "✅ yes", no: "❌ no", stale: "♻️ stale", none: "⏳ not yet" };

function voteRow(vote: VoterVote): string {
  const detail = vote.url ? `[${cell(vote.detail)}](${vote.url})` : cell(vote.detail);
  return `| ${mention(vote.login)} | ${VOTE_LABEL[vote.state]} | ${detail} |`;
}

/**
 * Who may vote, where that was read, and everyone the sources name who does
 * not count, each with where they are named and why. Lists are shortened to
 * their room ("and 2,700 more"); the counts stay exact.
 */
function electorateSection(e: Electorate): string {
  const n = e.voters.length;
  const sources = listSome({ items: e.sources.map(cell), max: e.sources.length, room: ROOM.sources }).join(", ");
  const lines = [
    `### Electorate: ${n} eligible maintainer${n === 1 ? "" : "s"}`,
    "",
    `Read from the default branch (${sources || "no source"}), never from this pull request.`,
  ];
  if (n > 0) lines.push("", listSome({ items: e.voters.map(mention), max: MAX_LISTED_VOTERS, room: ROOM.voters }).join(", "));
  if (e.leftOut.length > 0) lines.push("", `Left out (${e.leftOut.length.toLocaleString("en-US")}), named there but not counted:`, "", ...leftOutItems(e));
  return lines.join("\n");
}

/**
 * The first of those left out, within their room, then "…and N more". Only
 * the entries that may be shown are formatted: a hostile file may name tens
 * of thousands, each with a long reason.
 */
function leftOutItems(e: Electorate): string[] {
  // cell(): a reason may quote the maintainers file (a heading), which must not open HTML here.
  const items = e.leftOut.slice(0, MAX_LISTED_LEFT_OUT).map((l) => `- ${cell(leftOutLine(l))}`);
  const unformatted = e.leftOut.length - items.length;
  const more = (left: number) => `- …and ${(left + unformatted).toLocaleString("en-US")} more`;
  const listed = listSome({ items, max: MAX_LISTED_LEFT_OUT, room: ROOM.leftOut, separator: "\n", more });
  // listSome kept every item it was given: say how many more were never formatted.
  return unformatted > 0 && listed.at(-1) === items.at(-1) ? [...listed, more(0)] : listed;
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end);
}
