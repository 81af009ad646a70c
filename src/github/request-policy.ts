import type { GitHub } from "./client.js";
import type { WriteLanes } from "./write-lanes.js";

/** How Gavel's requests to GitHub behave when GitHub is slow or failing. */
export interface RequestPolicy {
  /** Each attempt is abandoned after this long on the network: a hung request must not hold a PR's evaluation forever. */
  timeoutMs: number;
  /** Extra attempts for a read that failed with a 5xx, a timeout or a network error. Writes are never repeated. */
  readRetries: number;
  /** Wait before retry k (1-based): backoffMs × 4^(k-1), plus up to 25% jitter. */
  backoffMs: number;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = { timeoutMs: 5_000, readRetries: 2, backoffMs: 250 };

type Fetch = typeof globalThis.fetch;

const guarded = new WeakSet<object>();

/**
 * Puts Gavel's policy on an Octokit (once per instance), as a request hook
 * outside Octokit's throttling and retry plugins:
 *
 * - Each attempt gets its own timeout, on the network only: it is set on the
 *   attempt's `fetch`, which the throttling plugin calls once the request's
 *   turn has come, so time spent queued behind the installation's other
 *   requests is never counted.
 * - Reads that fail with a 5xx, a timeout or a network error are tried again
 *   with backoff. A write is never repeated: a comment or check run created
 *   by an attempt whose answer was lost would be created twice; the
 *   evaluation fails instead and is tried again whole. So Octokit's retry
 *   plugin is switched off per request (`retries: 0`).
 * - Writes go through `writes`: one at a time per installation, within
 *   GitHub's content limits (see WriteLanes).
 * - Rate limits (429, or 403 with a reset) are not retried here: the
 *   evaluation fails closed and is scheduled again when GitHub says the
 *   limit resets (see `retryAfterMs`).
 *
 * The per-attempt settings are written into the request's options object
 * itself: Octokit's hooks (before-after-hook) each receive the options they
 * were first called with, so options passed on as a copy never reach the
 * plugins or fetch.
 */
export function applyRequestPolicy(params: {
  github: GitHub;
  policy: RequestPolicy;
  /** The installation's lane of writes; null leaves writes unpaced (beyond Octokit's throttling). */
  writes: { lanes: WriteLanes; lane: string } | null;
  sleep?: (ms: number) => Promise<void>;
}): GitHub {
  const { github, policy, writes } = params;
  if (guarded.has(github)) return github;
  guarded.add(github);
  const sleep = params.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  github.hook.wrap("request", async (request, options) => {
    const read = options.method === "GET" || options.method === "HEAD";
    // The app's own request for an installation token goes through this hook too (a client's auth uses its
    // `request`), from inside the request it authenticates: on the write lane, it would wait for itself.
    const paced = !read && writes !== null && !isTokenRequest(options);
    const base: Fetch | undefined = options.request?.fetch;
    const what = `${options.method} ${options.url}`;
    const attempt = async () => {
      options.request = { ...options.request, retries: 0, fetch: timedFetch({ fetch: base, ms: policy.timeoutMs, what }) };
      return await request(options);
    };
    for (let n = 0; ; n++) {
      try {
        return paced ? await writes.lanes.run({ lane: writes.lane, write: attempt }) : await attempt();
      } catch (error) {
        if (!read || n >= policy.readRetries || !transient(error)) throw error;
        const backoff = policy.backoffMs * 4 ** n;
        await sleep(backoff + Math.random() * backoff * 0.25);
      }
    }
  });
  return github;
}

/**
 * A fetch that gives up after `ms`, counting from the call to the whole body
 * read. The body is read here, so that a timeout mid-body fails the attempt
 * (Octokit would read a cut JSON body as an empty string).
 */
function timedFetch(params: { fetch: Fetch | undefined; ms: number; what: string }): Fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new RequestTimeoutError(`${params.what}: no answer from GitHub within ${params.ms} ms`)), params.ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      // Looked up per call: the global fetch may be replaced after the client is made (tests route it).
      const response = await (params.fetch ?? globalThis.fetch)(input, { ...init, signal });
      const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
      const read = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      Object.defineProperty(read, "url", { value: response.url });
      return read;
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * A request for an installation token, as Octokit's throttling plugin tells
 * them (its `isAuthRequest`): made by the client's auth, not by Gavel.
 * https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app
 */
function isTokenRequest(options: { method: string; url: string }): boolean {
  return options.method === "POST" && /^\/app\/installations\/[^/]+\/access_tokens$/.test(options.url);
}

/** Statuses whose response can't have a body (the Fetch standard's "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
}

/** A 5xx, or no answer at all (timeout, connection reset). */
function transient(error: unknown): boolean {
  const status = statusOf(error);
  return status === null || status >= 500;
}

function statusOf(error: unknown): number | null {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") return error.status;
  return null;
}

/**
 * How long GitHub asks Gavel to wait after a rate-limited request, or null
 * when the error is not a rate limit: `retry-after` (seconds), else
 * `x-ratelimit-reset` (epoch seconds) when the quota is spent.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function retryAfterMs(params: { error: unknown; now: Date }): number | null {
  for (let e: unknown = params.error; typeof e === "object" && e !== null; e = "cause" in e ? e.cause : null) {
    const status = statusOf(e);
    if (status !== 429 && status !== 403) continue;
    const headers = "response" in e && typeof e.response === "object" && e.response !== null && "headers" in e.response ? e.response.headers : null;
    if (typeof headers !== "object" || headers === null) continue;
    const header = (name: string): string | null => {
      const value: unknown = Reflect.get(headers, name);
      return typeof value === "string" || typeof value === "number" ? String(value) : null;
    };
    const after = Number(header("retry-after"));
    if (header("retry-after") !== null && Number.isFinite(after)) return Math.max(0, after * 1000);
    const reset = Number(header("x-ratelimit-reset"));
    if (header("x-ratelimit-remaining") === "0" && Number.isFinite(reset)) return Math.max(0, reset * 1000 - params.now.getTime());
  }
  return null;
}
