/** Command-line arguments: positionals, and `--name value` / `--name=value` options (repeatable); `--flag` alone is "true". */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const next = argv[i + 1];
    const takesNext = inline === undefined && next !== undefined && !next.startsWith("--");
    if (takesNext) i++;
    const value = inline ?? (takesNext ? next : "true");
    options.set(name ?? "", [...(options.get(name ?? "") ?? []), value]);
  }
  return { positionals, options };
}

/** An option's values, split on commas: `--changed a.md,b.md --changed c.md`. */
export function listOption(params: { args: ParsedArgs; name: string }): string[] {
  return (params.args.options.get(params.name) ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

export function singleOption(params: { args: ParsedArgs; name: string }): string | null {
  return params.args.options.get(params.name)?.at(-1) ?? null;
}
