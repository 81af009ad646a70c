/** Reading the repository's own files in the release tests: YAML documents and what is at a path inside them. */
import { readdirSync, readFileSync } from "node:fs";
import { load } from "js-yaml";

export const REPO = new URL("../../", import.meta.url);

export function readRepoFile(path: string): string {
  return readFileSync(new URL(path, REPO), "utf8");
}

export function loadYamlFile(path: string): unknown {
  return load(readRepoFile(path));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at `path` inside a parsed document, or undefined. */
export function at(params: { node: unknown; path: readonly string[] }): unknown {
  return params.path.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), params.node);
}

/** A record at `path`, or a thrown error naming what is missing. */
export function recordAt(params: { node: unknown; path: readonly string[]; what: string }): Record<string, unknown> {
  const value = at(params);
  if (!isRecord(value)) throw new Error(`${params.what}: no mapping at ${params.path.join(".") || "the top"}`);
  return value;
}

/** Every workflow and action file in the repository: the workflows GitHub runs, the example adopters copy, and the Action's metadata. */
export function workflowAndActionFiles(): string[] {
  const under = (dir: string) =>
    readdirSync(new URL(dir, REPO))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => `${dir}${name}`);
  return [...under(".github/workflows/"), ...under("docs/examples/"), "action.yml"];
}
