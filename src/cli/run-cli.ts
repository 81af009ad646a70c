import { listOption, parseArgs, singleOption, type ParsedArgs } from "./args.js";
import type { VoteStatus } from "../policy/vote-types.js";
import { explainCommand } from "./explain-command.js";
import type { ReadLocalFile } from "./local-project.js";
import { validateCommand, type CommandResult } from "./validate-command.js";

export const USAGE = `Usage:
  gavel validate [config]     Check .github/governance.yml (or [config]) and its maintainers file;
                              print the electorate, each rule and its threshold arithmetic.
  gavel explain --changed <paths> [--approved <logins>] [--objected <logins>]
                [--author <login>] [--labels <names>] [--days <days since the announcement>]
                [--draft] [--config <path>] [--now <ISO instant>]
                [--vote open|passed|failed|cancelled [--vote-yes <logins>] [--vote-no <logins>]]
                              Print the check Gavel would post on such a pull request;
                              --vote: with a vote a maintainer demanded on it (a majority vote).
Lists are comma-separated or repeated. Run from the repository's root.
`;

/** Dispatches a command line; every outcome, usage errors included, is an exit code and text. */
export function runCli(params: { argv: readonly string[]; read: ReadLocalFile; now: Date }): CommandResult {
  const args = parseArgs(params.argv);
  const [command, ...rest] = args.positionals;
  if (command === "validate") return validateCommand({ read: params.read, configPath: rest[0] });
  if (command === "explain") return explain({ args, read: params.read, now: params.now });
  if (command === undefined || command === "help" || args.options.has("help")) return { exitCode: command === undefined ? 2 : 0, output: USAGE };
  return { exitCode: 2, output: `Unknown command \`${command}\`.\n\n${USAGE}` };
}

function explain(params: { args: ParsedArgs; read: ReadLocalFile; now: Date }): CommandResult {
  const { args } = params;
  const changed = listOption({ args, name: "changed" });
  const labels = listOption({ args, name: "labels" });
  if (changed.length === 0 && labels.length === 0)
    return { exitCode: 2, output: `explain needs --changed (the paths the pull request changes) or --labels.\n\n${USAGE}` };
  const days = Number(singleOption({ args, name: "days" }) ?? "0");
  const nowText = singleOption({ args, name: "now" });
  const now = nowText ? new Date(nowText) : params.now;
  if (!Number.isFinite(days) || days < 0) return { exitCode: 2, output: "--days must be a number of days, 0 or more.\n" };
  if (Number.isNaN(now.getTime())) return { exitCode: 2, output: `--now must be an instant like 2026-12-01T10:00:00Z, not ${nowText}.\n` };
  const logins = (name: string) => listOption({ args, name }).map((l) => l.replace(/^@/, ""));
  const outcome = singleOption({ args, name: "vote" });
  if (outcome !== null && !isVoteStatus(outcome)) return { exitCode: 2, output: `--vote must be open, passed, failed or cancelled, not ${outcome}.\n` };
  return explainCommand({
    read: params.read,
    input: {
      configPath: singleOption({ args, name: "config" }) ?? undefined,
      changed,
      approved: logins("approved"),
      objected: logins("objected"),
      author: (singleOption({ args, name: "author" }) ?? "contributor").replace(/^@/, ""),
      labels,
      daysSinceAnnouncement: days,
      draft: args.options.has("draft"),
      now,
      vote: outcome === null ? null : { outcome, yes: logins("vote-yes"), no: logins("vote-no") },
    },
  });
}

const VOTE_STATUSES: readonly string[] = ["open", "passed", "failed", "cancelled"];

function isVoteStatus(value: string): value is VoteStatus {
  return VOTE_STATUSES.includes(value);
}
