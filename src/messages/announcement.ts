import type { RuleMatch } from "../policy/match-rules.js";
import type { ThresholdMath } from "../policy/types.js";
import { CHECK_NAME } from "../constants.js";
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
  now: Date;
  marker: string;
}): string {
  const heading = params.restarted
    ? "### 🏛️ Governed files changed: the discussion period starts again"
    : "### 🏛️ This pull request changes the project's governance";
  const rows = params.rules.map(({ match, threshold }) => {
    const r = match.rule;
    const what = [...listSome({ items: match.matchedBy.paths.map((p) => `\`${cell(p)}\``), max: MAX_LISTED_PATHS }), ...match.matchedBy.labels.map((l) => `label \`${cell(l)}\``)];
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
    "Approve with a pull-request review; *Request changes* counts as a no.",
    "",
    `The discussion period starts with this comment. The \`${CHECK_NAME}\` check keeps the live count and the exact deadline.`,
  ].join("\n");
  return fitComment({ visible, marker: params.marker });
}

/** GitHub refuses a longer comment body (422): the announcement would never post, and the PR never be evaluated. */
const MAX_COMMENT_CHARS = 65_536;
/** Longer lists are shortened ("and 2,700 more"), so that a large project or a large PR still gets its announcement. */
const MAX_LISTED_VOTERS = 300;
const MAX_LISTED_PATHS = 20;

function listSome(params: { items: string[]; max: number }): string[] {
  const { items, max } = params;
  return items.length <= max ? items : [...items.slice(0, max), `and ${(items.length - max).toLocaleString("en-US")} more`];
}

/** The visible text, cut if it still exceeds GitHub's limit (e.g. hundreds of rules), and the marker, which must survive whole. */
function fitComment(params: { visible: string; marker: string }): string {
  const full = `${params.visible}\n\n${params.marker}`;
  if (full.length <= MAX_COMMENT_CHARS) return full;
  const note = "\n\n…(cut: the full announcement exceeded GitHub's comment limit)";
  return `${params.visible.slice(0, MAX_COMMENT_CHARS - note.length - params.marker.length - 2)}${note}\n\n${params.marker}`;
}
