import { CONFIG_SPEC, keysOf } from "./config-spec.js";
import { DEFAULT_RULES } from "./defaults.js";
import { parseExtends } from "./extends-target.js";
import { governOwnFiles } from "./govern-own-files.js";
import { checkKeys, createProblemSink } from "./raw-values.js";
import { validateMaintainers } from "./validate-maintainers.js";
import { validateRules } from "./validate-rules.js";
import { validateVotes } from "./validate-votes.js";
import type { ConfigLocator, ConfigProblem, GavelConfig, RawConfig } from "./types.js";

export const TOP_LEVEL_KEYS: readonly string[] = keysOf(CONFIG_SPEC);

export type ValidatedConfig = { ok: true; config: GavelConfig } | { ok: false; problems: ConfigProblem[] };

/**
 * A loaded (and, with `_extends`, already merged) document to the config Gavel
 * enforces, or every problem in it. All-or-nothing: a config with any problem
 * is never partly applied, so the caller fails closed. The config file is
 * always governed, and so is the maintainers file (governOwnFiles), whatever
 * `rules:` says.
 */
export function validateConfig(params: { raw: RawConfig; locate: ConfigLocator }): ValidatedConfig {
  const { raw } = params;
  const sink = createProblemSink(params.locate);
  checkKeys({ value: raw, key: "", allowed: TOP_LEVEL_KEYS, sink });
  if (raw._extends !== undefined && raw._extends !== null) {
    const target = parseExtends(raw._extends);
    if (!target.ok) sink.add({ key: "_extends", message: target.message });
  }
  const maintainers = validateMaintainers({ value: raw.maintainers, sink });
  const rules = validateRules({ value: raw.rules, sink }) ?? DEFAULT_RULES;
  const votes = validateVotes({ value: raw.votes, sink });
  if (sink.problems.length > 0) return { ok: false, problems: sink.problems };
  return { ok: true, config: { maintainers, rules: governOwnFiles({ rules, maintainersFile: maintainers.file }), votes } };
}
