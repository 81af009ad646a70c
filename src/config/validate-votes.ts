import { keysOf, VOTE_TYPE_NAME, VOTE_TYPE_SPEC, VOTES_SPEC } from "./config-spec.js";
import { DEFAULT_CONFIG, DEFAULT_VOTE_TYPES, VOTE_TYPE_FALLBACK } from "./defaults.js";
import { formatDuration } from "./duration.js";
import { checkKeys, isRecord, readBoolean, readDuration, readMapping, readThreshold } from "./raw-values.js";
import type { ProblemSink } from "./raw-values.js";
import type { VoteType, VotesConfig } from "./types.js";

export const VOTES_KEYS: readonly string[] = keysOf(VOTES_SPEC);
export const VOTE_TYPE_KEYS: readonly string[] = keysOf(VOTE_TYPE_SPEC);

/** Type names are typed after `/vote`, so they must not read as a ballot or another subcommand. */
const RESERVED_TYPE_NAMES: readonly string[] = ["yes", "no", "abstain", "cancel", "status", "0"];
const TYPE_NAME = new RegExp(VOTE_TYPE_NAME);

/**
 * `votes:`. The types given merge over the default types key by key, so a
 * config can change `removal`'s duration without restating its threshold. A
 * type that sets no `duration` follows `votes.duration`; a new type that sets
 * no `approvals` needs a majority, like `default`.
 */
export function validateVotes(params: { value: unknown; sink: ProblemSink }): VotesConfig {
  const { sink } = params;
  const raw = readMapping({ value: params.value, key: "votes", sink }) ?? {};
  checkKeys({ value: raw, key: "votes", allowed: VOTES_KEYS, sink });
  const durationMs = readDuration({ value: raw.duration, key: "votes.duration", sink, positive: true }) ?? DEFAULT_CONFIG.votes.durationMs;
  const closeEarly = readBoolean({ value: raw.close_early, key: "votes.close_early", sink }) ?? DEFAULT_CONFIG.votes.closeEarly;
  const given = readMapping({ value: raw.types, key: "votes.types", sink }) ?? {};

  const types: Record<string, VoteType> = {};
  for (const [name, defaults] of Object.entries(DEFAULT_VOTE_TYPES)) {
    types[name] = { ...defaults, approvals: { ...defaults.approvals }, durationMs: defaults.durationMs ?? durationMs };
  }
  for (const [name, value] of Object.entries(given)) {
    const key = `votes.types.${name}`;
    const nameProblem = typeNameProblem(name);
    if (nameProblem !== null) sink.add({ key, message: nameProblem });
    const base = Object.hasOwn(types, name) ? types[name] : undefined;
    const type = validateVoteType({ value, key, sink, base, votesDurationMs: durationMs });
    if (nameProblem === null) types[name] = type;
  }
  return { durationMs, closeEarly, types };
}

function typeNameProblem(name: string): string | null {
  if (name.trim() === "") return "a vote type needs a name";
  if (RESERVED_TYPE_NAMES.includes(name.toLowerCase())) {
    return `\`${name}\` can't name a vote type: \`/vote ${name}\` is already a command`;
  }
  if (!TYPE_NAME.test(name)) {
    return `\`${name}\` can't name a vote type: use lowercase letters, digits, \`-\` and \`_\`, as typed after \`/vote\``;
  }
  return null;
}

function validateVoteType(params: {
  value: unknown;
  key: string;
  sink: ProblemSink;
  /** The default type of this name, if any; its keys apply where `value` has none. */
  base: VoteType | undefined;
  votesDurationMs: number;
}): VoteType {
  const { value, key, sink, base, votesDurationMs } = params;
  const fallback: VoteType = base ?? { ...VOTE_TYPE_FALLBACK, approvals: { ...VOTE_TYPE_FALLBACK.approvals }, durationMs: votesDurationMs };
  if (value !== null && value !== undefined && !isRecord(value)) {
    sink.add({ key, message: `\`${key}\` must be a mapping like \`{ approvals: 2/3, duration: 14d }\`` });
    return fallback;
  }
  const raw = isRecord(value) ? value : {};
  checkKeys({ value: raw, key, allowed: VOTE_TYPE_KEYS, sink });
  const type: VoteType = {
    approvals: readThreshold({ value: raw.approvals, key: `${key}.approvals`, sink }) ?? fallback.approvals,
    durationMs: readDuration({ value: raw.duration, key: `${key}.duration`, sink, positive: true }) ?? fallback.durationMs,
    minDurationMs: readDuration({ value: raw.min_duration, key: `${key}.min_duration`, sink, positive: false }) ?? fallback.minDurationMs,
    recuseSubject: readBoolean({ value: raw.recuse_subject, key: `${key}.recuse_subject`, sink }) ?? fallback.recuseSubject,
  };
  if (type.minDurationMs > type.durationMs) {
    sink.add({
      key: raw.min_duration === undefined ? key : `${key}.min_duration`,
      message: `\`${key}\`: \`min_duration\` (${formatDuration(type.minDurationMs)}) is longer than the vote itself (${formatDuration(type.durationMs)})`,
    });
  }
  return type;
}
