import { readConfigYaml } from "./read-config-yaml.js";
import { validateConfig } from "./validate-config.js";
import type { ConfigProblem, ExtendsTarget, GavelConfig, RawConfig } from "./types.js";

export type ParsedConfig = { ok: true; config: GavelConfig; extendsFrom: ExtendsTarget | null; raw: RawConfig } | { ok: false; problems: ConfigProblem[] };

/**
 * One config file's text to the config it describes on its own, or every
 * problem in it. `file` names the file in problems (`owner/repo:path` or a
 * path). An empty file means all defaults; a missing file is the caller's to
 * notice (it also means all defaults).
 *
 * With `_extends`, `config` is this file alone: the caller follows
 * `extendsFrom` (same owner only) and enforces
 * `validateConfig({ raw: mergeExtended({ base, override }), locate: locateMerged(...) })`
 * instead, from two `readConfigYaml` results.
 */
export function parseConfig(params: { text: string; file: string }): ParsedConfig {
  const read = readConfigYaml(params);
  if (!read.ok) return read;
  const validated = validateConfig({ raw: read.raw, locate: read.locate });
  if (!validated.ok) return validated;
  return { ok: true, config: validated.config, extendsFrom: read.extendsFrom, raw: read.raw };
}
