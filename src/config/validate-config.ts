import { CONFIG } from "./config-spec.js";
import { governOwnFiles } from "./govern-own-files.js";
import { createProblemSink } from "./raw-values.js";
import type { ConfigLocator, ConfigProblem, GavelConfig, RawConfig } from "./types.js";

export type ValidatedConfig = { ok: true; config: GavelConfig } | { ok: false; problems: ConfigProblem[] };

/**
 * A loaded (and, with `_extends`, already merged) document to the config Gavel
 * enforces, or every problem in it, read by the spec (config-spec.ts).
 * All-or-nothing: a config with any problem is never partly applied, so the
 * caller fails closed. The config file is always governed, and so is the
 * maintainers file (governOwnFiles), whatever `rules:` says.
 */
export function validateConfig(params: { raw: RawConfig; locate: ConfigLocator }): ValidatedConfig {
  const sink = createProblemSink(params.locate);
  const config = CONFIG.read({ value: params.raw, key: "", sink });
  if (config === undefined) return { ok: false, problems: sink.problems };
  return { ok: true, config: { ...config, rules: governOwnFiles({ rules: config.rules, maintainersFile: config.maintainers.file }) } };
}
