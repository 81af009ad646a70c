import { load } from "js-yaml";
import { CONFIG_PATH } from "../constants.js";
import { formatDuration } from "./duration.js";
import { listOf, mapOf, mapping, type KeySpecs } from "./key-spec.js";
import { countPatterns, GLOB_LIMITS, GLOB_LIMITS_DOC } from "./path-globs.js";
import { describeValue, isRecord } from "./raw-values.js";
import { BOOLEAN, choice, duration, EXTENDS, GLOBS, HANDLES, LABELS, TEAMS, TEXT, TEXT_OR_NULL, THRESHOLD } from "./value-kinds.js";

/**
 * Every key of `.github/governance.yml`: its kind of value, what it means, its
 * default and an example. The one source of the config: the validator reads
 * the file with these specs (validate-config.ts), the validated config's
 * types are inferred from them (types.ts), DEFAULT_CONFIG is what they make of
 * an empty file (defaults.ts), and the JSON Schema and docs/configuration.md
 * are generated from them (`npm run generate`).
 *
 * To add a key:
 * 1. Add its entry to the mapping it belongs in, in the order the reference
 *    should list it: `kind` (value-kinds.ts; `mapping`, `listOf` or `mapOf`
 *    from key-spec.ts for nested keys), `description`, `default` as written in
 *    YAML (null for none), `example`, and `field` when its property in the
 *    validated config is not the key itself (`discussion` -> `discussionMs`).
 *    A key without a default must be `required` or inherited (a vote type's
 *    `duration`), or validation throws.
 * 2. A rule it must agree with across keys goes in that mapping's `check`.
 *    If a default rule or vote type needs another value than the key's
 *    default, write it in DEFAULT_RULES or DEFAULT_VOTE_TYPES.
 * 3. Run `npm run generate`. The new property is in the config's types; use it
 *    where Gavel acts on it.
 * A new kind of value is a Kind in value-kinds.ts: how it is read, and how the
 * reference and the JSON Schema describe it.
 */

export type { KeySpecs };

export const MAINTAINERS_SPEC = {
  file: {
    kind: TEXT_OR_NULL,
    description: "A MAINTAINERS.md-style file on the default branch whose GitHub handles are maintainers; `null` for none.",
    default: "MAINTAINERS.md",
    example: "MAINTAINERS.md",
  },
  section: {
    kind: TEXT_OR_NULL,
    description: "Read only the part of the file under this heading (case-insensitive), e.g. to leave out emeritus maintainers listed further down.",
    default: "null",
    example: "Current maintainers",
  },
  teams: {
    kind: TEAMS,
    description:
      "Slugs of teams in the repository owner's organization; their active members are maintainers (pending invitations are not). Needs the app's \"Members: read\" permission.",
    default: "[]",
    example: "[maintainers]",
  },
  users: { kind: HANDLES, description: "GitHub usernames that are maintainers in addition to the file and teams.", default: "[]", example: "[alice, bob]" },
  exclude: {
    kind: HANDLES,
    description: "Usernames left out of the electorate whatever the other sources say. Bots are always left out.",
    default: "[]",
    example: "[emeritus-carol]",
  },
} as const satisfies KeySpecs;

export const RULE_SPEC = {
  name: {
    kind: TEXT,
    description: "Shown in the check summary; unique among the rules.",
    default: null,
    example: "charter",
    required: "shown in the check summary",
  },
  paths: {
    kind: GLOBS,
    description: `Globs (minimatch, case-insensitive, dotfiles included) of the files the rule governs. A rule needs \`paths\`, \`labels\` or both. ${GLOB_LIMITS_DOC}`,
    default: "[]",
    example: "[GOVERNANCE.md, CHARTER.md]",
  },
  labels: {
    kind: LABELS,
    description: "A PR carrying one of these labels matches the rule too. Labels only ever add rules; removing one never removes a rule a file matched.",
    default: "[]",
    example: "[governance]",
  },
  approvals: {
    kind: THRESHOLD,
    description:
      "How many of ALL eligible maintainers must approve: a fraction of them (`2/3`, rounded up), `majority` (more than half), `unanimous`, `lazy-consensus` (no objection during the discussion), or a whole count.",
    default: "2/3",
    example: "2/3",
  },
  discussion: {
    kind: duration({ positive: false }),
    field: "discussionMs",
    description: "Minimum time between Gavel's announcement on the PR and a passing check. `0` for none.",
    default: "0",
    example: "14d",
  },
  author_counts: {
    kind: BOOLEAN,
    field: "authorCounts",
    description: "A maintainer who authored the PR counts as in favour.",
    default: "true",
    example: "true",
  },
  on_change: {
    kind: choice(["keep", "reset-approvals", "restart"]),
    field: "onChange",
    description:
      "When a governed file changes after approvals: `keep` them, `reset-approvals` (an approval counts only if no governed file changed since the commit it was given on), or `restart` (also a new discussion period).",
    default: "reset-approvals",
    example: "restart",
  },
} as const satisfies KeySpecs;

const RULE = mapping({
  keys: RULE_SPEC,
  notMapping: ({ key, value }) => `\`${key}\` must be a rule (a mapping with \`name\`, \`paths\`, \`approvals\`, ...), not ${describeValue(value)}`,
  check: ({ value, raw, key, sink }) => {
    // Invalid `paths`, `labels` or `discussion` are missing from `value`: reported already, and no claim is made on them.
    if (value.paths?.length === 0 && value.labels?.length === 0) {
      sink.add({ key, message: `\`${key}\` matches nothing; give it \`paths\` (files it governs) or \`labels\` (or both)` });
    }
    if (value.approvals?.kind === "lazy-consensus" && value.discussionMs === 0) {
      sink.add({
        key: raw.discussion === undefined || raw.discussion === null ? `${key}.approvals` : `${key}.discussion`,
        message: `\`${key}\`: lazy consensus needs a discussion period for objections, e.g. \`discussion: 72h\``,
      });
    }
  },
});

/** The root, `.github/` and `docs/`: where GitHub looks for community health files. */
const COMMUNITY_PLACES = "{,.github/,docs/}";

/**
 * The rules that apply without a `rules:` key; the keys they leave out take
 * RULE_SPEC's defaults. GitHub shows a repository's community health files
 * from its `.github` folder, its root or its `docs` folder, and names the
 * code of conduct `CODE_OF_CONDUCT.md`
 * (https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/creating-a-default-community-health-file,
 * https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/adding-a-code-of-conduct-to-your-project,
 * https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository),
 * so each governed document is governed in all three places, and the code of
 * conduct under both spellings. Matching is case-insensitive.
 */
const DEFAULT_RULES = `
- name: charter
  paths: ['${COMMUNITY_PLACES}GOVERNANCE.md', '${COMMUNITY_PLACES}CHARTER.md', ${CONFIG_PATH}]
  labels: [governance]
  discussion: 14d
- name: supporting-documents
  paths: ['${COMMUNITY_PLACES}MAINTAINERS.md', '${COMMUNITY_PLACES}CODE_OF_CONDUCT.md', '${COMMUNITY_PLACES}CODE-OF-CONDUCT.md', '${COMMUNITY_PLACES}SECURITY.md']
`;

export const VOTE_TYPE_SPEC = {
  approvals: { kind: THRESHOLD, description: "Yes votes needed, of the electorate fixed when the vote opened.", default: "majority", example: "2/3" },
  // No default: a type that sets none inherits `votes.duration` (VOTES_SPEC.types).
  duration: {
    kind: duration({ positive: true }),
    field: "durationMs",
    description: "How long the vote stays open; defaults to `votes.duration`.",
    default: null,
    example: "14d",
  },
  min_duration: {
    kind: duration({ positive: false }),
    field: "minDurationMs",
    description: "The vote never closes early before this much time has passed.",
    default: "0",
    example: "72h",
  },
  recuse_subject: {
    kind: BOOLEAN,
    field: "recuseSubject",
    description: "Leave the person the vote is about out of its electorate (removals).",
    default: "false",
    example: "true",
  },
} as const satisfies KeySpecs;

const VOTE_TYPE = mapping({
  keys: VOTE_TYPE_SPEC,
  notMapping: ({ key }) => `\`${key}\` must be a mapping like \`{ approvals: 2/3, duration: 14d }\``,
  check: ({ value, raw, key, sink }) => {
    const { minDurationMs, durationMs } = value;
    if (minDurationMs === undefined || durationMs === undefined || minDurationMs <= durationMs) return;
    sink.add({
      key: raw.min_duration === undefined ? key : `${key}.min_duration`,
      message: `\`${key}\`: \`min_duration\` (${formatDuration(minDurationMs)}) is longer than the vote itself (${formatDuration(durationMs)})`,
    });
  },
});

/** The vote types there are without a `votes.types:` key; types given merge over these key by key. */
const DEFAULT_VOTE_TYPES = `
default: { approvals: majority }
nomination: { approvals: majority }
removal: { approvals: 2/3, recuse_subject: true }
lazy: { approvals: lazy-consensus, duration: 72h }
`;

/** Vote type names are typed after `/vote`. */
export const VOTE_TYPE_NAME = "^[a-z\\d][a-z\\d_-]*$";

/** Type names are typed after `/vote`, so they must not read as a ballot or another subcommand. */
const RESERVED_TYPE_NAMES: readonly string[] = ["yes", "no", "abstain", "cancel", "status", "0"];

function voteTypeNameProblem(name: string): string | null {
  if (name.trim() === "") return "a vote type needs a name";
  if (RESERVED_TYPE_NAMES.includes(name.toLowerCase())) return `\`${name}\` can't name a vote type: \`/vote ${name}\` is already a command`;
  if (!new RegExp(VOTE_TYPE_NAME).test(name)) {
    return `\`${name}\` can't name a vote type: use lowercase letters, digits, \`-\` and \`_\`, as typed after \`/vote\``;
  }
  return null;
}

const defaultTypes: unknown = load(DEFAULT_VOTE_TYPES);
const DEFAULT_TYPE_NAMES = isRecord(defaultTypes) ? Object.keys(defaultTypes) : [];

export const VOTES_SPEC = {
  duration: {
    kind: duration({ positive: true }),
    field: "durationMs",
    description: "How long a vote stays open, unless its type says otherwise.",
    default: "7d",
    example: "7d",
  },
  close_early: {
    kind: BOOLEAN,
    field: "closeEarly",
    description: "Close a vote as soon as its outcome can no longer change (never before the type's `min_duration`).",
    default: "true",
    example: "false",
  },
  types: {
    kind: mapOf({
      item: VOTE_TYPE,
      doc: "mapping of names to vote types (below)",
      namePattern: VOTE_TYPE_NAME,
      nameProblem: voteTypeNameProblem,
      inherit: ["duration"],
    }),
    description: `Vote types by name (\`/vote <type> [@subject]\`). Given types merge key by key over the defaults (${DEFAULT_TYPE_NAMES.map((t) => `\`${t}\``).join(", ")}); a new type needs a majority unless it says otherwise.`,
    default: DEFAULT_VOTE_TYPES,
    example: "{ removal: { approvals: 3/4 } }",
  },
} as const satisfies KeySpecs;

export const CONFIG_SPEC = {
  _extends: {
    kind: EXTENDS,
    field: null,
    description: `Start from another repository's config of the same owner, Probot style: \`repo\`, \`owner/repo\` or \`owner/repo:path.yml\` (the path defaults to \`${CONFIG_PATH}\`). One level; keys here override it.`,
    default: null,
    example: ".github",
  },
  maintainers: {
    kind: mapping({ keys: MAINTAINERS_SPEC }),
    description: "Who the maintainers are: the union of the sources, minus `exclude`, minus bots. Each key given overrides its default.",
    default: null,
    example: "{ file: MAINTAINERS.md }",
  },
  rules: {
    kind: listOf({
      item: RULE,
      doc: "list of rules (below)",
      notList: ({ key, value }) => `\`${key}\` must be a list of rules (\`- name: ...\`), not ${describeValue(value)}`,
      unique: { key: "name", what: "rule name" },
    }),
    description:
      "Every rule that matches a PR applies, and all must pass. A config's rules replace the default rules; the config file and the maintainers file are always governed.",
    default: DEFAULT_RULES,
    example: "- name: charter",
  },
  votes: { kind: mapping({ keys: VOTES_SPEC }), description: "`/vote` on issues and PRs.", default: null, example: "{ duration: 7d }" },
} as const satisfies KeySpecs;

/** The whole config: what validateConfig reads a document with. */
export const CONFIG = mapping({
  keys: CONFIG_SPEC,
  check: ({ value, sink }) => {
    const patterns = countPatterns((value.rules ?? []).flatMap((rule) => rule.paths));
    if (patterns <= GLOB_LIMITS.maxConfigPatterns) return;
    sink.add({
      key: "rules",
      message: `\`rules\` hold ${patterns} glob patterns in all (each \`{…}\` alternative counts), at most ${GLOB_LIMITS.maxConfigPatterns}: every one is matched against every changed file of every PR`,
    });
  },
});
