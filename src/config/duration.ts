/**
 * Durations as people write them in governance.yml: a whole number and one unit
 * (`30m`, `72h`, `14d`, `2w`). A bare `0` means "none"; callers that need a
 * positive period reject zero themselves, with a message that fits the key.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Discussion periods and votes longer than this are typos (`14w` for `14d`), not policy. */
export const MAX_DURATION_MS = 365 * DAY_MS;

const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: WEEK_MS };

/** The units a duration may be written in. */
export const DURATION_UNITS: readonly string[] = Object.keys(UNIT_MS);

export type DurationResult = { ok: true; ms: number } | { ok: false; message: string };

const EXAMPLES = "write a whole number and a unit: `30m`, `72h`, `14d` or `2w`";

export function parseDuration(text: string | number): DurationResult {
  if (typeof text === "number") {
    if (text === 0) return { ok: true, ms: 0 };
    if (text < 0) return { ok: false, message: `\`${text}\` is negative; a duration is zero or more` };
    return { ok: false, message: `\`${text}\` has no unit; ${EXAMPLES}` };
  }
  const trimmed = text.trim();
  if (trimmed === "0") return { ok: true, ms: 0 };
  if (trimmed === "") return { ok: false, message: `a duration is empty; ${EXAMPLES}` };
  if (trimmed.startsWith("-")) {
    return { ok: false, message: `\`${trimmed}\` is negative; a duration is zero or more` };
  }
  const match = /^(\d+(?:[.,]\d+)?)\s*([a-zA-Z]*)$/.exec(trimmed);
  if (match === null) return { ok: false, message: `\`${trimmed}\` is not a duration; ${EXAMPLES}` };
  const amountText = match[1] ?? "";
  const unit = match[2] ?? "";
  const unitMs = UNIT_MS[unit];
  if (unit === "") return { ok: false, message: `\`${trimmed}\` has no unit; ${EXAMPLES}` };
  if (unitMs === undefined) {
    return { ok: false, message: `\`${trimmed}\` has an unknown unit \`${unit}\`; units are m, h, d and w (${EXAMPLES})` };
  }
  if (!/^\d+$/.test(amountText)) {
    return { ok: false, message: `\`${trimmed}\` is not a whole number of ${unit}; use a smaller unit (e.g. \`36h\` for 1.5d)` };
  }
  const ms = Number(amountText) * unitMs;
  if (ms > MAX_DURATION_MS) {
    return { ok: false, message: `\`${trimmed}\` is longer than a year (365d); check the unit` };
  }
  return { ok: true, ms };
}

/** The largest unit that divides `ms` exactly (d, h, m; then s, ms): `14d`, `36h`, `90m`. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms === 0) return "0";
  const units: ReadonlyArray<readonly [string, number]> = [
    ["d", DAY_MS],
    ["h", HOUR_MS],
    ["m", MINUTE_MS],
    ["s", 1000],
  ];
  for (const [unit, size] of units) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
