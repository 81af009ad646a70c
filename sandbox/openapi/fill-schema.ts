import { isRecord, type JsonRecord, type SchemaDoc } from "./schema-doc.js";
import { hasType, schemaTypes, validateSchema } from "./validate-schema.js";

/**
 * Completes a partial object into the full shape a schema describes. The
 * sandbox models the fields Gavel (or any app) reasons about and gives them
 * as `value`; every other property the schema REQUIRES is added with the
 * zero value of its type: null where it is nullable, else the first enum
 * value, "" (an ISO instant, `now`, for date-times), 0, false, [] or an object
 * filled the same way. Optional properties are left out, as GitHub often
 * does. Fields of `value` the schema doesn't declare are kept.
 *
 * So responses and webhook payloads carry every field GitHub's description
 * promises, and follow the description when GitHub adds one.
 */
export function fillSchema(params: { doc: SchemaDoc; schema: unknown; value: unknown; now: string }): unknown {
  return fill({ ...params, depth: 0 });
}

/** Fills a nested schema one level deeper. */
type Next = (at: { schema: unknown; value: unknown }) => unknown;

interface Ctx {
  doc: SchemaDoc;
  schema: unknown;
  value: unknown;
  now: string;
  depth: number;
}

/** Deeper than this, a required object is cut off as null: descriptions nest repositories in repositories. */
const MAX_DEPTH = 14;

function fill(ctx: Ctx): unknown {
  const s = flatten({ doc: ctx.doc, schema: ctx.schema });
  const { value } = ctx;
  const next: Next = (at) => fill({ ...ctx, schema: at.schema, value: at.value, depth: ctx.depth + 1 });
  const branches = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (branches && branches.length > 0) return next({ schema: pickBranch({ ctx, s, branches }), value });

  const types = schemaTypes(s);
  if (value === undefined) {
    if (types.includes("null") || ctx.depth > MAX_DEPTH) return null;
    if ("const" in s) return s.const;
    if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum.find((e) => e !== null) ?? null;
    return zero({ ctx, s, type: types[0] ?? (isRecord(s.properties) ? "object" : "null"), next });
  }
  if (Array.isArray(value) && s.items !== undefined) return value.map((item) => next({ schema: s.items, value: item }));
  if (isRecord(value) && (isRecord(s.properties) || Array.isArray(s.required))) return fillObject({ s, value, next });
  return value;
}

function zero(params: { ctx: Ctx; s: JsonRecord; type: string; next: Next }): unknown {
  switch (params.type) {
    case "string":
      return params.s.format === "date-time" ? params.ctx.now : "";
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    case "array":
      return [];
    case "object":
      return fillObject({ s: params.s, value: {}, next: params.next });
    default:
      return null;
  }
}

function fillObject(params: { s: JsonRecord; value: JsonRecord; next: Next }): JsonRecord {
  const { s, value, next } = params;
  const properties = isRecord(s.properties) ? s.properties : {};
  const out: JsonRecord = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[key] = properties[key] === undefined ? v : next({ schema: properties[key], value: v });
  }
  const required = Array.isArray(s.required) ? s.required.filter((k): k is string => typeof k === "string") : [];
  for (const key of required) if (!(key in out)) out[key] = next({ schema: properties[key] ?? {}, value: undefined });
  return out;
}

/**
 * The alternative a value belongs to: for no value, null if allowed, else the
 * first; otherwise the first whose filled form validates, else the first of
 * the value's type.
 */
function pickBranch(params: { ctx: Ctx; s: JsonRecord; branches: unknown[] }): unknown {
  const { ctx, branches } = params;
  const resolved = branches.map((b) => flatten({ doc: ctx.doc, schema: b }));
  if (ctx.value === undefined) {
    const nullable = resolved.findIndex((b) => schemaTypes(b).includes("null"));
    return branches[Math.max(nullable, 0)];
  }
  for (const branch of branches) {
    const filled = fill({ ...ctx, schema: branch, depth: ctx.depth + 1 });
    if (validateSchema({ doc: ctx.doc, schema: branch, value: filled, at: "", strict: false }).length === 0) return branch;
  }
  const typed = resolved.findIndex((b) => schemaTypes(b).some((t) => hasType({ value: ctx.value, type: t })));
  return branches[Math.max(typed, 0)];
}

/** A schema with its `allOf` parts merged into one: properties and required lists united. */
function flatten(params: { doc: SchemaDoc; schema: unknown }): JsonRecord {
  const s = params.doc.resolve(params.schema);
  if (!Array.isArray(s.allOf)) return s;
  const parts = [s, ...s.allOf.map((p) => flatten({ doc: params.doc, schema: p }))];
  const merged: JsonRecord = {};
  const properties: JsonRecord = {};
  const required = new Set<string>();
  for (const part of parts) {
    for (const [key, v] of Object.entries(part)) if (key !== "allOf" && key !== "properties" && key !== "required" && !(key in merged)) merged[key] = v;
    // A property several parts declare must satisfy each of them (e.g. a nullable name in one, a string in another).
    if (isRecord(part.properties))
      for (const [key, v] of Object.entries(part.properties)) properties[key] = key in properties ? { allOf: [properties[key], v] } : v;
    if (Array.isArray(part.required)) for (const key of part.required) if (typeof key === "string") required.add(key);
  }
  // Nullable only if every part that states a type allows null.
  const typed = parts.filter((p) => p.type !== undefined);
  if (typed.length > 0) merged.nullable = s.nullable === true || typed.every((p) => schemaTypes(p).includes("null"));
  return { ...merged, properties, required: [...required] };
}
