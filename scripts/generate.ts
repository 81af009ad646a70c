/**
 * `npm run generate`: writes the files generated from the config spec. A test
 * fails when a committed copy differs, so run this after changing
 * src/config/config-spec.ts or the defaults.
 */
import { writeFileSync } from "node:fs";
import { GENERATED_FILES } from "../src/config/generated-files.js";

for (const file of GENERATED_FILES) {
  writeFileSync(new URL(`../${file.path}`, import.meta.url), file.render());
  process.stdout.write(`wrote ${file.path}\n`);
}
