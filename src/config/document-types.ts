/**
 * The config's words that don't depend on its spec: thresholds, problems and
 * where they are, the raw document. The spec's own modules use these, so they
 * live apart from types.ts, which is inferred from the spec.
 */

/** How many of the N eligible voters must say yes. */
export type Threshold =
  | { kind: "fraction"; numerator: number; denominator: number }
  | { kind: "majority" }
  | { kind: "unanimous" }
  | { kind: "count"; count: number }
  | { kind: "lazy-consensus" };

/** One problem in a config file, located for the person who has to fix it. */
export interface ConfigProblem {
  /** File the problem is in, as `owner/repo:path` or a plain path. */
  file: string;
  /** Fixed by a change in another repository (a missing `_extends` base), though `file` is this one's. */
  elsewhere?: boolean;
  /** 1-based line, when the problem can be located. */
  line: number | null;
  /** Dotted key path, e.g. `rules[0].approvals`. */
  key: string | null;
  message: string;
}

/**
 * Where `_extends` points, Probot style: `repo`, `owner/repo` or `owner/repo:path`.
 * `owner` null means the repository's own owner; the caller refuses any other owner.
 */
export interface ExtendsTarget {
  owner: string | null;
  repo: string;
  path: string;
}

/** A config document as loaded from YAML, before validation: a plain mapping. */
export type RawConfig = Record<string, unknown>;

/** Where a problem at a dotted key path (e.g. `rules[1].approvals`) should point. */
export interface ConfigLocation {
  file: string;
  /** 1-based; null when neither the key nor any of its parents is in the source. */
  line: number | null;
}

/** Locates a dotted key path; an extended config's keys may come from two files. */
export type ConfigLocator = (key: string) => ConfigLocation;
