import type { Threshold } from "../config/types.js";
import type { LeftOutVoter, ThresholdMath } from "../policy/types.js";

/** Deadlines are shown in UTC to the minute, rounded up so a shown time is never early: `2026-12-06 14:00 UTC`. */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  const up = new Date(Math.ceil(ms / 60_000) * 60_000).toISOString();
  return `${up.slice(0, 10)} ${up.slice(11, 16)} UTC`;
}

/** `14d`, `72h`, `90m`: the largest unit that divides exactly. */
export function formatPeriod(ms: number): string {
  const units: Array<[string, number]> = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
  ];
  for (const [unit, size] of units) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.ceil(ms / 1000)}s`;
}

/** The threshold as configured: `2/3`, `majority`, `4 approvals`. */
export function describeThreshold(threshold: Threshold): string {
  switch (threshold.kind) {
    case "fraction":
      return `${threshold.numerator}/${threshold.denominator} of all maintainers`;
    case "majority":
      return "a majority of all maintainers";
    case "unanimous":
      return "all maintainers (unanimous)";
    case "count":
      return `${threshold.count} approval${threshold.count === 1 ? "" : "s"}`;
    case "lazy-consensus":
      return "lazy consensus (no objection)";
  }
}

/** The arithmetic behind a threshold over N, stated in every summary. */
export function thresholdArithmetic(math: ThresholdMath): string {
  const n = math.electorateSize;
  const t = math.threshold;
  const voters = `${n} eligible maintainer${n === 1 ? "" : "s"}`;
  const of = `of ${voters}`;
  switch (t.kind) {
    case "fraction":
      return `⌈${t.numerator}/${t.denominator} × ${n}⌉ = ${math.required} ${of}`;
    case "majority":
      return `⌊${n}/2⌋ + 1 = ${math.required} ${of}`;
    case "unanimous":
      return `all ${voters}`;
    case "count":
      return math.possible ? `${math.required} ${of}` : `${math.required} needed, but there are only ${n} eligible maintainers: this rule can't pass`;
    case "lazy-consensus":
      return `no objection from any of the ${voters} by the end of the discussion period`;
  }
}

/** Longer reasons are cut: one may quote a heading of the maintainers file, which may be a megabyte long. */
const MAX_REASON_CHARS = 200;

/** `@oscar — MAINTAINERS.md line 14: in section “Emeritus”`: who is left out of the electorate, where they are named, and why. */
export function leftOutLine(left: LeftOutVoter): string {
  const reason = left.reason.length <= MAX_REASON_CHARS ? left.reason : `${left.reason.slice(0, MAX_REASON_CHARS - 1)}…`;
  return `${mention(left.login)} — ${left.source}${left.line === null ? "" : ` line ${left.line}`}: ${reason}`;
}

/** `@alice`, linked to the profile. */
export function mention(login: string): string {
  return `@${login}`;
}

/**
 * Escapes text someone else wrote (a title, a path) for a Markdown line or
 * table cell: no line breaks, no table pipes, and no `<`, so it can't open an
 * HTML comment that passes for one of Gavel's markers.
 */
export function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\r?\n/g, " ");
}
