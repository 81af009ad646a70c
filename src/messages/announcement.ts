import type { RuleMatch } from "../policy/types.js";
import type { ThresholdMath } from "../policy/types.js";
import { MAX_LISTED_PATHS, MAX_LISTED_VOTERS } from "../comment-limits.js";
import { CHECK_NAME } from "../constants.js";
import { fitComment, listSome } from "./fit-comment.js";
import { cell, describeThreshold, formatPeriod, formatUtc, mention, thresholdArithmetic } from "./format.js";

export interface AnnouncedRule {
  match: RuleMatch;
  threshold: ThresholdMath;
}

/**
 * The comment that opens a governed PR's discussion period: its `created_at`
 * is the period's start. It says what changed, which rules apply, who can
 * approve, the thresholds, and the earliest merge time in UTC. `restarted`
 * marks a `restart` after governed files changed.
 */
export function announcementMessage(params: {
  rules: AnnouncedRule[];
  voters: string[];
  restarted: boolean;
  /** The PR's base changed what it changes (a retarget, a base rewritten): approvals given before this are stale. */
  baseChanged?: boolean;
  now: Date;
  marker: string;
}): string {
  const heading = params.baseChanged
    ? "### 🏛️ The base changed what this pull request changes in the governance: the discussion period starts again"
    : params.restarted
      ? "### 🏛️ Governed files changed: the discussion period starts again"
      : "### 🏛️ This pull request changes the project's governance";
  const approvals = params.baseChanged
    ? "Approvals given before this comment were for another diff and no longer count: approve again to count."
    : "Approve with a pull-request review; *Request changes* counts as a no.";
  const rows = params.rules.map(({ match, threshold }) => {
    const r = match.rule;
    const what = [
      ...listSome({ items: match.matchedBy.paths.map((p) => `\`${cell(p)}\``), max: MAX_LISTED_PATHS }),
      ...match.matchedBy.labels.map((l) => `label \`${cell(l)}\``),
    ];
    if (match.matchedBy.incompleteFiles) what.push("file list incomplete");
    const earliest = r.discussionMs > 0 ? formatUtc(new Date(params.now.getTime() + r.discussionMs).toISOString()) : "once approved";
    const period = r.discussionMs > 0 ? formatPeriod(r.discussionMs) : "none";
    return `| \`${cell(r.name)}\` | ${what.join(", ")} | ${describeThreshold(r.approvals)}: ${thresholdArithmetic(threshold)} | ${period} | ${earliest} |`;
  });
  const visible = [
    heading,
    "",
    "It needs the maintainers' approval under the project's written governance before it can merge.",
    "",
    "| Rule | Changed | Threshold | Discussion | Earliest merge |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `**Who can approve** (${params.voters.length}, read from the default branch): ${listSome({ items: params.voters.map(mention), max: MAX_LISTED_VOTERS }).join(", ") || "nobody"}.`,
    approvals,
    "",
    `The discussion period starts with this comment. The \`${CHECK_NAME}\` check keeps the live count and the exact deadline.`,
  ].join("\n");
  return fitComment({ visible, marker: params.marker, what: "announcement" });
}
