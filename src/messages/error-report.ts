import type { ConfigProblem } from "../config/types.js";
import { clampSummary, type CheckReport } from "./check-report.js";

/**
 * An unreadable config fails every PR's check, naming the file and the line:
 * a governance bot must never pass silently on rules it can't read.
 */
export function configErrorReport(problems: ConfigProblem[]): CheckReport {
  const first = problems[0];
  const where = first ? `${first.file}${first.line ? ` line ${first.line}` : ""}` : "the configuration";
  const rows = problems.map((p) => `- \`${p.file}${p.line ? `:${p.line}` : ""}\`${p.key ? ` (\`${p.key}\`)` : ""}: ${p.message}`);
  return {
    state: "failure",
    title: `Configuration error in ${where}`,
    summary: clampSummary(
      [
        "**Blocked.** Gavel can't read this repository's governance configuration, so it can't tell whether this pull request may merge.",
        "",
        ...rows,
        "",
        "The configuration is read from the default branch only. Fix it there; every open pull request is then evaluated again on its next event.",
      ].join("\n"),
    ),
  };
}

/**
 * An evaluation that failed (GitHub errors, timeouts) fails the check and says
 * why; the next webhook or sweep evaluates again. Never success from partial data.
 */
export function evaluationErrorReport(error: unknown): CheckReport {
  const message = error instanceof Error ? error.message : String(error);
  return {
    state: "failure",
    title: "Evaluation error, will retry",
    summary: clampSummary(
      [
        "**Blocked.** Gavel could not finish evaluating this pull request, so it does not pass. It will evaluate again on the next event.",
        "",
        "```",
        message.replace(/```/g, "ʼʼʼ"),
        "```",
      ].join("\n"),
    ),
  };
}
