import { listOption, parseArgs, singleOption, type ParsedArgs } from "./args.js";
import { explainCommand } from "./explain-command.js";
import type { ReadLocalFile } from "./local-project.js";
import { validateCommand, type CommandResult } from "./validate-command.js";

const VALIDATE_HELP = `gavel validate [config]
  Check .github/governance.yml (or [config]) and its maintainers file as Gavel would read them
  from the default branch; print the electorate, each rule and its threshold arithmetic.
  Exit 0 when Gavel can enforce them, 1 when it would fail every governed pull request instead.
`;

const EXPLAIN_HELP = `gavel explain --changed <paths> [--approved <logins>] [--objected <logins>]
              [--author <login>] [--labels <names>] [--days <days since the announcement>]
              [--draft] [--config <path>] [--now <ISO instant>]
  Print the check Gavel would post on such a pull request.
  Lists are comma-separated or repeated.
`;

export const USAGE = `Usage: gavel <command> [options]

Commands:
${VALIDATE_HELP}
${EXPLAIN_HELP}
  gavel help [command]   This text, or a command's.
  gavel --version        Gavel's version.

Run anywhere inside a git repository: files are read from its root.
`;

const HELP: Record<string, string> = { validate: VALIDATE_HELP, explain: EXPLAIN_HELP };

/** What the command line runs against: the repository's files, the clock, Gavel's version and the git remote's owner. */
export interface CliEnvironment {
  argv: readonly string[];
  read: ReadLocalFile;
  now: Date;
  version: string;
  /** The owner the repository's git remote names on GitHub, null when there is none. */
  remoteOwner: string | null;
}

/** Dispatches a command line; every outcome, usage errors included, is an exit code and text. */
export function runCli(params: CliEnvironment): CommandResult {
  const args = parseArgs(params.argv);
  const [command, ...rest] = args.positionals;
  const wantsHelp = args.options.has("help") || args.positionals.includes("-h");
  if (args.options.has("version") || command === "-V" || command === "version") return { exitCode: 0, output: `gavel ${params.version}\n` };
  if (command === "help") return { exitCode: 0, output: HELP[rest[0] ?? ""] ?? USAGE };
  if (command === undefined || command === "-h") return { exitCode: wantsHelp ? 0 : 2, output: USAGE };
  const help = HELP[command];
  if (help === undefined) return { exitCode: 2, output: `Unknown command \`${command}\`.\n\n${USAGE}` };
  if (wantsHelp) return { exitCode: 0, output: help };
  if (command === "validate") return validateCommand({ read: params.read, configPath: rest[0], remoteOwner: params.remoteOwner });
  return explain({ args, read: params.read, now: params.now });
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
    },
  });
}
