import { closestKey } from "./closest-key.js";
import type { ConfigLocator, ConfigProblem } from "./document-types.js";

/**
 * Helpers for values of a loaded YAML document, and the ProblemSink the
 * readers report to: every problem of a file is collected in one pass.
 */

export interface ProblemSink {
  readonly problems: ConfigProblem[];
  add(params: { key: string; message: string }): void;
}

export function createProblemSink(locate: ConfigLocator): ProblemSink {
  const problems: ConfigProblem[] = [];
  return {
    problems,
    add: ({ key, message }) => {
      const { file, line } = locate(key);
      problems.push({ file, line, key: key === "" ? null : key, message });
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** How a value looks to the person who wrote it, for "expected X, got Y". */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isRecord(value)) return "a mapping";
  if (value === null || value === undefined) return "nothing";
  return `\`${String(value)}\``;
}

/** Reports each key of `value` not in `allowed`, with the closest allowed key when one is near. */
export function checkKeys(params: { value: Record<string, unknown>; key: string; allowed: readonly string[]; sink: ProblemSink }): void {
  const { value, key, allowed, sink } = params;
  for (const name of Object.keys(value)) {
    if (allowed.includes(name)) continue;
    const where = key === "" ? "at the top level" : `in \`${key}\``;
    const guess = closestKey({ key: name, allowed });
    const hint = guess === null ? "" : ` Did you mean \`${guess}\`?`;
    sink.add({
      key: key === "" ? name : `${key}.${name}`,
      message: `unknown key \`${name}\` ${where}.${hint} Allowed keys: ${allowed.join(", ")}.`,
    });
  }
}
