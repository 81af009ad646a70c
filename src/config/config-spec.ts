import { CONFIG_PATH } from "../constants.js";
import { DEFAULT_CONFIG, DEFAULT_VOTE_TYPES, RULE_DEFAULTS, VOTE_TYPE_FALLBACK } from "./defaults.js";
import { formatDuration } from "./duration.js";
import { formatThreshold } from "./threshold.js";
import type { OnChange } from "./types.js";

/**
 * Every key of `.github/governance.yml`: its kind of value, what it means, its
 * default and an example. The one source the validators take their keys
 * from, and that the JSON Schema (`json-schema.ts`) and the configuration
 * reference (`docs/configuration.md`, by `config-reference.ts`) are generated
 * from. Defaults are read from defaults.ts, never retyped here.
 */

export type ValueSpec =
  | { type: "boolean" }
  | { type: "text"; nullable: boolean }
  | { type: "duration"; positive: boolean }
  | { type: "threshold" }
  | { type: "choice"; options: readonly string[] }
  | { type: "list"; of: "path" | "label" | "handle" | "team" }
  | { type: "extends" }
  | { type: "mapping"; keys: KeySpecs }
  | { type: "list-of"; item: ValueSpec }
  | { type: "map-of"; namePattern: string; value: ValueSpec };

export interface KeySpec {
  value: ValueSpec;
  description: string;
  /** The default as written in YAML; null when the key has none (it is required, or its absence means something). */
  default: string | null;
  example: string;
  required?: boolean;
}

export type KeySpecs = Readonly<Record<string, KeySpec>>;

export const ON_CHANGE: readonly OnChange[] = ["keep", "reset-approvals", "restart"];

const list = (items: readonly string[]) => `[${items.join(", ")}]`;
const nullable = (value: string | null) => value ?? "null";

export const MAINTAINERS_SPEC: KeySpecs = {
  file: { value: { type: "text", nullable: true }, description: "A MAINTAINERS.md-style file on the default branch whose GitHub handles are maintainers; `null` for none.", default: nullable(DEFAULT_CONFIG.maintainers.file), example: "MAINTAINERS.md" },
  section: { value: { type: "text", nullable: true }, description: "Read only the part of the file under this heading (case-insensitive), e.g. to leave out emeritus maintainers listed further down.", default: nullable(DEFAULT_CONFIG.maintainers.section), example: "Current maintainers" },
  teams: { value: { type: "list", of: "team" }, description: "Slugs of teams in the repository owner's organization; their active members are maintainers (pending invitations are not). Needs the app's \"Members: read\" permission.", default: list(DEFAULT_CONFIG.maintainers.teams), example: "[maintainers]" },
  users: { value: { type: "list", of: "handle" }, description: "GitHub usernames that are maintainers in addition to the file and teams.", default: list(DEFAULT_CONFIG.maintainers.users), example: "[alice, bob]" },
  exclude: { value: { type: "list", of: "handle" }, description: "Usernames left out of the electorate whatever the other sources say. Bots are always left out.", default: list(DEFAULT_CONFIG.maintainers.exclude), example: "[emeritus-carol]" },
};

export const RULE_SPEC: KeySpecs = {
  name: { value: { type: "text", nullable: false }, description: "Shown in the check summary; unique among the rules.", default: null, example: "charter", required: true },
  paths: { value: { type: "list", of: "path" }, description: "Globs (minimatch, case-insensitive, dotfiles included) of the files the rule governs. A rule needs `paths`, `labels` or both.", default: "[]", example: "[GOVERNANCE.md, CHARTER.md]" },
  labels: { value: { type: "list", of: "label" }, description: "A PR carrying one of these labels matches the rule too. Labels only ever add rules; removing one never removes a rule a file matched.", default: list(RULE_DEFAULTS.labels), example: "[governance]" },
  approvals: { value: { type: "threshold" }, description: "How many of ALL eligible maintainers must approve: a fraction of them (`2/3`, rounded up), `majority` (more than half), `unanimous`, `lazy-consensus` (no objection during the discussion), or a whole count.", default: formatThreshold(RULE_DEFAULTS.approvals), example: "2/3" },
  discussion: { value: { type: "duration", positive: false }, description: "Minimum time between Gavel's announcement on the PR and a passing check. `0` for none.", default: formatDuration(RULE_DEFAULTS.discussionMs), example: "14d" },
  author_counts: { value: { type: "boolean" }, description: "A maintainer who authored the PR counts as in favour.", default: String(RULE_DEFAULTS.authorCounts), example: "true" },
  on_change: { value: { type: "choice", options: ON_CHANGE }, description: "When a governed file changes after approvals: `keep` them, `reset-approvals` (an approval counts only if no governed file changed since the commit it was given on), or `restart` (also a new discussion period).", default: RULE_DEFAULTS.onChange, example: "restart" },
};

export const VOTE_TYPE_SPEC: KeySpecs = {
  approvals: { value: { type: "threshold" }, description: "Yes votes needed, of the electorate fixed when the vote opened.", default: formatThreshold(VOTE_TYPE_FALLBACK.approvals), example: "2/3" },
  duration: { value: { type: "duration", positive: true }, description: "How long the vote stays open; defaults to `votes.duration`.", default: null, example: "14d" },
  min_duration: { value: { type: "duration", positive: false }, description: "The vote never closes early before this much time has passed.", default: formatDuration(VOTE_TYPE_FALLBACK.minDurationMs), example: "72h" },
  recuse_subject: { value: { type: "boolean" }, description: "Leave the person the vote is about out of its electorate (removals).", default: String(VOTE_TYPE_FALLBACK.recuseSubject), example: "true" },
};

/** Vote type names are typed after `/vote`. */
export const VOTE_TYPE_NAME = "^[a-z\\d][a-z\\d_-]*$";

export const VOTES_SPEC: KeySpecs = {
  duration: { value: { type: "duration", positive: true }, description: "How long a vote stays open, unless its type says otherwise.", default: formatDuration(DEFAULT_CONFIG.votes.durationMs), example: "7d" },
  close_early: { value: { type: "boolean" }, description: "Close a vote as soon as its outcome can no longer change (never before the type's `min_duration`).", default: String(DEFAULT_CONFIG.votes.closeEarly), example: "false" },
  types: {
    value: { type: "map-of", namePattern: VOTE_TYPE_NAME, value: { type: "mapping", keys: VOTE_TYPE_SPEC } },
    description: `Vote types by name (\`/vote <type> [@subject]\`). Given types merge key by key over the defaults (${Object.keys(DEFAULT_VOTE_TYPES).map((t) => `\`${t}\``).join(", ")}); a new type needs a majority unless it says otherwise.`,
    default: null,
    example: "{ removal: { approvals: 3/4 } }",
  },
};

export const CONFIG_SPEC: KeySpecs = {
  _extends: { value: { type: "extends" }, description: `Start from another repository's config of the same owner, Probot style: \`repo\`, \`owner/repo\` or \`owner/repo:path.yml\` (the path defaults to \`${CONFIG_PATH}\`). One level; keys here override it.`, default: null, example: ".github" },
  maintainers: { value: { type: "mapping", keys: MAINTAINERS_SPEC }, description: "Who the maintainers are: the union of the sources, minus `exclude`, minus bots. Each key given overrides its default.", default: null, example: "{ file: MAINTAINERS.md }" },
  rules: { value: { type: "list-of", item: { type: "mapping", keys: RULE_SPEC } }, description: "Every rule that matches a PR applies, and all must pass. A config's rules replace the default rules; the config file and the maintainers file are always governed.", default: null, example: "- name: charter" },
  votes: { value: { type: "mapping", keys: VOTES_SPEC }, description: "`/vote` on issues and PRs.", default: null, example: "{ duration: 7d }" },
};

export function keysOf(specs: KeySpecs): readonly string[] {
  return Object.keys(specs);
}
