/**
 * The validated shape of `.github/governance.yml`. See ../../README.md
 * ("Configuration") for every key, its default and an example.
 */

/** How many of the N eligible voters must say yes. */
export type Threshold =
  | { kind: "fraction"; numerator: number; denominator: number }
  | { kind: "majority" }
  | { kind: "unanimous" }
  | { kind: "count"; count: number }
  | { kind: "lazy-consensus" };

export type OnChange = "keep" | "reset-approvals" | "restart";

export interface Rule {
  name: string;
  /** minimatch globs, matched case-insensitively with `dot`. */
  paths: string[];
  /** A PR carrying one of these labels matches too. Labels only ever add rules. */
  labels: string[];
  approvals: Threshold;
  /** Minimum discussion period in milliseconds; 0 means none. */
  discussionMs: number;
  authorCounts: boolean;
  onChange: OnChange;
}

export interface MaintainersSource {
  /** Path of a MAINTAINERS.md-style file on the default branch, or null for none. */
  file: string | null;
  /** Only read the section under this heading (case-insensitive), if set. */
  section: string | null;
  /** Org team slugs whose active members are maintainers. */
  teams: string[];
  users: string[];
  exclude: string[];
}

export interface VoteType {
  approvals: Threshold;
  /** Voting period in milliseconds; defaults to `votes.duration`. */
  durationMs: number;
  /** A vote of this type never closes early before this much time has passed. */
  minDurationMs: number;
  /** Leave the vote's subject out of the electorate (removals). */
  recuseSubject: boolean;
}

export interface VotesConfig {
  durationMs: number;
  closeEarly: boolean;
  types: Record<string, VoteType>;
}

export interface GavelConfig {
  maintainers: MaintainersSource;
  rules: Rule[];
  votes: VotesConfig;
}

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
