import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { CONFIG_SPEC, MAINTAINERS_SPEC, RULE_SPEC, VOTE_TYPE_SPEC, VOTES_SPEC, type KeySpecs } from "../../src/config/config-spec.js";
import { GENERATED_FILES } from "../../src/config/generated-files.js";
import { validateConfig } from "../../src/config/validate-config.js";

const locate = () => ({ file: ".github/governance.yml", line: null });
const validate = (raw: Record<string, unknown>) => validateConfig({ raw, locate });

describe("files generated from the config spec", () => {
  it.each(GENERATED_FILES.map((f) => [f.path, f] as const))("%s is committed as generated (run `npm run generate`)", (path, file) => {
    expect(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8")).toBe(file.render());
  });
});

/**
 * The spec is the one list of keys: every key it names is accepted by the
 * validator with its example and its default, and a key it doesn't name is
 * refused. So the schema and the reference, generated from it, can't offer
 * a key Gavel would reject or hide one it reads.
 */
describe("the spec and the validator agree", () => {
  const wrap: Array<{ where: string; keys: KeySpecs; place: (key: string, value: unknown) => Record<string, unknown> }> = [
    { where: "maintainers", keys: MAINTAINERS_SPEC, place: (key, value) => ({ maintainers: { [key]: value } }) },
    {
      where: "rules[]",
      keys: RULE_SPEC,
      place: (key, value) => ({ rules: [{ name: "r", paths: ["GOVERNANCE.md"], labels: ["governance"], approvals: "2/3", discussion: "1d", [key]: value }] }),
    },
    { where: "votes", keys: VOTES_SPEC, place: (key, value) => ({ votes: { [key]: value } }) },
    { where: "votes.types.x", keys: VOTE_TYPE_SPEC, place: (key, value) => ({ votes: { types: { x: { [key]: value } } } }) },
  ];
  const cases = wrap.flatMap(({ where, keys, place }) =>
    Object.entries(keys).flatMap(([key, spec]) => [
      { name: `${where}.${key}: its example`, raw: place(key, load(spec.example)) },
      ...(spec.default === null ? [] : [{ name: `${where}.${key}: its default`, raw: place(key, load(spec.default)) }]),
    ]),
  );
  it.each(cases)("$name is valid", ({ raw }) => {
    expect(validate(raw)).toMatchObject({ ok: true });
  });

  it.each(wrap)("an unknown key in $where is refused", ({ place }) => {
    const result = validate(place("no_such_key", true));
    expect(result.ok).toBe(false);
  });

  it("the top-level keys are the spec's", () => {
    expect(validate({ maintainers: null, rules: null, votes: null })).toMatchObject({ ok: true });
    expect(validate({ rulez: [] })).toMatchObject({ ok: false });
    expect(Object.keys(CONFIG_SPEC)).toEqual(["_extends", "maintainers", "rules", "votes"]);
  });
});

describe("the example config", () => {
  const text = readFileSync(new URL("../../.github/governance.example.yml", import.meta.url), "utf8");
  it("points editors at the published schema", () => {
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=https://raw.githubusercontent.com/gavel-governance/gavel/main/schema/governance.schema.json",
    );
  });
  it("is valid, and says exactly the defaults", async () => {
    const { parseConfig } = await import("../../src/config/parse-config.js");
    const { DEFAULT_CONFIG } = await import("../../src/config/defaults.js");
    const { governOwnFiles } = await import("../../src/config/govern-own-files.js");
    const parsed = parseConfig({ text, file: ".github/governance.yml" });
    expect(parsed).toMatchObject({ ok: true });
    if (parsed.ok)
      expect(parsed.config).toEqual({ ...DEFAULT_CONFIG, rules: governOwnFiles({ rules: DEFAULT_CONFIG.rules, maintainersFile: "MAINTAINERS.md" }) });
  });
});

describe("the JSON Schema, checked by a real JSON Schema validator (ajv)", () => {
  const cases: Array<{ name: string; yaml: string; valid: boolean }> = [
    { name: "the example config", yaml: readFileSync(new URL("../../.github/governance.example.yml", import.meta.url), "utf8"), valid: true },
    {
      name: "a typical charter config",
      yaml: "maintainers:\n  file: MAINTAINERS.md\n  exclude: ['@old']\nrules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n    discussion: 14d\nvotes:\n  types:\n    removal: { approvals: 3/4, min_duration: 72h }\n",
      valid: true,
    },
    { name: "an empty file", yaml: "", valid: true },
    { name: "an unknown key", yaml: "rulez: []\n", valid: false },
    { name: "an unknown rule key", yaml: "rules:\n  - name: x\n    paths: [a]\n    aproovals: 2\n", valid: false },
    { name: "a rule without a name", yaml: "rules:\n  - paths: [a]\n", valid: false },
    { name: "a percentage", yaml: "rules:\n  - name: x\n    paths: [a]\n    approvals: 67%\n", valid: false },
    { name: "a duration without a unit", yaml: "votes:\n  duration: 7\n", valid: false },
    { name: "on_change outside its choices", yaml: "rules:\n  - name: x\n    paths: [a]\n    on_change: reset\n", valid: false },
    { name: "a vote type named like a command", yaml: "votes:\n  types:\n    Yes!: {}\n", valid: false },
  ];
  it.each(cases)("$name: valid = $valid", async ({ yaml, valid }) => {
    const { Ajv } = await import("ajv");
    const { governanceJsonSchema } = await import("../../src/config/json-schema.js");
    const schema = governanceJsonSchema();
    if (typeof schema !== "object" || schema === null || Array.isArray(schema)) throw new Error("the schema is not an object");
    const validateSchema = new Ajv({ strict: false }).compile(schema);
    // js-yaml 5 refuses an empty document; Gavel reads an empty file as "all defaults".
    expect(validateSchema(yaml.trim() === "" ? {} : load(yaml))).toBe(valid);
  });
});
