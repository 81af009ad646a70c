import { isRecord } from "./raw-values.js";
import type { ConfigLocator, RawConfig } from "./document-types.js";

/**
 * Locates keys of a mergeExtended result in the file they came from: the
 * override wherever it sets the key or an ancestor that replaces it whole (a
 * list or a non-mapping value), the base elsewhere.
 */
export function locateMerged(params: { base: { raw: RawConfig; locate: ConfigLocator }; override: { raw: RawConfig; locate: ConfigLocator } }): ConfigLocator {
  const { base, override } = params;
  return (key) => (setByOverride({ raw: override.raw, key }) ? override.locate(key) : base.locate(key));
}

function setByOverride(params: { raw: RawConfig; key: string }): boolean {
  let node: unknown = params.raw;
  for (const segment of keySegments(params.key)) {
    if (!isRecord(node)) return true;
    if (!Object.hasOwn(node, segment)) return false;
    node = node[segment];
  }
  return true;
}

/** `rules[1].approvals` -> [`rules`, `1`, `approvals`]; list indexes end the walk anyway. */
function keySegments(key: string): string[] {
  return key === "" ? [] : key.split(/\.|\[|\]\.?/).filter((segment) => segment !== "");
}
