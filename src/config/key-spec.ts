import { load } from "js-yaml";
import { checkKeys, describeValue, isRecord, type ProblemSink } from "./raw-values.js";

/**
 * The machinery config-spec.ts is written in: a Kind of value knows how to
 * read one (reporting every problem to a ProblemSink and carrying on), how
 * the reference and the JSON Schema describe it; a mapping of KeySpecs reads
 * its keys with their kinds and defaults, and its TypeScript type is inferred
 * from them (Infer), so the validated config's types follow the spec.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ReadParams {
  /** The value as written: never undefined, and null only for a kind that `takesNull`. */
  value: unknown;
  /** Dotted key path of the value (`rules[0].approvals`), where its problems are located. */
  key: string;
  sink: ProblemSink;
  /** The enclosing mapping's keys read before this one, as written, or their defaults where left out or invalid. */
  siblings?: Readonly<Record<string, unknown>>;
  /**
   * What the key is when not given, as written: the layer below's value (a
   * default vote type under a given one), else the spec's default. A mapping
   * takes the keys it is not given from it; a mapOf merges its entries over it.
   */
  fallback?: unknown;
}

export interface Kind<T> {
  /** The value, or undefined once every problem in it is reported. */
  read(params: ReadParams): T | undefined;
  /** The "value" column of docs/configuration.md. */
  doc: string;
  /** Its JSON Schema, an editor's aid: Gavel's own reading stays the judge. */
  schema: { [key: string]: Json };
  /** YAML's empty value means "not set" (the default applies), unless the kind gives null a meaning. */
  takesNull?: boolean;
  /** What a key of this kind reads when left out and its spec has no default: `{}` for a mapping. */
  absent?: unknown;
  /** The keys of the mapping it is or holds, for their own section of the reference, titled `<key><suffix>`. */
  nested?: { suffix: string; keys: KeySpecs };
}

export interface KeySpec {
  kind: Kind<unknown>;
  /** What the key means, for the reference and editors' hover text. */
  description: string;
  /** The default as written in YAML, read like a written value; null for none (the key is required, or its absence means something). */
  default: string | null;
  /** As written in YAML, for the reference; a test checks that it is valid. */
  example: string;
  /** Why the key must be given: "`rules[0]` needs a `name`, <required>". */
  required?: string;
  /** Its property in the validated config: the key itself by default; null for a key that is checked but not kept. */
  field?: string | null;
}

export type KeySpecs = Readonly<Record<string, KeySpec>>;

type FieldName<K, S> = S extends { field: null } ? never : S extends { field: infer F extends string } ? F : K;
type ValueOf<S> = S extends { kind: Kind<infer T> } ? T : never;

/** The validated value of a mapping of KeySpecs: `{ author_counts: { kind: BOOLEAN, field: "authorCounts" } }` -> `{ authorCounts: boolean }`. */
export type Infer<S extends KeySpecs> = Expand<{ -readonly [K in keyof S as FieldName<K, S[K]>]: ValueOf<S[K]> }>;

/** Spells a mapped type out, so editors and errors show `{ name: string; ... }`. */
type Expand<T> = T extends infer O ? { [K in keyof O]: O[K] } : never;

export interface MappingParams<S extends KeySpecs> {
  keys: S;
  /** The problem when the value is not a mapping; "must be a mapping of keys to values" by default. */
  notMapping?: (params: { key: string; value: unknown }) => string;
  /** Checks across keys, after they are read: `value` lacks the keys that were invalid (and a missing required key). */
  check?: (params: { value: Partial<Infer<S>>; raw: Record<string, unknown>; key: string; sink: ProblemSink }) => void;
}

/**
 * A mapping with the given keys: unknown keys are reported (with the closest
 * allowed one), each key left out takes its default, and a key left out
 * entirely reads as `{}`, i.e. every default.
 */
export function mapping<S extends KeySpecs>(params: MappingParams<S>): Kind<Infer<S>> {
  const { keys, notMapping, check } = params;
  const specs = Object.entries(keys).map(([name, spec]) => ({ name, spec, specDefault: spec.default === null ? spec.kind.absent : load(spec.default) }));
  const isComplete = (value: Partial<Infer<S>>): value is Infer<S> =>
    specs.every(({ name, spec }) => spec.field === null || Object.hasOwn(value, spec.field ?? name));
  return {
    doc: "mapping (below)",
    schema: { anyOf: [objectSchema(keys), { type: "null" }] },
    absent: {},
    nested: { suffix: "", keys },
    read: ({ value, key, sink, fallback }) => {
      if (!isRecord(value)) {
        sink.add({ key, message: notMapping?.({ key, value }) ?? `\`${key}\` must be a mapping of keys to values, not ${describeValue(value)}` });
        return undefined;
      }
      const before = sink.problems.length;
      checkKeys({ value, key, allowed: Object.keys(keys), sink });
      const below = isRecord(fallback) ? fallback : {};
      const read: Record<string, unknown> = {};
      const siblings: Record<string, unknown> = {};
      for (const { name, spec, specDefault } of specs) {
        const isSet = (written: unknown): boolean => written !== undefined && (written !== null || spec.kind.takesNull === true);
        const given = Object.hasOwn(value, name) ? value[name] : undefined;
        const lower = Object.hasOwn(below, name) ? below[name] : undefined;
        const otherwise = isSet(lower) ? lower : specDefault;
        const written = isSet(given) ? given : otherwise;
        if (!isSet(written)) {
          if (spec.required !== undefined) sink.add({ key, message: `\`${key}\` needs a \`${name}\`, ${spec.required}` });
          continue;
        }
        const result = spec.kind.read({ value: written, key: key === "" ? name : `${key}.${name}`, sink, siblings, fallback: otherwise });
        siblings[name] = result === undefined ? otherwise : written;
        if (result !== undefined && spec.field !== null) read[spec.field ?? name] = result;
      }
      // Sound by construction: each property is its key's kind's reading, named as Infer names it.
      const partial = read as Partial<Infer<S>>;
      check?.({ value: partial, raw: value, key, sink });
      if (sink.problems.length > before) return undefined;
      if (!isComplete(partial)) throw new Error(`config spec: a key of \`${key}\` has no value; give it a default`);
      return partial;
    },
  };
}

/** A list of `item`s, e.g. rules. `unique` names a key whose values (as written, case-insensitively) must differ between items. */
export function listOf<T>(params: {
  item: Kind<T>;
  doc: string;
  notList: (params: { key: string; value: unknown }) => string;
  unique?: { key: string; what: string };
}): Kind<T[]> {
  const { item, unique } = params;
  return {
    doc: params.doc,
    schema: { type: ["array", "null"], items: item.schema },
    nested: item.nested && { suffix: `[]${item.nested.suffix}`, keys: item.nested.keys },
    read: ({ value, key, sink }) => {
      if (!Array.isArray(value)) {
        sink.add({ key, message: params.notList({ key, value }) });
        return undefined;
      }
      const before = sink.problems.length;
      const items: T[] = [];
      const seen = new Map<string, number>();
      value.forEach((raw: unknown, index) => {
        const result = item.read({ value: raw, key: `${key}[${index}]`, sink });
        if (result !== undefined) items.push(result);
        const name = unique && isRecord(raw) ? raw[unique.key] : undefined;
        if (unique === undefined || typeof name !== "string" || name.trim() === "") return;
        const previous = seen.get(name.trim().toLowerCase());
        if (previous === undefined) seen.set(name.trim().toLowerCase(), index);
        else
          sink.add({
            key: `${key}[${index}].${unique.key}`,
            message: `${unique.what} \`${name.trim()}\` is already used by \`${key}[${previous}]\`; names must be unique`,
          });
      });
      return sink.problems.length > before ? undefined : items;
    },
  };
}

/**
 * A mapping of names to `item`s, e.g. vote types. The entries given merge
 * over the default's entries key by key (`removal: { duration: 14d }` keeps
 * the default removal's threshold), and `inherit` names keys of the enclosing
 * mapping an entry takes where it sets none (a vote type's `duration`).
 */
export function mapOf<T>(params: {
  item: Kind<T>;
  doc: string;
  namePattern: string;
  nameProblem: (name: string) => string | null;
  inherit?: readonly string[];
}): Kind<Record<string, T>> {
  const { item } = params;
  return {
    doc: params.doc,
    schema: { type: ["object", "null"], propertyNames: { pattern: params.namePattern }, additionalProperties: item.schema },
    absent: {},
    nested: item.nested && { suffix: `.<name>${item.nested.suffix}`, keys: item.nested.keys },
    read: ({ value, key, sink, siblings = {}, fallback }) => {
      if (!isRecord(value)) {
        sink.add({ key, message: `\`${key}\` must be a mapping of keys to values, not ${describeValue(value)}` });
        return undefined;
      }
      const before = sink.problems.length;
      const defaults = isRecord(fallback) ? fallback : {};
      const inherited = Object.fromEntries((params.inherit ?? []).map((name) => [name, siblings[name]]));
      const read = new Map<string, T>();
      // Given entries first, in the order written, so problems come in the file's order.
      const names = [...Object.keys(value), ...Object.keys(defaults).filter((name) => !Object.hasOwn(value, name))];
      for (const name of names) {
        const entryKey = `${key}.${name}`;
        const given = Object.hasOwn(value, name) ? value[name] : undefined;
        const nameProblem = given === undefined ? null : params.nameProblem(name);
        if (nameProblem !== null) sink.add({ key: entryKey, message: nameProblem });
        const base = Object.hasOwn(defaults, name) ? defaults[name] : undefined;
        const result = item.read({ value: given ?? {}, key: entryKey, sink, fallback: { ...inherited, ...(isRecord(base) ? base : {}) } });
        if (result !== undefined && nameProblem === null) read.set(name, result);
      }
      if (sink.problems.length > before) return undefined;
      // Default entries first, then new ones: the order `/vote` lists types in.
      const order = [...Object.keys(defaults), ...Object.keys(value).filter((name) => !Object.hasOwn(defaults, name))];
      return Object.fromEntries(
        order.flatMap((name): Array<[string, T]> => {
          const entry = read.get(name);
          return entry === undefined ? [] : [[name, entry]];
        }),
      );
    },
  };
}

/** The JSON Schema of a mapping with these keys: descriptions, defaults of plain values, and no other keys. */
export function objectSchema(keys: KeySpecs): { [key: string]: Json } {
  const required = Object.entries(keys).flatMap(([name, spec]) => (spec.required === undefined ? [] : [name]));
  const property = (spec: KeySpec): Json => {
    const annotations: { [key: string]: Json } = { description: spec.description };
    if (spec.default !== null && spec.kind.nested === undefined) annotations.default = toJson(load(spec.default));
    return { ...annotations, ...spec.kind.schema };
  };
  return {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(keys).map(([name, spec]) => [name, property(spec)])),
    ...(required.length > 0 ? { required } : {}),
  };
}

export function toJson(value: unknown): Json {
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJson(item)]));
  return null;
}
