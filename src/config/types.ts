import type { CONFIG_SPEC, MAINTAINERS_SPEC, RULE_SPEC, VOTE_TYPE_SPEC, VOTES_SPEC } from "./config-spec.js";
import type { Infer } from "./key-spec.js";

export type { ConfigLocation, ConfigLocator, ConfigProblem, ExtendsTarget, RawConfig, Threshold } from "./document-types.js";

/**
 * The validated shape of `.github/governance.yml`, inferred from the spec
 * (config-spec.ts), where every key, its meaning and its default are.
 */

/** A rule: `paths` are minimatch globs (case-insensitive, dotfiles included); `discussionMs` 0 means none. */
export type Rule = Infer<typeof RULE_SPEC>;

export type OnChange = Rule["onChange"];

/** Where the maintainers come from; `file` null for none. */
export type MaintainersSource = Infer<typeof MAINTAINERS_SPEC>;

/** A vote type, its `durationMs` resolved (a type that sets none has `votes.duration`). */
export type VoteType = Infer<typeof VOTE_TYPE_SPEC>;

export type VotesConfig = Infer<typeof VOTES_SPEC>;

export type GavelConfig = Infer<typeof CONFIG_SPEC>;
