import { describe, expect, it } from "@jest/globals";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../src/config/duration.js";
import { listOf, mapOf, mapping, type Infer, type Kind, type KeySpecs } from "../../src/config/key-spec.js";
import { createProblemSink } from "../../src/config/raw-values.js";
import { BOOLEAN, choice, duration, EXTENDS, GLOBS, HANDLES, LABELS, TEAMS, TEXT, TEXT_OR_NULL, THRESHOLD } from "../../src/config/value-kinds.js";

/** Reads `value` at key `k` (the top level for a mapping) and returns what it read and every problem, as [key, message]. */
function read<T>(params: { kind: Kind<T>; value: unknown; key?: string }): { value: T | undefined; problems: Array<[string | null, string]> } {
  const sink = createProblemSink(() => ({ file: "test.yml", line: null }));
  const { kind, value, key = "k" } = params;
  const result = kind.read({ value, key, sink });
  return { value: result, problems: sink.problems.map((p) => [p.key, p.message]) };
}

describe("kinds of values", () => {
  it.each<[string, Kind<unknown>, unknown, unknown]>([
    ["boolean true", BOOLEAN, true, true],
    ["boolean false", BOOLEAN, false, false],
    ["text, trimmed", TEXT, "  charter ", "charter"],
    ["text or null: null", TEXT_OR_NULL, null, null],
    ["text or null: text", TEXT_OR_NULL, "OWNERS.md", "OWNERS.md"],
    ["duration 14d", duration({ positive: false }), "14d", 14 * DAY_MS],
    ["duration 72h", duration({ positive: false }), "72h", 72 * HOUR_MS],
    ["duration 0", duration({ positive: false }), 0, 0],
    ["duration `0`", duration({ positive: false }), "0", 0],
    ["positive duration 30m", duration({ positive: true }), "30m", 30 * MINUTE_MS],
    ["threshold 2/3", THRESHOLD, "2/3", { kind: "fraction", numerator: 2, denominator: 3 }],
    ["threshold majority", THRESHOLD, "majority", { kind: "majority" }],
    ["threshold count", THRESHOLD, 3, { kind: "count", count: 3 }],
    ["choice", choice(["keep", "restart"]), "restart", "restart"],
    ["_extends", EXTENDS, "acme/.github", { owner: "acme", repo: ".github", path: ".github/governance.yml" }],
    ["globs lose a leading / or ./", GLOBS, ["./docs/**", "/SECURITY.md", " *.md "], ["docs/**", "SECURITY.md", "*.md"]],
    ["labels", LABELS, ["governance"], ["governance"]],
    ["handles lose a leading @", HANDLES, ["@alice", "renovate[bot]"], ["alice", "renovate[bot]"]],
    ["teams lose a leading @", TEAMS, ["@core", "steering.wg"], ["core", "steering.wg"]],
  ])("%s", (_name, kind, value, expected) => {
    expect(read({ kind, value })).toEqual({ value: expected, problems: [] });
  });

  it.each<[string, Kind<unknown>, unknown, string, string]>([
    ["boolean `yes`", BOOLEAN, "yes", "k", "`k` must be true or false, not `yes`"],
    ["boolean 1", BOOLEAN, 1, "k", "`k` must be true or false, not `1`"],
    ["boolean list", BOOLEAN, [true], "k", "`k` must be true or false, not a list"],
    ["text empty", TEXT, " ", "k", "`k` must be non-empty text, not ` `"],
    ["text number", TEXT, 5, "k", "`k` must be non-empty text, not `5`"],
    ["text mapping", TEXT, { a: 1 }, "k", "`k` must be non-empty text, not a mapping"],
    ["text or null: empty", TEXT_OR_NULL, "", "k", "`k` must be text or null, not ``"],
    ["text or null: list", TEXT_OR_NULL, [], "k", "`k` must be text or null, not a list"],
    ["duration without a unit", duration({ positive: false }), 7, "k", "`k`: `7` has no unit; write a whole number and a unit: `30m`, `72h`, `14d` or `2w`"],
    [
      "duration in words",
      duration({ positive: false }),
      "2 weeks",
      "k",
      "`k`: `2 weeks` has an unknown unit `weeks`; units are m, h, d and w (write a whole number and a unit: `30m`, `72h`, `14d` or `2w`)",
    ],
    ["duration over a year", duration({ positive: false }), "400d", "k", "`k`: `400d` is longer than a year (365d); check the unit"],
    ["duration boolean", duration({ positive: false }), true, "k", "`k` must be a duration like `14d`, not `true`"],
    ["positive duration 0", duration({ positive: true }), "0d", "k", "`k` must be longer than zero, e.g. `7d`"],
    ["threshold 3/2", THRESHOLD, "3/2", "k", "`k`: `3/2` asks for more than all maintainers; the top must not exceed the bottom (e.g. `2/3`)"],
    ["threshold percentage", THRESHOLD, "50%", "k", "`k`: percentages are not accepted (`50%`); write a fraction like `2/3`, or `1/2` for exactly 50%"],
    [
      "threshold boolean",
      THRESHOLD,
      true,
      "k",
      "`k`: expected a threshold; use a fraction like `2/3`, `majority`, `unanimous`, `lazy-consensus`, or a whole count like `3`",
    ],
    ["choice outside", choice(["keep", "restart"]), "reset", "k", "`k` must be one of `keep`, `restart`, not `reset`"],
    [
      "_extends, two slashes",
      EXTENDS,
      "a/b/c",
      "k",
      "`_extends: a/b/c` is not a repository reference; write `repo`, `owner/repo` or `owner/repo:path/to/file.yml`, e.g. `_extends: .github`",
    ],
    ["globs: `/` names no file", GLOBS, ["/"], "k[0]", "`k[0]`: `/` names no file; write a path like `GOVERNANCE.md`"],
    ["globs: not a list", GLOBS, "docs/**", "k", "`k` must be a list, e.g. `[GOVERNANCE.md]`, not `docs/**`"],
    ["labels: an empty item", LABELS, ["ok", ""], "k[1]", "`k[1]` must be non-empty text, not ``"],
    ["handles: not a username", HANDLES, ["bob smith"], "k[0]", "`k[0]`: `bob smith` is not a GitHub username"],
    ["handles: not a list", HANDLES, "alice", "k", "`k` must be a list, e.g. `[alice, bob]`, not `alice`"],
    [
      "teams: org/slug",
      TEAMS,
      ["@acme/core"],
      "k[0]",
      "`k[0]`: `@acme/core`: write the team's slug only (teams are read from the repository owner's organization)",
    ],
    ["teams: not a slug", TEAMS, ["core team"], "k[0]", "`k[0]`: `core team` is not a team slug"],
  ])("%s is refused", (_name, kind, value, key, message) => {
    expect(read({ kind, value })).toEqual({ value: undefined, problems: [[key, message]] });
  });

  it("reports every bad item of a list, and keeps none of it", () => {
    expect(read({ kind: HANDLES, value: ["alice", 3, "x y", null] })).toEqual({
      value: undefined,
      problems: [
        ["k[1]", "`k[1]` must be non-empty text, not `3`"],
        ["k[2]", "`k[2]`: `x y` is not a GitHub username"],
        ["k[3]", "`k[3]` must be non-empty text, not nothing"],
      ],
    });
  });
});

/** A spec of the same shape as the config's, to test the machinery on its own: adding a key is one entry. */
const ITEM_SPEC = {
  name: { kind: TEXT, description: "Its name.", default: null, example: "a", required: "to tell items apart" },
  size: { kind: duration({ positive: true }), field: "sizeMs", description: "How long.", default: null, example: "1h" },
  note: { kind: TEXT_OR_NULL, description: "A note.", default: "null", example: "hi" },
} as const satisfies KeySpecs;

const ITEM = mapping({
  keys: ITEM_SPEC,
  check: ({ value, key, sink }) => {
    if (value.name === "big" && value.sizeMs !== undefined && value.sizeMs < DAY_MS) sink.add({ key, message: `\`${key}\`: big takes a day` });
  },
});

const SPEC = {
  _extends: { kind: EXTENDS, field: null, description: "Checked, not kept.", default: null, example: ".github" },
  size: { kind: duration({ positive: true }), field: "sizeMs", description: "Default size.", default: "1h", example: "2h" },
  flag: { kind: BOOLEAN, description: "A flag.", default: "true", example: "false" },
  list: {
    kind: listOf({ item: ITEM, doc: "list of items", notList: ({ key }) => `\`${key}\` must be a list of items`, unique: { key: "name", what: "item name" } }),
    description: "Items.",
    default: "[{ name: first, size: 2h }]",
    example: "[]",
  },
  named: {
    kind: mapOf({
      item: ITEM,
      doc: "named items",
      namePattern: "^[a-z]+$",
      nameProblem: (name) => (/^[a-z]+$/.test(name) ? null : `\`${name}\` is not a name`),
      inherit: ["size"],
    }),
    description: "Named items.",
    default: "{ a: { name: a, note: kept } }",
    example: "{}",
  },
} as const satisfies KeySpecs;

const DOCUMENT = mapping({ keys: SPEC });

describe("a mapping of key specs", () => {
  it("infers the validated type from the spec", () => {
    type Item = { name: string; sizeMs: number; note: string | null };
    const typed: { sizeMs: number; flag: boolean; list: Item[]; named: Record<string, Item> } | undefined = read({ kind: DOCUMENT, value: {}, key: "" }).value;
    const back: Infer<typeof SPEC> | undefined = typed;
    expect(back).toBeDefined();
  });

  const HOUR_ITEM = { name: "first", sizeMs: 2 * HOUR_MS, note: null };
  const DEFAULTS = { sizeMs: HOUR_MS, flag: true, list: [HOUR_ITEM], named: { a: { name: "a", sizeMs: HOUR_MS, note: "kept" } } };

  it.each<[string, Record<string, unknown>, unknown]>([
    ["an empty document is every default", {}, DEFAULTS],
    ["null is unset, so the default applies", { flag: null, list: null }, DEFAULTS],
    ["a key checked but not kept", { _extends: ".github" }, DEFAULTS],
    ["a given list replaces the default", { list: [{ name: "x", size: "3h" }] }, { ...DEFAULTS, list: [{ name: "x", sizeMs: 3 * HOUR_MS, note: null }] }],
    [
      "null means none where the kind takes null",
      { list: [{ name: "x", size: "1h", note: null }] },
      { ...DEFAULTS, list: [{ name: "x", sizeMs: HOUR_MS, note: null }] },
    ],
    [
      "entries merge over the default's, key by key, and inherit the enclosing `size`",
      { size: "5h", named: { a: { size: "2h" }, b: { name: "b" } } },
      { ...DEFAULTS, sizeMs: 5 * HOUR_MS, named: { a: { name: "a", sizeMs: 2 * HOUR_MS, note: "kept" }, b: { name: "b", sizeMs: 5 * HOUR_MS, note: null } } },
    ],
    ["an entry left empty keeps its default", { named: { a: null } }, DEFAULTS],
  ])("%s", (_name, raw, expected) => {
    expect(read({ kind: DOCUMENT, value: raw, key: "" })).toEqual({ value: expected, problems: [] });
  });

  it.each<[string, Record<string, unknown>, Array<[string | null, string]>]>([
    [
      "an unknown key, with the closest one",
      { flags: true },
      [["flags", "unknown key `flags` at the top level. Did you mean `flag`? Allowed keys: _extends, size, flag, list, named."]],
    ],
    [
      "an unknown nested key",
      { list: [{ name: "x", size: "1h", nmae: "y" }] },
      [["list[0].nmae", "unknown key `nmae` in `list[0]`. Did you mean `name`? Allowed keys: name, size, note."]],
    ],
    [
      "a key not kept is still checked",
      { _extends: "a/b/c" },
      [["_extends", "`_extends: a/b/c` is not a repository reference; write `repo`, `owner/repo` or `owner/repo:path/to/file.yml`, e.g. `_extends: .github`"]],
    ],
    ["a required key left out", { list: [{ size: "1h" }] }, [["list[0]", "`list[0]` needs a `name`, to tell items apart"]]],
    ["a required key left empty", { list: [{ name: null, size: "1h" }] }, [["list[0]", "`list[0]` needs a `name`, to tell items apart"]]],
    ["a list item that is not a mapping", { list: ["x"] }, [["list[0]", "`list[0]` must be a mapping of keys to values, not `x`"]]],
    ["not a list", { list: "x" }, [["list", "`list` must be a list of items"]]],
    ["not a mapping", { named: [] }, [["named", "`named` must be a mapping of keys to values, not a list"]]],
    [
      "duplicate names, compared trimmed and case-insensitively",
      {
        list: [
          { name: "a", size: "1h" },
          { name: " A ", size: "bad" },
        ],
      },
      [
        ["list[1].size", "`list[1].size`: `bad` is not a duration; write a whole number and a unit: `30m`, `72h`, `14d` or `2w`"],
        ["list[1].name", "item name `A` is already used by `list[0]`; names must be unique"],
      ],
    ],
    [
      "a bad entry name; its keys are still checked",
      { named: { "B!": { name: "b", note: 3 } } },
      [
        ["named.B!", "`B!` is not a name"],
        ["named.B!.note", "`named.B!.note` must be text or null, not `3`"],
      ],
    ],
    ["a check across keys", { list: [{ name: "big", size: "2h" }] }, [["list[0]", "`list[0]`: big takes a day"]]],
    [
      "a check does not judge an invalid key",
      { list: [{ name: "big", size: "2 hours" }] },
      [
        [
          "list[0].size",
          "`list[0].size`: `2 hours` has an unknown unit `hours`; units are m, h, d and w (write a whole number and a unit: `30m`, `72h`, `14d` or `2w`)",
        ],
      ],
    ],
    [
      "an invalid enclosing key: entries inherit its default, with no problem of their own",
      { size: 0, named: { b: { name: "b" } } },
      [["size", "`size` must be longer than zero, e.g. `7d`"]],
    ],
    [
      "every problem of the document, in one pass",
      { flag: "no", extra: 1, list: [{ size: "1h" }, 5], named: { a: { size: "x" } } },
      [
        ["extra", "unknown key `extra` at the top level. Allowed keys: _extends, size, flag, list, named."],
        ["flag", "`flag` must be true or false, not `no`"],
        ["list[0]", "`list[0]` needs a `name`, to tell items apart"],
        ["list[1]", "`list[1]` must be a mapping of keys to values, not `5`"],
        ["named.a.size", "`named.a.size`: `x` is not a duration; write a whole number and a unit: `30m`, `72h`, `14d` or `2w`"],
      ],
    ],
  ])("reports %s", (_name, raw, problems) => {
    expect(read({ kind: DOCUMENT, value: raw, key: "" })).toEqual({ value: undefined, problems });
  });

  it("refuses a spec whose key has no value to fall back on", () => {
    const broken = mapping({ keys: { size: { kind: duration({ positive: true }), description: "No default.", default: null, example: "1h" } } });
    expect(() => read({ kind: broken, value: {}, key: "" })).toThrow("config spec: a key of `` has no value; give it a default");
  });
});
