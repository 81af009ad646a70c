import { isRecord } from "./raw-values.js";
import type { RawConfig } from "./document-types.js";

/**
 * Probot's `_extends` merge: the repository's own file (`override`) wins key by
 * key over the file it extends (`base`). Mappings merge recursively; lists and
 * everything else are replaced whole, so `rules:` in the repository replaces the
 * org's rules rather than appending to them. A null in `override` replaces too,
 * and validateConfig reads null as "not set", so it restores Gavel's default.
 * The result has no `_extends`: the merge has followed it. Inputs are not changed.
 */
export function mergeExtended(params: { base: RawConfig; override: RawConfig }): RawConfig {
  const merged = mergeMappings(params);
  delete merged._extends;
  return merged;
}

function mergeMappings(params: { base: RawConfig; override: RawConfig }): RawConfig {
  const { base, override } = params;
  const merged: RawConfig = {};
  for (const [key, value] of Object.entries(base)) setOwn({ target: merged, key, value });
  for (const [key, value] of Object.entries(override)) {
    const below = Object.hasOwn(merged, key) ? merged[key] : undefined;
    const next = isRecord(below) && isRecord(value) ? mergeMappings({ base: below, override: value }) : value;
    setOwn({ target: merged, key, value: next });
  }
  return merged;
}

/** Defines rather than assigns, so a YAML key named `__proto__` stays a plain key. */
function setOwn(params: { target: RawConfig; key: string; value: unknown }): void {
  Object.defineProperty(params.target, params.key, { value: params.value, enumerable: true, writable: true, configurable: true });
}
