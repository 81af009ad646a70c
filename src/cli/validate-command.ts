import { formatDuration } from "../config/duration.js";
import type { GavelConfig } from "../config/types.js";
import { describeThreshold, leftOutLine, thresholdArithmetic } from "../messages/format.js";
import { thresholdMath } from "../policy/threshold-math.js";
import type { Electorate } from "../policy/types.js";
import { loadLocalProject, type ReadLocalFile } from "./local-project.js";

export interface CommandResult {
  exitCode: number;
  output: string;
}

/**
 * `gavel validate [config]`: the config and the maintainers file as Gavel
 * would enforce them, for a person or a project's own CI. Exit 0 when Gavel
 * could enforce them, 1 when it would fail every governed PR instead.
 */
export function validateCommand(params: { read: ReadLocalFile; configPath?: string; remoteOwner?: string | null }): CommandResult {
  const project = loadLocalProject(params);
  const out: string[] = [];
  // Whether the org's `.github` config applies depends on where the app is installed, which only GitHub can tell.
  if (!project.configFound)
    out.push(
      `No ${project.configPath}: Gavel's defaults apply, shown below. On GitHub, the org's .github repository's config applies instead, but only if Gavel is installed on that repository; each check says which rules apply and why.`,
    );
  const problems = [...(project.config.ok ? [] : project.config.problems), ...project.problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? Infinity) - (b.line ?? Infinity),
  );
  if (problems.length > 0) {
    const where = project.configFound ? project.configPath : "this project";
    out.push(`✗ ${where} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; Gavel would fail every governed pull request until it is fixed:`);
    for (const p of problems) out.push(`  ${p.file}${p.line ? `:${p.line}` : ""}${"key" in p && p.key ? ` (${p.key})` : ""}: ${p.message}`);
  }
  if (!project.config.ok) return { exitCode: 1, output: `${out.join("\n")}\n` };
  if (project.configFound && problems.length === 0) out.push(`✓ ${project.configPath} is valid.`);
  if (project.extendsFrom)
    out.push(
      `  Note: it extends ${project.extendsFrom}, which is not read here. On GitHub that file's keys apply first; shown below are this file's own over the defaults.`,
    );
  const electorate = project.electorate;
  if (!electorate) return { exitCode: 1, output: `${out.join("\n")}\n` };
  out.push("", ...describeElectorate({ electorate, teams: project.teams }));
  out.push("", ...describeRules({ config: project.config.config, n: electorate.voters.length }));
  out.push("", ...describeVotes({ config: project.config.config, n: electorate.voters.length }));
  return { exitCode: problems.length === 0 ? 0 : 1, output: `${out.join("\n")}\n` };
}

function describeElectorate(params: { electorate: Electorate; teams: string[] }): string[] {
  const { electorate, teams } = params;
  const n = electorate.voters.length;
  const from = electorate.sources.length > 0 ? ` from ${electorate.sources.join(", ")}` : "";
  const out = [`Electorate: ${n} maintainer${n === 1 ? "" : "s"}${from}`];
  if (n > 0) out.push(`  ${electorate.voters.map((v) => `@${v}`).join(" ")}`);
  // Every one, however many: this is where a project checks what Gavel makes of its file.
  for (const left of electorate.leftOut) out.push(`  left out: ${leftOutLine(left)}`);
  for (const team of teams) out.push(`  plus team @${team}: its active members are read on GitHub and are not counted below`);
  return out;
}

function describeRules(params: { config: GavelConfig; n: number }): string[] {
  const out = ["Rules (every rule that matches a pull request must pass):"];
  for (const rule of params.config.rules) {
    const math = thresholdMath({ threshold: rule.approvals, electorateSize: params.n });
    out.push(`  ${rule.name}`);
    if (rule.paths.length > 0) out.push(`    files       ${rule.paths.join(", ")}`);
    if (rule.labels.length > 0) out.push(`    labels      ${rule.labels.join(", ")}`);
    out.push(`    approvals   ${describeThreshold(rule.approvals)}: ${thresholdArithmetic(math)}`);
    out.push(`    discussion  ${rule.discussionMs === 0 ? "none" : `at least ${formatDuration(rule.discussionMs)} after Gavel's announcement`}`);
    out.push(`    on change   ${rule.onChange}; the author ${rule.authorCounts ? "counts as in favour when a maintainer" : "does not count"}`);
  }
  return out;
}

function describeVotes(params: { config: GavelConfig; n: number }): string[] {
  const { votes } = params.config;
  const out = [
    `Votes (/vote): open ${formatDuration(votes.durationMs)} unless the type says otherwise; ${votes.closeEarly ? "they close as soon as the outcome is certain" : "they run their full time"}`,
  ];
  for (const [name, type] of Object.entries(votes.types)) {
    const n = type.recuseSubject ? Math.max(0, params.n - 1) : params.n;
    const math = thresholdMath({ threshold: type.approvals, electorateSize: n });
    const recused = type.recuseSubject ? " (the subject is left out)" : "";
    out.push(`  ${name.padEnd(11)} ${describeThreshold(type.approvals)}: ${thresholdArithmetic(math)}${recused}, ${formatDuration(type.durationMs)}`);
  }
  return out;
}
