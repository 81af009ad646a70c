import type { UnusableFile } from "../config/repository-file.js";
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

/** Why the file can't be used, as one clause: "it is 1000001 bytes; Gavel reads governance files up to 1000000 bytes". */
export function describeUnusableFile(file: UnusableFile): string {
  if (file.problem === "too-large") return `it is ${sizeOf(file.bytes)}; Gavel reads governance files up to ${file.limit} bytes`;
  return `it is ${NOT_A_FILE[file.type] ?? `a \`${file.type}\``} on the default branch, not a file`;
}

const NOT_A_FILE: Readonly<Record<string, string>> = {
  dir: "a directory",
  symlink: "a symbolic link to a path outside the repository",
  submodule: "a submodule",
};

/**
 * An unusable file fails the check closed, like an invalid config: it names
 * the file and the limit, and says that Gavel waits for the fix rather than
 * retrying, because only a push to the default branch can change the answer.
 */
export function unusableFileReport(file: UnusableFile): CheckReport {
  const fix =
    file.problem === "too-large"
      ? `Shorten \`${file.path}\` to at most ${file.limit} bytes on the default branch, or point \`.github/governance.yml\` at a smaller file.`
      : `Put a file at \`${file.path}\` on the default branch, or point \`.github/governance.yml\` at the file that holds it.`;
  return {
    state: "failure",
    title: file.problem === "too-large" ? `${file.path} is too large: ${sizeOf(file.bytes)}, the limit is ${file.limit}` : `${file.path} is not a file`,
    summary: clampSummary(
      [
        `**Blocked.** This pull request's rules depend on \`${file.path}\`, which Gavel can't use, so it can't tell whether this pull request may merge.`,
        "",
        `- \`${file.path}\`: ${describeUnusableFile(file)}.`,
        "",
        `${fix} Reading it again would give the same answer, so Gavel does not retry on its own: the push that fixes it evaluates every open pull request again.`,
      ].join("\n"),
    ),
  };
}

/** A file's size as GitHub told it, or "over 1 MB" when GitHub refused the file without saying. */
function sizeOf(bytes: number | null): string {
  return bytes === null ? "over 1 MB" : `${bytes} bytes`;
}
