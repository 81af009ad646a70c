import type { Threshold } from "./document-types.js";

/**
 * Approval thresholds as written in governance.yml: `p/q`, `majority`,
 * `unanimous`, `lazy-consensus`, or a whole count of yes votes. The arithmetic
 * on N lives in policy/; this only decides what is a valid way to say it.
 */

export type ThresholdResult = { ok: true; threshold: Threshold } | { ok: false; message: string };

/** A denominator above this is a percentage in disguise or a typo; nobody needs 67/101. */
export const MAX_DENOMINATOR = 100;

/** The thresholds written as a word. */
export const THRESHOLD_KEYWORDS: readonly string[] = ["majority", "unanimous", "lazy-consensus"];

const FORMS = "use a fraction like `2/3`, `majority`, `unanimous`, `lazy-consensus`, or a whole count like `3`";

export function parseThreshold(value: unknown): ThresholdResult {
  if (typeof value === "number") return parseCount({ count: value, written: String(value) });
  if (typeof value !== "string") return { ok: false, message: `expected a threshold; ${FORMS}` };
  const written = value.trim();
  const keyword = written.toLowerCase();
  if (keyword === "majority") return { ok: true, threshold: { kind: "majority" } };
  if (keyword === "unanimous") return { ok: true, threshold: { kind: "unanimous" } };
  if (keyword === "lazy-consensus") return { ok: true, threshold: { kind: "lazy-consensus" } };

  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(written);
  if (percent !== null) return { ok: false, message: percentMessage({ written, percent: Number(percent[1]) }) };

  const fraction = /^(-?\d+)\s*\/\s*(-?\d+)$/.exec(written);
  if (fraction !== null) {
    return parseFraction({ written, numerator: Number(fraction[1]), denominator: Number(fraction[2]) });
  }
  if (/^[-+]?\d+(\.\d+)?$/.test(written)) return parseCount({ count: Number(written), written });
  return { ok: false, message: `\`${written}\` is not a threshold; ${FORMS}` };
}

function parseCount(params: { count: number; written: string }): ThresholdResult {
  const { count, written } = params;
  if (!Number.isInteger(count)) {
    return { ok: false, message: `\`${written}\` is not a whole number of votes; for a share of the maintainers write a fraction like \`2/3\`` };
  }
  if (count < 1) {
    return { ok: false, message: `\`${written}\` votes would pass without anyone agreeing; a count must be at least 1` };
  }
  if (!Number.isSafeInteger(count)) return { ok: false, message: `\`${written}\` is too large to be a count of votes` };
  return { ok: true, threshold: { kind: "count", count } };
}

function parseFraction(params: { written: string; numerator: number; denominator: number }): ThresholdResult {
  const { written, numerator, denominator } = params;
  if (numerator < 1 || denominator < 1) {
    return { ok: false, message: `\`${written}\`: both parts of a fraction must be at least 1 (e.g. \`2/3\`)` };
  }
  if (numerator > denominator) {
    return { ok: false, message: `\`${written}\` asks for more than all maintainers; the top must not exceed the bottom (e.g. \`2/3\`)` };
  }
  if (denominator > MAX_DENOMINATOR) {
    return { ok: false, message: `\`${written}\`: the bottom of a fraction must be at most ${MAX_DENOMINATOR}` };
  }
  return { ok: true, threshold: { kind: "fraction", numerator, denominator } };
}

function percentMessage(params: { written: string; percent: number }): string {
  const { written, percent } = params;
  const base = `percentages are not accepted (\`${written}\`); write a fraction like \`2/3\``;
  if (!Number.isInteger(percent) || percent < 1 || percent > 100) return base;
  const divisor = gcd({ a: percent, b: 100 });
  return `${base}, or \`${percent / divisor}/${100 / divisor}\` for exactly ${percent}%`;
}

function gcd(params: { a: number; b: number }): number {
  let { a, b } = params;
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The threshold as a user would write it in governance.yml. */
export function formatThreshold(threshold: Threshold): string {
  switch (threshold.kind) {
    case "fraction":
      return `${threshold.numerator}/${threshold.denominator}`;
    case "count":
      return String(threshold.count);
    default:
      return threshold.kind;
  }
}
