import { CONFIG_PATH } from "../constants.js";
import { CONFIG_SPEC } from "./config-spec.js";
import { objectSchema, type Json } from "./key-spec.js";

/** Where the published schema lives, for `# yaml-language-server: $schema=` lines. */
export const SCHEMA_URL = "https://raw.githubusercontent.com/gavel-governance/gavel/main/schema/governance.schema.json";

/**
 * The JSON Schema (draft-07) of `.github/governance.yml`, generated from
 * CONFIG_SPEC, the same source the validator reads the file with. It is an
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
    ...objectSchema(CONFIG_SPEC),
  };
}
