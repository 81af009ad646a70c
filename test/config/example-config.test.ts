import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { parseConfig } from "../../src/config/parse-config.js";

describe("the example config shipped in .github/", () => {
  it("is valid and spells out exactly the defaults", () => {
    const text = readFileSync(new URL("../../.github/governance.example.yml", import.meta.url), "utf8");
    const parsed = parseConfig({ text, file: ".github/governance.example.yml" });
    expect(parsed).toMatchObject({ ok: true });
    if (parsed.ok) expect(parsed.config).toEqual(DEFAULT_CONFIG);
  });
});
