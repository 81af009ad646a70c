import { CORE_SCHEMA, EVENT_ID, YAMLException, load, parseEvents } from "js-yaml";
import type { AliasEvent } from "js-yaml";
import { parseExtends } from "./extends-target.js";
import { isRecord } from "./raw-values.js";
import { locateYamlKeys } from "./yaml-locations.js";
import type { ConfigLocator, ConfigProblem, ExtendsTarget, RawConfig } from "./document-types.js";

/** Governance configs are a page of YAML; anything near this size is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 64 * 1024;

/** Why a config over MAX_CONFIG_BYTES is refused, however large it is. */
export function configTooLarge(bytes: number | null): string {
  return `the file is ${bytes === null ? "over 1 MB" : `${bytes} bytes`}; a governance config may be at most ${MAX_CONFIG_BYTES} bytes (64 KiB)`;
}

export type ReadConfig = { ok: true; raw: RawConfig; extendsFrom: ExtendsTarget | null; locate: ConfigLocator } | { ok: false; problems: ConfigProblem[] };

/**
 * The text of one config file to its YAML mapping, where `_extends` points and
 * a locator for its keys. No validation beyond that: keys and values are
 * validateConfig's, after any `_extends` merge.
 *
 * - Empty text (or only comments, or a lone `---`) is an empty mapping: all defaults.
 * - Aliases (`*name`) are refused: a config never needs them, and they are how a
 *   small file expands into a huge one ("billion laughs"). Anchors alone are harmless.
 * - One document only; its top level must be a mapping.
 */
export function readConfigYaml(params: { text: string; file: string }): ReadConfig {
  const { text, file } = params;
  const problem = (found: { message: string; line?: number | null; key?: string }): ReadConfig => ({
    ok: false,
    problems: [{ file, line: found.line ?? null, key: found.key ?? null, message: found.message }],
  });
  const bytes = text.length > MAX_CONFIG_BYTES ? text.length : new TextEncoder().encode(text).length;
  if (bytes > MAX_CONFIG_BYTES) {
    return problem({ message: configTooLarge(bytes) });
  }

  let value: unknown;
  try {
    const events = parseEvents(text, {});
    const alias = events.find((event): event is AliasEvent => event.type === EVENT_ID.ALIAS);
    if (alias !== undefined) {
      const line = lineOfOffset({ text, offset: alias.anchorStart });
      return problem({ message: "YAML aliases (`*name`) are not allowed in a governance config; write the value out", line });
    }
    // An empty stream has no document, which `load` refuses; for a config it means "all defaults".
    value = events.length === 0 ? null : load(text, { schema: CORE_SCHEMA, maxAliases: 0 });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const line = error.mark === undefined ? null : error.mark.line + 1;
    return problem({ message: `invalid YAML: ${error.reason}`, line });
  }

  if (value !== null && value !== undefined && !isRecord(value)) {
    const got = Array.isArray(value) ? "a list" : "a single value";
    return problem({ message: `the file must be a mapping of keys (\`maintainers:\`, \`rules:\`, \`votes:\`), not ${got}`, line: 1 });
  }
  const raw: RawConfig = isRecord(value) ? value : {};
  const lines = locateYamlKeys(text);
  const locate: ConfigLocator = (key) => ({ file, line: lines(key) });

  let extendsFrom: ExtendsTarget | null = null;
  if (raw._extends !== undefined && raw._extends !== null) {
    const target = parseExtends(raw._extends);
    if (!target.ok) return problem({ message: target.message, line: lines("_extends"), key: "_extends" });
    extendsFrom = target.target;
  }
  return { ok: true, raw, extendsFrom, locate };
}

function lineOfOffset(params: { text: string; offset: number }): number | null {
  if (params.offset < 0) return null;
  return params.text.slice(0, params.offset).split(/\r\n|\r|\n/).length;
}
