import type { MergeGroupVerdict } from "../policy/merge-group-verdict.js";
import { clampSummary, type CheckReport } from "./check-report.js";

const short = (sha: string) => sha.slice(0, 7);
const list = (paths: readonly string[]) => paths.map((p) => `- \`${p}\``).join("\n");

/**
 * The `governance` check on a merge group's commit: what the merge queue
 * waits for before it merges (see decideMergeGroup). Pure.
 */
export function mergeGroupReport(params: { verdict: MergeGroupVerdict; repoUrl: string }): CheckReport {
  const { verdict, repoUrl } = params;
  const pr = (number: number) => `[#${number}](${repoUrl}/pull/${number})`;
  switch (verdict.kind) {
    case "ungoverned":
      return {
        state: "success",
        title: "No governed files changed",
        summary: `This merge group${verdict.pullNumber === null ? "" : ` adds ${pr(verdict.pullNumber)} and`} changes no file Gavel governs.`,
      };
    case "approved":
      return {
        state: "success",
        title: `Approved: #${verdict.pull.number} passed governance`,
        summary: clampSummary(
          `${pr(verdict.pull.number)} passed its \`governance\` check at its head ${short(verdict.pull.headSha)}, and this merge group changes each governed file exactly as that head does:\n\n${list(verdict.paths)}`,
        ),
      };
    case "unknown-files":
      return {
        state: "failure",
        title: "Can't tell what this merge group changes",
        summary:
          "GitHub could not list every file this merge group changes (more than 300, or a commit it no longer has), so Gavel can't rule out a governed change. Merge this pull request outside the queue, where its own check applies.",
      };
    case "not-a-queue":
      return {
        state: "failure",
        title: "Governed files changed outside a pull request",
        summary: "This merge group's ref names no pull request, and it changes governed files: Gavel can't tell whose approvals apply.",
      };
    case "pull-not-open":
      return {
        state: "failure",
        title: `#${verdict.pullNumber} is not open`,
        summary: `This merge group changes governed files for ${pr(verdict.pullNumber)}, which is no longer open.`,
      };
    case "pull-not-passing": {
      const { pull } = verdict;
      const now = pull.check ? `it says "${pull.check.title ?? pull.check.conclusion ?? pull.check.status}"` : "it has none yet";
      return {
        state: "failure",
        title: `Blocked: #${pull.number} has not passed governance`,
        summary: `This merge group changes governed files, and ${pr(pull.number)}'s \`governance\` check at its head ${short(pull.headSha)} has not passed: ${now}.`,
      };
    }
    case "differs":
      return {
        state: "failure",
        title: `Blocked: governed files differ from #${verdict.pull.number}'s`,
        summary: clampSummary(
          verdict.paths.length > 0
            ? `This merge group changes these governed files otherwise than ${pr(verdict.pull.number)} does at its head ${short(verdict.pull.headSha)}, so they are not what its maintainers approved (the base changed them meanwhile?):\n\n${list(verdict.paths)}\n\nUpdate the pull request from its base and let it pass again.`
            : `GitHub could not list all of ${pr(verdict.pull.number)}'s files, so Gavel can't match this merge group's governed files to what its maintainers approved.`,
        ),
      };
  }
}
