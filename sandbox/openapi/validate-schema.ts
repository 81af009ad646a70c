import { isRecord, type JsonRecord, type SchemaDoc } from "./schema-doc.js";

/**
 * A small JSON-schema validator for the subset GitHub's OpenAPI descriptions
 * use: `$ref`, `type` (a name or a list, OpenAPI 3.0 `nullable`), `enum`,
 * `const`, `properties`, `required`, `additionalProperties`, `items`,
 * `minItems`/`maxItems`, `minLength`/`maxLength`, `pattern`,
 * `minimum`/`maximum`, `allOf`, `anyOf` and `oneOf`. `oneOf` is checked like
 * `anyOf` (at least one branch), because GitHub's branches overlap. `format`
 * is not checked.
 *
 * With `strict`, a property that an object schema does not declare is a
 * problem too (unless the schema allows extra properties or composes others):
 * GitHub ignores unknown body fields, but a misspelt field must not pass
 * silently in tests.
 */
export function validateSchema(params: { doc: SchemaDoc; schema: unknown; value: unknown; at: string; strict: boolean }): string[] {
  return check({ ...params, depth: 0 });
}

/** Checks a nested schema one level deeper. */
type Sub = (at: { schema: unknown; value: unknown; where: string; strict?: boolean }) => string[];

interface Ctx {
  doc: SchemaDoc;
  schema: unknown;
  value: unknown;
  at: string;
  strict: boolean;
  depth: number;
}

function check(ctx: Ctx): string[] {
  if (ctx.depth > 40) return [];
  const s = ctx.doc.resolve(ctx.schema);
  const { value, at } = ctx;
  const sub: Sub = (at) => check({ doc: ctx.doc, schema: at.schema, value: at.value, at: at.where, strict: at.strict ?? ctx.strict, depth: ctx.depth + 1 });
  const problems: string[] = [];
  // OpenAPI 3.0: `nullable` beside a composition allows null whatever the parts say.
  if (value === null && s.nullable === true) return problems;

  if (Array.isArray(s.allOf)) for (const part of s.allOf) problems.push(...sub({ schema: part, value, where: at, strict: false }));
  const branches = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (branches) {
    const results = branches.map((b) => sub({ schema: b, value, where: at }));
    if (!results.some((r) => r.length === 0)) problems.push(`${at}: matches none of its ${branches.length} alternatives (first: ${results[0]?.[0] ?? "?"})`);
  }

  const types = schemaTypes(s);
  if (types.length > 0 && !types.some((t) => hasType({ value, type: t }))) return [...problems, `${at}: expected ${types.join(" or ")}, got ${kindOf(value)}`];
  if (value === null || value === undefined) return problems;

  if (Array.isArray(s.enum) && !s.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if ("const" in s && s.const !== value) problems.push(`${at}: must be ${JSON.stringify(s.const)}`);
  if (typeof value === "string") problems.push(...stringProblems({ s, value, at }));
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) problems.push(`${at}: must be ≥ ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) problems.push(`${at}: must be ≤ ${s.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) problems.push(`${at}: needs at least ${s.minItems} items`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems) problems.push(`${at}: takes at most ${s.maxItems} items`);
    if (s.items !== undefined) for (const [i, item] of value.entries()) problems.push(...sub({ schema: s.items, value: item, where: `${at}[${i}]` }));
  }
  if (isRecord(value)) problems.push(...objectProblems({ s, value, at, strict: ctx.strict, sub }));
  return problems;
}

function objectProblems(params: { s: JsonRecord; value: JsonRecord; at: string; strict: boolean; sub: Sub }): string[] {
  const { s, value, at, sub } = params;
  const problems: string[] = [];
  const properties = isRecord(s.properties) ? s.properties : null;
  if (Array.isArray(s.required)) {
    for (const key of s.required) if (typeof key === "string" && value[key] === undefined) problems.push(`${at}.${key}: is required`);
  }
  // Parts of an allOf each declare some of the properties, so none of them can call a property unknown.
  const composed = s.allOf !== undefined;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const declared = properties?.[key];
    if (declared !== undefined) problems.push(...sub({ schema: declared, value: v, where: `${at}.${key}` }));
    else if (s.additionalProperties === false) problems.push(`${at}.${key}: is not a known property`);
    else if (isRecord(s.additionalProperties)) problems.push(...sub({ schema: s.additionalProperties, value: v, where: `${at}.${key}` }));
    else if (params.strict && properties && s.additionalProperties === undefined && !composed)
      problems.push(`${at}.${key}: is not a property GitHub's description declares`);
  }
  return problems;
}

function stringProblems(params: { s: JsonRecord; value: string; at: string }): string[] {
  const { s, value, at } = params;
  const problems: string[] = [];
  if (typeof s.minLength === "number" && value.length < s.minLength) problems.push(`${at}: needs at least ${s.minLength} characters`);
  if (typeof s.maxLength === "number" && value.length > s.maxLength) problems.push(`${at}: takes at most ${s.maxLength} characters`);
  if (typeof s.pattern === "string" && !safePattern(s.pattern).test(value)) problems.push(`${at}: does not match ${s.pattern}`);
  return problems;
}

/** A pattern JavaScript can't compile (some are written for other engines) matches everything. */
function safePattern(pattern: string): RegExp {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return /[\s\S]*/;
  }
}

/** The types a schema allows, "null" included when OpenAPI 3.0's `nullable` says so; empty means any. */
export function schemaTypes(s: JsonRecord): string[] {
  const declared = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type.filter((t): t is string => typeof t === "string") : [];
  return s.nullable === true && declared.length > 0 ? [...declared, "null"] : declared;
}

export function hasType(params: { value: unknown; type: string }): boolean {
  const { value, type } = params;
  switch (type) {
    case "null":
      return value === null;
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    default:
      return true;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
