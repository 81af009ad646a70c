import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Store } from "../model/store.js";
import { fillSchema } from "../openapi/fill-schema.js";
import { isRecord } from "../openapi/schema-doc.js";
import type { Operation, RestDescription } from "../openapi/rest-description.js";
import { validateRequest } from "../openapi/validate-request.js";
import { validateSchema } from "../openapi/validate-schema.js";
import type { Auth } from "./auth.js";
import type { Faults, RequestCounter } from "./faults.js";
import { paginate } from "./pagination.js";
import { ApiError, Lazy, type ApiResult, type RouteTable } from "./route-types.js";

const DOCS = "https://docs.github.com/rest";

/**
 * Serves one API request the way GitHub does, in GitHub's order:
 * count it → injected faults → authentication (401) → route (404 for a path
 * or method GitHub's description lacks) → validation against the
 * description (422) → the sandbox's handler (501 when it has none, logged
 * loudly) → the answer completed to the response schema, paginated, with an
 * ETag (a matching If-None-Match gets 304).
 */
/** The most list items kept shaped; past it the memory starts again. */
const SHAPED_ITEMS = 20_000;

export class ApiServer {
  /** List items already shaped (see `shape`), by route, instant and raw JSON. */
  private readonly shaped = new Map<string, unknown>();

  constructor(
    private readonly deps: {
      store: Store;
      description: RestDescription;
      routes: RouteTable;
      auth: Auth;
      faults: Faults;
      counter: RequestCounter;
      base: string;
      problem: (message: string) => void;
    },
  ) {}

  async handle(params: { req: IncomingMessage; res: ServerResponse }): Promise<void> {
    const { req, res } = params;
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", this.deps.base);
    const raw = await readBody(req);
    const match = this.deps.description.match({ method, path: url.pathname });
    const route = `${method} ${match?.template ?? url.pathname}`;
    const path = safeDecode(`${url.pathname}${url.search}`);
    const counted = this.deps.counter.count({ route, path });
    res.on("finish", () => counted.finish(res.statusCode));
    try {
      await this.injectFault({ route, path });
      const caller = this.deps.auth.authenticate({ header: req.headers.authorization, template: match?.template ?? null });
      if (!match?.operation) throw new ApiError({ status: 404, message: "Not Found" });
      const body = parseBody(raw);
      const verdict = validateRequest({
        description: this.deps.description,
        operation: match.operation,
        pathParams: match.params,
        query: url.searchParams,
        body,
      });
      if (!verdict.ok) {
        if (verdict.status === 422) this.deps.problem(`${route} answered 422: ${verdict.problems.join("; ")}`);
        throw new ApiError({ status: verdict.status, message: verdict.status === 404 ? "Not Found" : `Invalid request.\n\n${verdict.problems.join("\n")}` });
      }
      const handler = this.deps.routes[route];
      if (!handler) {
        this.deps.problem(`NOT IMPLEMENTED: ${route} (${method} ${url.pathname}${url.search}) — the sandbox answered 501; add a route under sandbox/routes/`);
        throw new ApiError({ status: 501, message: `The sandbox does not implement ${route}` });
      }
      const result = handler({
        method,
        template: match.template,
        params: match.params,
        query: url.searchParams,
        body,
        installation: caller.kind === "installation" ? caller.installation : null,
        accept: req.headers.accept ?? "",
      });
      this.respond({ req, res, url, route, operation: match.operation, result });
    } catch (error) {
      const apiError =
        error instanceof ApiError ? error : new ApiError({ status: 500, message: `sandbox error: ${error instanceof Error ? error.message : String(error)}` });
      if (!(error instanceof ApiError))
        this.deps.problem(`${route} failed inside the sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send({
        res,
        status: apiError.status,
        headers: apiError.headers,
        body: { message: apiError.message, ...(apiError.errors ? { errors: apiError.errors } : {}), documentation_url: DOCS, status: String(apiError.status) },
      });
    }
  }

  /**
   * A body completed to GitHub's shape and checked against it. A list's items
   * are shaped one by one, and an item the sandbox shaped before (the same
   * JSON, at the same instant) is taken from `shaped`: a list of open PRs
   * read once per evaluation would otherwise be completed and checked again
   * for every request, item by item.
   */
  private shape(params: { route: string; schema: unknown; body: unknown }): unknown {
    const { description, store } = this.deps;
    const now = store.clock.iso();
    const complete = (schema: unknown, value: unknown): unknown => {
      const filled = fillSchema({ doc: description.doc, schema, value, now });
      const problems = store.checkShapes ? validateSchema({ doc: description.doc, schema, value: filled, at: "response", strict: false }) : [];
      for (const p of problems) this.deps.problem(`${params.route} answered a body that does not match GitHub's description: ${p}`);
      return filled;
    };
    const items = isRecord(params.schema) && params.schema.type === "array" ? params.schema.items : undefined;
    if (items === undefined || !Array.isArray(params.body)) return complete(params.schema, params.body);
    return params.body.map((item: unknown) => {
      const key = `${params.route}|${now}|${JSON.stringify(item)}`;
      const known = this.shaped.get(key);
      if (known !== undefined) return known;
      const filled = complete(items, item);
      if (this.shaped.size >= SHAPED_ITEMS) this.shaped.clear();
      this.shaped.set(key, filled);
      return filled;
    });
  }

  private async injectFault(params: { route: string; path: string }): Promise<void> {
    const fault = this.deps.faults.take(params);
    if (!fault) return;
    fault.meanwhile?.();
    if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.resetInSeconds !== undefined) {
      const reset = String(Math.floor(this.deps.store.clock.now().getTime() / 1000) + fault.resetInSeconds);
      throw new ApiError({
        status: fault.status ?? 403,
        message: "API rate limit exceeded for installation.",
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      });
    }
    if (fault.status === 429 || fault.retryAfterSeconds !== undefined) {
      throw new ApiError({
        status: fault.status ?? 429,
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        headers: { "retry-after": String(fault.retryAfterSeconds ?? 60) },
      });
    }
    if (fault.status !== undefined) throw new ApiError({ status: fault.status, message: fault.status >= 500 ? "Server Error" : "Injected fault" });
  }

  private respond(params: { req: IncomingMessage; res: ServerResponse; url: URL; route: string; operation: Operation; result: ApiResult }): void {
    const { req, res, url, route, result, operation } = params;
    // Every answer is dated by GitHub's clock, to the second (RFC 9110's Date header); Gavel dates its own writes by it.
    // https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#dealing-with-clock-skew
    const headers: Record<string, string> = {
      date: this.deps.store.clock.now().toUTCString(),
      ...("headers" in result && result.headers ? result.headers : {}),
    };
    let body: unknown;
    if ("list" in result) {
      const items = result.cap === undefined ? result.list : result.list.slice(0, result.cap);
      const { page: raw, link } = paginate({ items, url });
      const page = raw.map((item) => (item instanceof Lazy ? item.make() : item));
      if (link) headers.link = link;
      body = result.wrap ? result.wrap({ items: page, total: result.list.length }) : page;
    } else {
      body = result.body;
    }
    if (body === undefined) {
      send({ res, status: result.status, headers, body: undefined });
      return;
    }
    const { description } = this.deps;
    const schema = description.responseSchema({ operation, status: result.status });
    if (schema !== null && schema !== undefined) body = this.shape({ route, schema, body });
    const json = JSON.stringify(body);
    if (req.method === "GET" && result.status === 200) {
      const etag = `W/"${createHash("sha1").update(json).digest("hex")}"`;
      headers.etag = etag;
      if (req.headers["if-none-match"] === etag) {
        send({ res, status: 304, headers, body: undefined });
        return;
      }
    }
    send({ res, status: result.status, headers, body: json });
  }
}

function send(params: { res: ServerResponse; status: number; headers?: Record<string, string>; body: unknown }): void {
  const text = params.body === undefined ? "" : typeof params.body === "string" ? params.body : JSON.stringify(params.body);
  params.res.writeHead(params.status, {
    ...(text === "" ? {} : { "content-type": "application/json; charset=utf-8" }),
    "x-github-media-type": "github.v3; format=json",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
    ...params.headers,
  });
  params.res.end(text);
}

/** A path as people write it (`org:acme`, not `org%3Aacme`); a malformed escape is kept as sent. */
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return value;
  } catch {
    throw new ApiError({ status: 400, message: "Problems parsing JSON" });
  }
}
