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

/** GitHub's limit on a check run's title. */
const MAX_TITLE = 255;

export function clampSummary(summary: string): string {
  return cutSummary({ text: summary, max: MAX_SUMMARY });
}

/** `text`, or its first `max` characters and a note (under 60 characters) saying the summary was cut. */
export function cutSummary(params: { text: string; max: number }): string {
  const { text, max } = params;
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max))}\n\n…(cut: the full summary exceeded GitHub's limit)`;
}

/** A check run as GitHub keeps it: the status and conclusion it maps a report to, and the output as written. */
export interface CheckRunState {
  status: "in_progress" | "completed";
  conclusion: "success" | "failure" | null;
  title: string;
  summary: string;
}

/** The run a report is written as. https://docs.github.com/rest/checks/runs#create-a-check-run */
export function checkRunState(report: CheckReport): CheckRunState {
  const title = report.title.length <= MAX_TITLE ? report.title : `${report.title.slice(0, MAX_TITLE - 1)}…`;
  if (report.state === "waiting") return { status: "in_progress", conclusion: null, title, summary: report.summary };
  return { status: "completed", conclusion: report.state, title, summary: report.summary };
}

/** Whether a run already shows exactly what `report` says, so that writing it would change nothing. */
export function runShows(params: {
  run: { status: string; conclusion: string | null; title: string | null; summary: string | null };
  report: CheckReport;
}): boolean {
  const want = checkRunState(params.report);
  const { run } = params;
  return run.status === want.status && run.conclusion === want.conclusion && run.title === want.title && run.summary === want.summary;
}
