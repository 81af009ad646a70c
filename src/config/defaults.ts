import { CONFIG_PATH } from "../constants.js";
import { DAY_MS, HOUR_MS } from "./duration.js";
import type { GavelConfig, Rule, VoteType } from "./types.js";

/**
 * The defaults of DESIGN.md ("Configuration"). They apply key by key: a missing
 * file means all of them, a `maintainers:` or `votes.types:` entry overrides
 * only the keys it names, and `rules:` replaces the default rules wholesale.
 * Everything here is deeply frozen, so no caller can change the defaults for
 * everyone else.
 */

/** What a user's rule gets for each key it leaves out (name and paths/labels are its own). */
export const RULE_DEFAULTS: Omit<Rule, "name" | "paths"> = deepFreeze({
  labels: [],
  approvals: { kind: "fraction", numerator: 2, denominator: 3 },
  discussionMs: 0,
  authorCounts: true,
  onChange: "reset-approvals",
});

export const DEFAULT_RULES: readonly Rule[] = deepFreeze([
  {
    name: "charter",
    paths: ["GOVERNANCE.md", "CHARTER.md", CONFIG_PATH],
    labels: ["governance"],
    approvals: { kind: "fraction", numerator: 2, denominator: 3 },
    discussionMs: 14 * DAY_MS,
    authorCounts: true,
    onChange: "reset-approvals",
  },
  {
    name: "supporting-documents",
    paths: ["MAINTAINERS.md", "CODE-OF-CONDUCT.md", "SECURITY.md"],
    labels: [],
    approvals: { kind: "fraction", numerator: 2, denominator: 3 },
    discussionMs: 0,
    authorCounts: true,
    onChange: "reset-approvals",
  },
]);

export const DEFAULT_VOTE_DURATION_MS = 7 * DAY_MS;

/**
 * A default vote type before `votes.duration` is known: `durationMs` null means
 * "whatever `votes.duration` is", so changing `votes.duration` moves the types
 * that don't set their own.
 */
export type VoteTypeDefaults = Omit<VoteType, "durationMs"> & { durationMs: number | null };

/** Used for keys a vote type leaves out, including types the config adds. */
export const VOTE_TYPE_FALLBACK: VoteTypeDefaults = deepFreeze({
  approvals: { kind: "majority" },
  durationMs: null,
  minDurationMs: 0,
  recuseSubject: false,
});

export const DEFAULT_VOTE_TYPES: Readonly<Record<string, VoteTypeDefaults>> = deepFreeze({
  default: VOTE_TYPE_FALLBACK,
  nomination: VOTE_TYPE_FALLBACK,
  removal: { ...VOTE_TYPE_FALLBACK, approvals: { kind: "fraction", numerator: 2, denominator: 3 }, recuseSubject: true },
  lazy: { ...VOTE_TYPE_FALLBACK, approvals: { kind: "lazy-consensus" }, durationMs: 72 * HOUR_MS },
});

function resolveVoteTypes(durationMs: number): Record<string, VoteType> {
  return Object.fromEntries(
    Object.entries(DEFAULT_VOTE_TYPES).map(([name, type]) => [name, { ...type, durationMs: type.durationMs ?? durationMs }]),
  );
}

export const DEFAULT_CONFIG: GavelConfig = deepFreeze({
  maintainers: { file: "MAINTAINERS.md", section: null, teams: [], users: [], exclude: [] },
  rules: DEFAULT_RULES.map((rule) => ({ ...rule, paths: [...rule.paths], labels: [...rule.labels] })),
  votes: { durationMs: DEFAULT_VOTE_DURATION_MS, closeEarly: true, types: resolveVoteTypes(DEFAULT_VOTE_DURATION_MS) },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
