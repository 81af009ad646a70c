import { isRecord, recordAt, SchemaDoc, type JsonRecord } from "./schema-doc.js";

/** One operation of GitHub's REST description, e.g. GET /repos/{owner}/{repo}/pulls/{pull_number}. */
export interface Operation {
  method: string;
  /** The path template exactly as the description writes it. */
  template: string;
  /** Its parameters, path-level ones included, `$ref`s resolved. */
  parameters: JsonRecord[];
  requestBody: JsonRecord | null;
  responses: JsonRecord;
}

/** What a request path names: the description's template, the path parameters, and the operation for the method (null: not for this method). */
export interface RouteMatch {
  template: string;
  params: Record<string, string>;
  operation: Operation | null;
}

interface PathEntry {
  template: string;
  pattern: RegExp;
  names: string[];
  /** Literal segments: the more, the more specific (`/issues/comments/{id}` beats `/issues/{number}/…`). */
  literals: number;
  item: JsonRecord;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

let loaded: RestDescription | null = null;

/**
 * GitHub's REST API as its published OpenAPI description (`@octokit/openapi`)
 * declares it: which paths exist, with which methods, parameters and bodies,
 * and the schemas of their responses.
 */
export class RestDescription {
  private readonly paths: PathEntry[];

  constructor(readonly doc: SchemaDoc) {
    const paths = recordAt({ record: doc.root, key: "paths" }) ?? {};
    this.paths = Object.entries(paths)
      .filter((entry): entry is [string, JsonRecord] => isRecord(entry[1]))
      .map(([template, item]) => compile({ template, item, doc }))
      .sort((a, b) => b.literals - a.literals);
  }

  /** GitHub's description, read and compiled once per process (13 MB of JSON): every sandbox only reads it. */
  static load(): RestDescription {
    loaded ??= new RestDescription(SchemaDoc.load("@octokit/openapi"));
    return loaded;
  }

  /** The path's template and parameters, or null when the description has no such path (GitHub answers 404). */
  match(params: { method: string; path: string }): RouteMatch | null {
    for (const entry of this.paths) {
      const found = entry.pattern.exec(params.path);
      if (!found) continue;
      const values: Record<string, string> = {};
      entry.names.forEach((name, i) => {
        values[name] = safeDecode(found[i + 1] ?? "");
      });
      return { template: entry.template, params: values, operation: this.operation({ entry, method: params.method.toLowerCase() }) };
    }
    return null;
  }

  /** The JSON schema of a response, or null when the description gives none (e.g. 204). */
  responseSchema(params: { operation: Operation; status: number }): unknown {
    const response = this.doc.resolve(params.operation.responses[String(params.status)]);
    const content = recordAt({ record: response, key: "content" });
    const json = content ? (recordAt({ record: content, key: "application/json" }) ?? Object.values(content).find(isRecord) ?? null) : null;
    return json?.schema ?? null;
  }

  private operation(params: { entry: PathEntry; method: string }): Operation | null {
    const { entry, method } = params;
    const op = METHODS.includes(method) ? recordAt({ record: entry.item, key: method }) : null;
    if (!op) return null;
    const shared = Array.isArray(entry.item.parameters) ? entry.item.parameters : [];
    const own = Array.isArray(op.parameters) ? op.parameters : [];
    const body = op.requestBody === undefined ? null : this.doc.resolve(op.requestBody);
    return {
      method: method.toUpperCase(),
      template: entry.template,
      parameters: [...shared, ...own].map((p) => this.doc.resolve(p)),
      requestBody: body,
      responses: recordAt({ record: op, key: "responses" }) ?? {},
    };
  }
}

/** `{name}` matches one segment; a parameter the description marks `x-multi-segment` (a file path) matches several. */
function compile(params: { template: string; item: JsonRecord; doc: SchemaDoc }): PathEntry {
  const multi = new Set<string>();
  for (const method of METHODS) {
    const op = recordAt({ record: params.item, key: method });
    const list = op && Array.isArray(op.parameters) ? op.parameters : [];
    for (const p of list) {
      const resolved = params.doc.resolve(p);
      if (resolved["x-multi-segment"] === true && typeof resolved.name === "string") multi.add(resolved.name);
    }
  }
  const names: string[] = [];
  let literals = 0;
  const source = params.template
    .split("/")
    .map((segment) => {
      const name = /^\{([^}]+)\}$/.exec(segment)?.[1];
      if (name === undefined) {
        // A segment mixing text and parameters (`{base}...{head}`) is no more specific than one parameter.
        if (segment !== "" && !segment.includes("{")) literals++;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\{([^}]+)\\\}/g, (_m, inner: string) => {
          names.push(inner);
          return "([^/]+?)";
        });
      }
      names.push(name);
      return multi.has(name) ? "(.*)" : "([^/]+)";
    })
    .join("/");
  return { template: params.template, pattern: new RegExp(`^${source}/?$`), names, literals, item: params.item };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
