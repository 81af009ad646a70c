import { load } from "js-yaml";
import { CONFIG_PATH } from "../constants.js";
import { CONFIG_SPEC, type KeySpec, type KeySpecs, type ValueSpec } from "./config-spec.js";
import { DURATION_UNITS } from "./duration.js";
import { MAX_DENOMINATOR, THRESHOLD_KEYWORDS } from "./threshold.js";
import { HANDLE_PATTERN, TEAM_PATTERN } from "./validate-maintainers.js";

/** Where the published schema lives, for `# yaml-language-server: $schema=` lines. */
export const SCHEMA_URL = "https://raw.githubusercontent.com/gavel-governance/gavel/main/schema/governance.schema.json";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The JSON Schema (draft-07) of `.github/governance.yml`, generated from
 * CONFIG_SPEC, the same source the validators take their keys from. It is an
 * editor's aid: completion, hover text and early squiggles. Gavel's own
 * validator stays the judge (a schema can't say "at most 365 days" or "a
 * fraction whose top is at most its bottom"), and `gavel validate` runs it.
 */
export function governanceJsonSchema(): Json {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: SCHEMA_URL,
    title: `Gavel governance config (${CONFIG_PATH})`,
    description: "Read only from the default branch. Every key is optional; see docs/configuration.md.",
    ...mapping(CONFIG_SPEC),
  };
}

function mapping(keys: KeySpecs): { [key: string]: Json } {
  const required = Object.entries(keys).flatMap(([name, spec]) => (spec.required ? [name] : []));
  return {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(keys).map(([name, spec]) => [name, property(spec)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

function property(spec: KeySpec): Json {
  const schema = value(spec.value);
  const annotations: { [key: string]: Json } = { description: spec.description };
  if (spec.default !== null) annotations.default = yamlValue(spec.default);
  if (typeof schema === "object" && schema !== null && !Array.isArray(schema)) return { ...annotations, ...schema };
  return annotations;
}

function value(spec: ValueSpec): Json {
  switch (spec.type) {
    case "boolean":
      return { type: "boolean" };
    case "text":
      return spec.nullable ? { type: ["string", "null"] } : { type: "string", minLength: 1 };
    case "choice":
      return { enum: [...spec.options] };
    case "duration":
      return {
        anyOf: [
          { type: "string", pattern: `^\\s*(0|\\d+\\s*[${DURATION_UNITS.join("")}])\\s*$` },
          { const: 0 },
          { type: "null" },
        ],
      };
    case "threshold":
      return {
        anyOf: [
          { enum: [...THRESHOLD_KEYWORDS] },
          { type: "string", pattern: "^\\s*\\d+\\s*/\\s*\\d+\\s*$", description: `A fraction of all maintainers, rounded up; the bottom at most ${MAX_DENOMINATOR}.` },
          { type: "integer", minimum: 1, description: "A whole number of yes votes." },
          { type: "null" },
        ],
      };
    case "list":
      return { type: ["array", "null"], items: { type: "string", minLength: 1, ...listPattern(spec.of) } };
    case "extends":
      return { type: "string", minLength: 1 };
    case "mapping":
      return { anyOf: [mapping(spec.keys), { type: "null" }] };
    case "list-of":
      return { type: ["array", "null"], items: value(spec.item) };
    case "map-of":
      return { type: ["object", "null"], propertyNames: { pattern: spec.namePattern }, additionalProperties: value(spec.value) };
  }
}

function listPattern(of: "path" | "label" | "handle" | "team"): { [key: string]: Json } {
  if (of === "handle") return { pattern: `^@?${HANDLE_PATTERN.slice(1)}` };
  if (of === "team") return { pattern: `^@?${TEAM_PATTERN.slice(1)}` };
  return {};
}

/** A default as written in YAML, as the JSON value it loads to. */
function yamlValue(text: string): Json {
  const loaded: unknown = load(text);
  return toJson(loaded);
}

function toJson(v: unknown): Json {
  if (v === null || typeof v === "boolean" || typeof v === "number" || typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(toJson);
  if (typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, toJson(item)]));
  return null;
}
