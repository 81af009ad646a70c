/**
 * What the `governance` check shows. `github/` maps `state` to GitHub's
 * status and conclusion: waiting → in_progress, met → success, blocked →
 * failure. Never neutral or skipped: branch protection treats both as passing.
 */
export interface CheckReport {
  state: "waiting" | "success" | "failure";
  title: string;
  summary: string;
}

/** GitHub truncates check output beyond 65,535 characters; stay well inside it. */
export const MAX_SUMMARY = 60_000;

export function clampSummary(summary: string): string {
  if (summary.length <= MAX_SUMMARY) return summary;
  return `${summary.slice(0, MAX_SUMMARY)}\n\n…(cut: the full summary exceeded GitHub's limit)`;
}
