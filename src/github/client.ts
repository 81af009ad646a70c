import type { Context } from "probot";

/** The installation-authenticated REST client Probot hands to each event. */
export type GitHub = Context["octokit"];

export interface RepoRef {
  owner: string;
  repo: string;
}

/** HTTP status of an Octokit RequestError, or null for anything else. */
export function httpStatus(error: unknown): number | null {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") return error.status;
  return null;
}

/**
 * Whether GitHub refused a request because the app may not act there: 403
 * "Resource not accessible by integration", as when the repository was taken
 * away from an installation on selected repositories, or the app lacks a
 * permission. Asking again can't change that; a rate limit's 403 says
 * otherwise. Looks through the causes that `reading` wraps.
 * https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api#resource-not-accessible
 */
export function accessRefused(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (httpStatus(e) === 403 && e.message.includes("Resource not accessible by integration")) return true;
  }
  return false;
}

/**
 * GitHub's clock when it answered, from the response's `Date` header (whole
 * seconds, as GitHub's timestamps are); null if there is none. A write's
 * answer dates the `updated_at` it gave the issue, to the second.
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#dealing-with-clock-skew
 */
export function answeredAt(response: { headers: { date?: string } }): string | null {
  const at = response.headers.date === undefined ? Number.NaN : Date.parse(response.headers.date);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/**
 * Runs one API read and, if it fails, rethrows with what Gavel was doing, so a
 * failing check and the log say "reading reviews of acme/widgets#12: 502 …"
 * rather than a bare status.
 */
export async function reading<T>(params: { what: string; read: () => Promise<T> }): Promise<T> {
  try {
    return await params.read();
  } catch (error) {
    throw new GitHubError({ what: params.what, cause: error });
  }
}

export class GitHubError extends Error {
  readonly status: number | null;
  constructor(params: { what: string; cause: unknown }) {
    const detail = params.cause instanceof Error ? params.cause.message : String(params.cause);
    super(`${params.what}: ${detail}`, { cause: params.cause });
    this.name = "GitHubError";
    this.status = httpStatus(params.cause);
  }
}
