import { configReference } from "./config-reference.js";
import { governanceJsonSchema } from "./json-schema.js";

/** The files generated from CONFIG_SPEC, by repository path: written by `npm run generate`, compared by a test. */
export const GENERATED_FILES: ReadonlyArray<{ path: string; render: () => string }> = [
  { path: "schema/governance.schema.json", render: () => `${JSON.stringify(governanceJsonSchema(), null, 2)}\n` },
  { path: "docs/configuration.md", render: configReference },
];
