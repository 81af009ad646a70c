/** What a payload field must hold. `null` counts as missing: none of the fields Gavel requires is nullable. */
export type FieldKind = "string" | "number" | "object" | "array";

/** A dotted path into the payload; `*` stands for every element of an array. */
export type FieldPaths = Readonly<Record<string, FieldKind>>;

/** What `context.repo()` reads. */
export const REPOSITORY_FIELDS: FieldPaths = { "repository.owner.login": "string", "repository.name": "string" };

/**
 * What `snapshotFromPayload` can't do without. A missing `updated_at` needs no
 * check: such a snapshot is never trusted, so the PR is read again.
 */
export const PULL_REQUEST_FIELDS: FieldPaths = {
  "pull_request.id": "number",
  "pull_request.number": "number",
  "pull_request.state": "string",
  "pull_request.head.sha": "string",
  "pull_request.base.ref": "string",
};

/**
 * Throws unless every field is present with its kind. GitHub signs every
 * delivery, but a payload can still lack a field its schema promises (a
 * changed or hand-made delivery); the handler then stops before reading or
 * writing anything, and the error names the event, the missing field and the
 * repository, e.g. `pull_request.synchronize for acme/community: the payload
 * has no pull_request.head.sha; nothing was evaluated`, instead of a
 * TypeError. Probot logs it and answers 500, which GitHub's delivery log
 * shows; the next delivery is served as usual. `installation` is not
 * required here: Probot refuses a webhook without one before any handler runs,
 * and an event in GitHub Actions legitimately has none.
 * https://docs.github.com/webhooks/webhook-events-and-payloads
 */
export function requirePayload(params: { context: { name: string; payload: object }; fields: FieldPaths }): void {
  const { name, payload } = params.context;
  for (const [path, kind] of Object.entries(params.fields)) {
    const problem = problemAt({ value: payload, rest: path.split("."), seen: [], kind });
    if (problem === null) continue;
    const action = "action" in payload && typeof payload.action === "string" ? `.${payload.action}` : "";
    const repo = repositoryOf(payload);
    throw new Error(`${name}${action}${repo ? ` for ${repo}` : ""}: the payload ${problem}; nothing was evaluated`);
  }
}

function problemAt(params: { value: unknown; rest: readonly string[]; seen: readonly string[]; kind: FieldKind }): string | null {
  const { value, kind } = params;
  const [key, ...rest] = params.rest;
  const at = params.seen.join(".");
  if (key === undefined) return isKind({ value, kind }) ? null : `has ${at} but it is not ${kind === "string" || kind === "number" ? "a" : "an"} ${kind}`;
  if (key === "*") {
    if (!Array.isArray(value)) return `has ${at} but it is not an array`;
    for (const [index, item] of value.entries()) {
      const problem = problemAt({ value: item, rest, seen: [...params.seen, String(index)], kind });
      if (problem !== null) return problem;
    }
    return null;
  }
  const next: unknown = typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
  const seen = [...params.seen, key];
  if (next === undefined || next === null) return `has no ${seen.join(".")}`;
  return problemAt({ value: next, rest, seen, kind });
}

function isKind(params: { value: unknown; kind: FieldKind }): boolean {
  const { value, kind } = params;
  if (kind === "array") return Array.isArray(value);
  if (kind === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  if (kind === "number") return typeof value === "number" && Number.isFinite(value);
  return typeof value === "string";
}

/** `owner/name` as far as the payload tells, for the message; null if it doesn't. */
function repositoryOf(payload: object): string | null {
  const repository: unknown = "repository" in payload ? payload.repository : undefined;
  if (typeof repository !== "object" || repository === null) return null;
  const fullName: unknown = Reflect.get(repository, "full_name");
  if (typeof fullName === "string") return fullName;
  const owner: unknown = Reflect.get(repository, "owner");
  const login: unknown = typeof owner === "object" && owner !== null ? Reflect.get(owner, "login") : undefined;
  const name: unknown = Reflect.get(repository, "name");
  return typeof login === "string" && typeof name === "string" ? `${login}/${name}` : null;
}
