import { CHECK_NAME } from "../constants.js";
import { clampSummary, type CheckReport } from "./check-report.js";
import { cell } from "./format.js";

/** One open PR whose head is the commit, and what its own evaluation would publish. */
export interface SharingPullRequest {
  number: number;
  baseRef: string;
  report: CheckReport;
}

const STRICTNESS: Record<CheckReport["state"], number> = { success: 0, waiting: 1, failure: 2 };
const ICON: Record<CheckReport["state"], string> = { success: "✅ passes", waiting: "⏳ waiting", failure: "⛔ blocked" };

/**
 * The one check of a commit that is the head of several open PRs: GitHub
 * attaches check runs to commits (https://docs.github.com/rest/checks/runs),
 * so they all share it. It shows the strictest of their verdicts (blocked,
 * then waiting, then passing; on a tie, the first PR listed), names every PR
 * with its own verdict, and gives the strictest one's summary in full, so a
 * PR that passes on its own never weakens another's. `pulls` lists the PR
 * being evaluated first. With one PR, its report is returned unchanged.
 */
export function sharedCheckReport(pulls: SharingPullRequest[]): CheckReport {
  const [first] = pulls;
  if (!first) throw new Error("a shared check needs at least one pull request");
  if (pulls.length === 1) return first.report;
  const strictest = pulls.reduce((worst, pr) => (STRICTNESS[pr.report.state] > STRICTNESS[worst.report.state] ? pr : worst), first);
  const rows = pulls.map((pr) => `| #${pr.number} into ${cell(pr.baseRef)} | ${ICON[pr.report.state]}: ${cell(pr.report.title)} |`);
  const summary = [
    `**This commit is the head of ${pulls.length} open pull requests.** GitHub attaches the \`${CHECK_NAME}\` check to the commit, not to a pull request, so they share it: it shows the strictest of their verdicts, and a pull request that passes on its own never weakens another's.`,
    "",
    "| Pull request | Its own verdict |",
    "| --- | --- |",
    ...rows,
    "",
    `### #${strictest.number}, the strictest`,
    "",
    strictest.report.summary,
  ].join("\n");
  const title = strictest === first ? strictest.report.title : `#${strictest.number}: ${strictest.report.title}`;
  return { state: strictest.report.state, title, summary: clampSummary(summary) };
}
