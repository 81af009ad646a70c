import type { Installation } from "../model/store.js";

/** A request the server has matched, authenticated and validated. */
export interface ApiRequest {
  method: string;
  /** The route template from GitHub's description, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  template: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The request's `Accept` header: some routes answer by media type. */
  accept: string;
  /** The installation whose token made the request; null for requests authenticated as the app (JWT). */
  installation: Installation | null;
}

/**
 * What a route answers: a body (completed to GitHub's shape by the server),
 * or a list the server paginates (`cap`: GitHub lists no more than this many,
 * `wrap`: the page inside an object, e.g. search's `{ total_count, items }`).
 * Items may be `Lazy`: only those on the page asked for are shaped, so a
 * long list costs one page's work.
 */
export type ApiResult =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { status: 200; list: unknown[]; cap?: number; wrap?: (page: { items: unknown[]; total: number }) => unknown };

/** An item of a list, shaped only if its page is served. */
export class Lazy {
  constructor(readonly make: () => unknown) {}
}

export type RouteHandler = (request: ApiRequest) => ApiResult;

/** Handlers by "METHOD template", e.g. "GET /repos/{owner}/{repo}/pulls/{pull_number}". */
export type RouteTable = Record<string, RouteHandler>;

/** An error answered as GitHub answers it: `{ message, documentation_url, status }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** GitHub's `errors` array, when the answer has one (e.g. `[{ code: "too_large" }]`). */
  readonly errors: Array<Record<string, string>> | null;
  constructor(params: { status: number; message: string; headers?: Record<string, string>; errors?: Array<Record<string, string>> }) {
    super(params.message);
    this.name = "ApiError";
    this.status = params.status;
    this.headers = params.headers ?? {};
    this.errors = params.errors ?? null;
  }
}

export function notFound(): ApiError {
  return new ApiError({ status: 404, message: "Not Found" });
}
