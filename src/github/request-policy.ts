import type { GitHub } from "./client.js";

/** How Gavel's requests to GitHub behave when GitHub is slow or failing. */
export interface RequestPolicy {
  /** Each attempt is abandoned after this long: a hung request must not hold a PR's evaluation forever. */
  timeoutMs: number;
  /** Extra attempts for a read that failed with a 5xx, a timeout or a network error. Writes are never repeated. */
  readRetries: number;
  /** Wait before retry k (1-based): backoffMs × 4^(k-1), plus up to 25% jitter. */
  backoffMs: number;
}

export const DEFAULT_REQUEST_POLICY: RequestPolicy = { timeoutMs: 5_000, readRetries: 2, backoffMs: 250 };

const guarded = new WeakSet<object>();

/**
 * Puts Gavel's policy on an Octokit (once per instance): a timeout on every
 * attempt, and retries with backoff for reads only. A write is not repeated:
 * a comment or check run created by an attempt whose answer was lost would
 * be created twice; the evaluation fails instead and is tried again whole.
 * Octokit's own retry plugin is switched off per request (`retries: 0`) so
 * that attempts don't multiply. Rate limits (429, or 403 with a reset) are
 * not retried here: the evaluation fails closed and is scheduled again when
 * GitHub says the limit resets (see `retryAfterMs`).
 */
export function applyRequestPolicy(params: { github: GitHub; policy: RequestPolicy; sleep?: (ms: number) => Promise<void> }): GitHub {
  const { github, policy } = params;
  if (guarded.has(github)) return github;
  guarded.add(github);
  const sleep = params.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  github.hook.wrap("request", async (request, options) => {
    const read = options.method === "GET";
    for (let attempt = 0; ; attempt++) {
      try {
        return await withTimeout({
          promise: Promise.resolve(request({ ...options, request: { ...options.request, retries: 0 } })),
          ms: policy.timeoutMs,
          what: `${options.method} ${options.url}`,
        });
      } catch (error) {
        if (!read || attempt >= policy.readRetries || !transient(error)) throw error;
        const base = policy.backoffMs * 4 ** attempt;
        await sleep(base + Math.random() * base * 0.25);
      }
    }
  });
  return github;
}

/**
 * The answer, or a TimeoutError after `ms`. (A `signal` put on the options in
 * a request hook does not reach fetch through Octokit's endpoint merging, so
 * the late answer is left to arrive and be ignored.)
 */
async function withTimeout<T>(params: { promise: Promise<T>; ms: number; what: string }): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeoutError(`${params.what}: no answer from GitHub within ${params.ms} ms`)), params.ms);
  });
  try {
    return await Promise.race([params.promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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
