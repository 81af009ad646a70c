import { prefixWithinBytes, prefixWithinUnits, utf8Bytes } from "./cut-text.js";

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

/**
 * A check run's summary may take 65,535 bytes of UTF-8: GitHub answers a
 * longer one "summary exceeds a maximum bytesize of 65535" (422). The docs
 * say "characters", but the limit is in bytes, and an emoji takes four.
 * https://docs.github.com/rest/checks/runs#create-a-check-run
 * https://github.com/github/docs/issues/35252
 * Gavel stays well inside it, in bytes.
 */
export const MAX_SUMMARY_BYTES = 60_000;

/** GitHub's limit on a check run's title. */
const MAX_TITLE = 255;

/** The note a cut summary ends with (under 60 bytes). */
const CUT_NOTE = "\n\n…(cut: the full summary exceeded GitHub's limit)";

export function clampSummary(summary: string): string {
  return cutSummary({ text: summary, maxBytes: MAX_SUMMARY_BYTES });
}

/** `text` if it takes at most `maxBytes` of UTF-8; otherwise a prefix cut between characters and a note saying so, within `maxBytes` together. */
export function cutSummary(params: { text: string; maxBytes: number }): string {
  const { text, maxBytes } = params;
  if (utf8Bytes(text) <= maxBytes) return text;
  return `${prefixWithinBytes({ text, bytes: maxBytes - utf8Bytes(CUT_NOTE) })}${CUT_NOTE}`;
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
  const title = report.title.length <= MAX_TITLE ? report.title : `${prefixWithinUnits({ text: report.title, units: MAX_TITLE - 1 })}…`;
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
