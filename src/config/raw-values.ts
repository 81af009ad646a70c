import { closestKey } from "./closest-key.js";
import { parseDuration } from "./duration.js";
import { parseThreshold } from "./threshold.js";
import type { ConfigLocator, ConfigProblem, Threshold } from "./types.js";

/**
 * Readers for values of a loaded YAML document. Each reports what is wrong to a
 * ProblemSink and returns undefined for a value that is absent (missing or null,
 * which YAML writes as an empty value) or invalid, so the caller applies its
 * default and carries on: every problem of a file is reported in one pass.
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

interface ReadParams {
  value: unknown;
  /** Dotted key path of the value, for the problem's location. */
  key: string;
  sink: ProblemSink;
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

export function readMapping(params: ReadParams): Record<string, unknown> | undefined {
  const { value, key, sink } = params;
  if (value === null || value === undefined) return undefined;
  if (isRecord(value)) return value;
  sink.add({ key, message: `\`${key}\` must be a mapping of keys to values, not ${describeValue(value)}` });
  return undefined;
}

export function readBoolean(params: ReadParams): boolean | undefined {
  const { value, key, sink } = params;
  if (value === null || value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  sink.add({ key, message: `\`${key}\` must be true or false, not ${describeValue(value)}` });
  return undefined;
}

/** A string, or null when `nullable` (the key then means "none"); undefined when absent or invalid. */
export function readString(params: ReadParams & { nullable: boolean }): string | null | undefined {
  const { value, key, sink, nullable } = params;
  if (value === undefined) return undefined;
  if (value === null) return nullable ? null : undefined;
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  const allowed = nullable ? "text or null" : "non-empty text";
  sink.add({ key, message: `\`${key}\` must be ${allowed}, not ${describeValue(value)}` });
  return undefined;
}

export type NormalizedItem = { ok: true; value: string } | { ok: false; message: string };

/** A list of non-empty strings; `normalize` may rewrite an item or return a problem message for it. */
export function readStringList(
  params: ReadParams & { example: string; normalize?: (item: string) => NormalizedItem },
): string[] | undefined {
  const { value, key, sink, example, normalize } = params;
  if (value === null || value === undefined) return undefined;
  if (!Array.isArray(value)) {
    sink.add({ key, message: `\`${key}\` must be a list, e.g. \`${example}\`, not ${describeValue(value)}` });
    return undefined;
  }
  const items: string[] = [];
  let valid = true;
  value.forEach((item: unknown, index) => {
    const itemKey = `${key}[${index}]`;
    if (typeof item !== "string" || item.trim() === "") {
      sink.add({ key: itemKey, message: `\`${itemKey}\` must be non-empty text, not ${describeValue(item)}` });
      valid = false;
      return;
    }
    const result: NormalizedItem = normalize === undefined ? { ok: true, value: item.trim() } : normalize(item.trim());
    if (result.ok) items.push(result.value);
    else {
      sink.add({ key: itemKey, message: `\`${itemKey}\`: ${result.message}` });
      valid = false;
    }
  });
  return valid ? items : undefined;
}

/** Milliseconds; `positive` rejects zero for periods that can't be "none" (a vote's duration). */
export function readDuration(params: ReadParams & { positive: boolean }): number | undefined {
  const { value, key, sink, positive } = params;
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string" && typeof value !== "number") {
    sink.add({ key, message: `\`${key}\` must be a duration like \`14d\`, not ${describeValue(value)}` });
    return undefined;
  }
  const result = parseDuration(value);
  if (!result.ok) {
    sink.add({ key, message: `\`${key}\`: ${result.message}` });
    return undefined;
  }
  if (positive && result.ms === 0) {
    sink.add({ key, message: `\`${key}\` must be longer than zero, e.g. \`7d\`` });
    return undefined;
  }
  return result.ms;
}

export function readThreshold(params: ReadParams): Threshold | undefined {
  const { value, key, sink } = params;
  if (value === null || value === undefined) return undefined;
  const result = parseThreshold(value);
  if (result.ok) return result.threshold;
  sink.add({ key, message: `\`${key}\`: ${result.message}` });
  return undefined;
}
