import type { Operation, RestDescription } from "./rest-description.js";
import { recordAt } from "./schema-doc.js";
import { validateSchema } from "./validate-schema.js";

export type RequestVerdict = { ok: true } | { ok: false; status: 404 | 422; problems: string[] };

/**
 * Checks a request against its operation in GitHub's description:
 * - path parameters: an integer parameter that isn't digits is a path GitHub
 *   doesn't serve (404);
 * - query parameters: each must be declared by the operation, of its type and
 *   enum; required ones present (422);
 * - the JSON body: present when required, and valid against the body schema,
 *   strictly (no undeclared property), see `validateSchema` (422).
 * Headers are not checked.
 */
export function validateRequest(params: {
  description: RestDescription;
  operation: Operation;
  pathParams: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}): RequestVerdict {
  const { description, operation } = params;
  const doc = description.doc;
  const declared = (where: string) => operation.parameters.filter((p) => p.in === where);

  for (const p of declared("path")) {
    const name = typeof p.name === "string" ? p.name : "";
    const schema = recordAt({ record: p, key: "schema" }) ?? {};
    const value = params.pathParams[name] ?? "";
    if (schema.type === "integer" && !/^\d+$/.test(value))
      return { ok: false, status: 404, problems: [`path parameter ${name}: "${value}" is not an integer`] };
  }

  const problems: string[] = [];
  const queryParams = declared("query");
  for (const key of new Set(params.query.keys())) {
    const p = queryParams.find((q) => q.name === key);
    if (!p) {
      problems.push(`query parameter ${key}: ${operation.method} ${operation.template} declares no such parameter`);
      continue;
    }
    const schema = recordAt({ record: p, key: "schema" }) ?? {};
    for (const raw of params.query.getAll(key)) {
      problems.push(...validateSchema({ doc, schema, value: coerce({ raw, type: schema.type }), at: `query parameter ${key}`, strict: true }));
    }
  }
  for (const p of queryParams)
    if (p.required === true && typeof p.name === "string" && !params.query.has(p.name)) problems.push(`query parameter ${p.name}: is required`);

  const body = operation.requestBody;
  if (body) {
    const content = recordAt({ record: body, key: "content" });
    const schema = content ? recordAt({ record: content, key: "application/json" })?.schema : undefined;
    if (params.body === undefined) {
      if (body.required === true) problems.push("body: is required");
    } else if (schema !== undefined) {
      problems.push(...validateSchema({ doc, schema, value: params.body, at: "body", strict: true }));
    }
  } else if (params.body !== undefined) {
    problems.push(`body: ${operation.method} ${operation.template} takes no body`);
  }
  return problems.length === 0 ? { ok: true } : { ok: false, status: 422, problems };
}

/** Query strings are text: integers and booleans are read as GitHub reads them. */
function coerce(params: { raw: string; type: unknown }): unknown {
  const { raw, type } = params;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}
