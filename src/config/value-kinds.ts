import { DURATION_UNITS, parseDuration } from "./duration.js";
import { parseExtends } from "./extends-target.js";
import type { Kind } from "./key-spec.js";
import { describeValue, type ProblemSink } from "./raw-values.js";
import { globProblem, shorten } from "./path-globs.js";
import { MAX_DENOMINATOR, parseThreshold, THRESHOLD_KEYWORDS } from "./threshold.js";
import type { ExtendsTarget, Threshold } from "./document-types.js";

/**
 * The kinds of plain values a key of governance.yml can hold (mappings and
 * lists of them are key-spec.ts's). Each reports what is wrong with the
 * value at its key, in words that say how to fix it.
 */

export const BOOLEAN: Kind<boolean> = {
  doc: "true or false",
  schema: { type: "boolean" },
  read: ({ value, key, sink }) => {
    if (typeof value === "boolean") return value;
    sink.add({ key, message: `\`${key}\` must be true or false, not ${describeValue(value)}` });
    return undefined;
  },
};

/** Non-empty text, trimmed. */
export const TEXT: Kind<string> = {
  doc: "text",
  schema: { type: "string", minLength: 1 },
  read: ({ value, key, sink }) => readText({ value, key, sink, allowed: "non-empty text" }),
};

/** Non-empty text, or null for "none" (`maintainers.file: null`). */
export const TEXT_OR_NULL: Kind<string | null> = {
  doc: "text or `null`",
  schema: { type: ["string", "null"] },
  takesNull: true,
  read: ({ value, key, sink }) => (value === null ? null : readText({ value, key, sink, allowed: "text or null" })),
};

function readText(params: { value: unknown; key: string; sink: ProblemSink; allowed: string }): string | undefined {
  const { value, key, sink, allowed } = params;
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  sink.add({ key, message: `\`${key}\` must be ${allowed}, not ${describeValue(value)}` });
  return undefined;
}

/** Milliseconds; `positive` refuses zero, for periods that can't be "none" (a vote's duration). */
export function duration(params: { positive: boolean }): Kind<number> {
  return {
    doc: params.positive ? "duration (more than 0)" : "duration",
    schema: { anyOf: [{ type: "string", pattern: `^\\s*(0|\\d+\\s*[${DURATION_UNITS.join("")}])\\s*$` }, { const: 0 }, { type: "null" }] },
    read: ({ value, key, sink }) => {
      if (typeof value !== "string" && typeof value !== "number") {
        sink.add({ key, message: `\`${key}\` must be a duration like \`14d\`, not ${describeValue(value)}` });
        return undefined;
      }
      const result = parseDuration(value);
      if (!result.ok) sink.add({ key, message: `\`${key}\`: ${result.message}` });
      else if (params.positive && result.ms === 0) sink.add({ key, message: `\`${key}\` must be longer than zero, e.g. \`7d\`` });
      else return result.ms;
      return undefined;
    },
  };
}

export const THRESHOLD: Kind<Threshold> = {
  doc: "threshold",
  schema: {
    anyOf: [
      { enum: [...THRESHOLD_KEYWORDS] },
      {
        type: "string",
        pattern: "^\\s*\\d+\\s*/\\s*\\d+\\s*$",
        description: `A fraction of all maintainers, rounded up; the bottom at most ${MAX_DENOMINATOR}.`,
      },
      { type: "integer", minimum: 1, description: "A whole number of yes votes." },
      { type: "null" },
    ],
  },
  read: ({ value, key, sink }) => {
    const result = parseThreshold(value);
    if (result.ok) return result.threshold;
    sink.add({ key, message: `\`${key}\`: ${result.message}` });
    return undefined;
  },
};

/** One of `options`, as written. NoInfer: the options alone say the type, so a spec's object literal can't widen it to `string`. */
export function choice<const O extends string>(options: readonly O[]): Kind<NoInfer<O>> {
  const listed = options.map((option) => `\`${option}\``).join(", ");
  return {
    doc: `one of ${listed}`,
    schema: { enum: [...options] },
    read: ({ value, key, sink }) => {
      const match = options.find((option) => option === value);
      if (match === undefined) sink.add({ key, message: `\`${key}\` must be one of ${listed}, not ${describeValue(value)}` });
      return match;
    },
  };
}

/** `_extends`, Probot style (extends-target.ts); where it points is followed before validation. */
export const EXTENDS: Kind<ExtendsTarget> = {
  doc: "repository reference",
  schema: { type: "string", minLength: 1 },
  read: ({ value, key, sink }) => {
    const result = parseExtends(value);
    if (result.ok) return result.target;
    sink.add({ key, message: result.message });
    return undefined;
  },
};

type Normalized = { ok: true; value: string } | { ok: false; message: string };

/** A list of non-empty text items; `normalize` may rewrite an item, or refuse it with a message. */
function list(params: { doc: string; example: string; pattern?: string; normalize?: (item: string) => Normalized }): Kind<string[]> {
  const { example, normalize } = params;
  return {
    doc: params.doc,
    schema: { type: ["array", "null"], items: { type: "string", minLength: 1, ...(params.pattern === undefined ? {} : { pattern: params.pattern }) } },
    read: ({ value, key, sink }) => {
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
        const result: Normalized = normalize === undefined ? { ok: true, value: item.trim() } : normalize(item.trim());
        if (result.ok) items.push(result.value);
        else {
          sink.add({ key: itemKey, message: `\`${itemKey}\`: ${result.message}` });
          valid = false;
        }
      });
      return valid ? items : undefined;
    },
  };
}

/**
 * Changed files are repository-relative (`docs/x.md`), so a leading `/` or
 * `./` would never match; it is dropped. Each glob is checked against
 * GLOB_LIMITS, and compiled, here: a config whose globs would cost too much
 * to match fails closed on the glob's line.
 */
export const GLOBS = list({
  doc: "list of globs",
  example: "[GOVERNANCE.md]",
  normalize: (item) => {
    const path = item.replace(/^(\.?\/)+/, "");
    if (path === "") return { ok: false, message: `\`${item}\` names no file; write a path like \`GOVERNANCE.md\`` };
    const problem = globProblem(path);
    return problem === null ? { ok: true, value: path } : { ok: false, message: `\`${shorten(item)}\` ${problem}` };
  },
});

export const LABELS = list({ doc: "list of labels", example: "[governance]" });

/** GitHub logins: letters, digits and hyphens; apps' bot accounts end in `[bot]` (listed to exclude them). */
const HANDLE = /^[a-zA-Z\d][a-zA-Z\d-]{0,38}(\[bot\])?$/;

export const HANDLES = list({
  doc: "list of handles",
  example: "[alice, bob]",
  pattern: `^@?${HANDLE.source.slice(1)}`,
  normalize: (item) => {
    const handle = item.startsWith("@") ? item.slice(1) : item;
    return HANDLE.test(handle) ? { ok: true, value: handle } : { ok: false, message: `\`${item}\` is not a GitHub username` };
  },
});

/** A team's slug, without the organization: teams are read in the repository owner's organization. */
const TEAM_SLUG = /^[a-zA-Z\d][a-zA-Z\d_.-]*$/;

export const TEAMS = list({
  doc: "list of team slugs",
  example: "[maintainers]",
  pattern: `^@?${TEAM_SLUG.source.slice(1)}`,
  normalize: (item) => {
    const slug = item.startsWith("@") ? item.slice(1) : item;
    if (slug.includes("/")) return { ok: false, message: `\`${item}\`: write the team's slug only (teams are read from the repository owner's organization)` };
    return TEAM_SLUG.test(slug) ? { ok: true, value: slug } : { ok: false, message: `\`${item}\` is not a team slug` };
  },
});
