import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A record's field as a record, or null: for walking parsed JSON without casts. */
export function recordAt(params: { record: JsonRecord; key: string }): JsonRecord | null {
  const value = params.record[params.key];
  return isRecord(value) ? value : null;
}

export function stringsAt(params: { record: JsonRecord; key: string }): string[] {
  const value = params.record[params.key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * One published OpenAPI description (GitHub's REST API or its webhooks), read
 * from the package that ships it. `$ref`s are followed lazily, so the
 * description is parsed once and never dereferenced whole (the dereferenced
 * file is five times larger).
 */
export class SchemaDoc {
  private constructor(readonly root: JsonRecord) {}

  /** Loads `<package>/generated/api.github.com.json`: the description of github.com, not GHES or GHEC. */
  static load(packageName: "@octokit/openapi" | "@octokit/openapi-webhooks"): SchemaDoc {
    const require = createRequire(import.meta.url);
    const file = require.resolve(`${packageName}/generated/api.github.com.json`);
    const root: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (!isRecord(root)) throw new Error(`${file} is not an OpenAPI description`);
    return new SchemaDoc(root);
  }

  /** Follows a chain of local `$ref`s (`#/components/...`) to the object it names. */
  resolve(node: unknown): JsonRecord {
    let current = node;
    for (let hops = 0; hops < 20; hops++) {
      if (!isRecord(current)) return {};
      const ref = current.$ref;
      if (typeof ref !== "string") return current;
      current = this.pointer(ref);
    }
    throw new Error("a $ref chain longer than 20 hops");
  }

  private pointer(ref: string): unknown {
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
    let current: unknown = this.root;
    for (const part of ref.slice(2).split("/")) {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      current = isRecord(current) ? current[key] : undefined;
    }
    if (current === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return current;
  }
}
