import { CONFIG } from "./config-spec.js";
import { createProblemSink } from "./raw-values.js";
import type { GavelConfig } from "./types.js";

/**
 * The config Gavel enforces without a file (docs/architecture.md, "Configuration"): what
 * the spec's defaults (config-spec.ts) make of an empty document. They apply
 * key by key: a `maintainers:` or `votes.types:` entry overrides only the keys
 * it names, and `rules:` replaces the default rules wholesale. Deeply frozen,
 * so no caller can change the defaults for everyone else.
 */
export const DEFAULT_CONFIG: GavelConfig = deepFreeze(readDefaults());

function readDefaults(): GavelConfig {
  const sink = createProblemSink(() => ({ file: "src/config/config-spec.ts", line: null }));
  const config = CONFIG.read({ value: {}, key: "", sink });
  if (config === undefined) throw new Error(`the config spec's defaults are invalid: ${sink.problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
  return config;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
