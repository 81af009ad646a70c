import type { RequestRecord } from "./faults.js";

/**
 * How one account's writes reached the sandbox, as GitHub's secondary rate
 * limits judge them: "make requests serially instead of concurrently", "wait
 * at least one second between each" POST, PATCH, PUT or DELETE request, and
 * "no more than 80 content-generating requests per minute and no more than
 * 500 content-generating requests per hour".
 * https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#avoid-concurrent-requests
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export interface WritePacing {
  writes: number;
  /** The most writes in flight at once: arrived and not yet answered. */
  maxInFlight: number;
  /** The shortest time between two writes' arrivals (wall clock), null for fewer than two. */
  minSpacingMs: number | null;
  /** The most writes that arrived within any span of `perMs` (wall clock). */
  maxWithin(perMs: number): number;
}

/**
 * A write as GitHub counts it against its limits: any method but GET and
 * HEAD, except the app's requests for installation tokens (authentication).
 */
export function isWrite(record: Pick<RequestRecord, "route">): boolean {
  return !record.route.startsWith("GET ") && !record.route.startsWith("HEAD ") && !record.route.includes("/access_tokens");
}

/**
 * The writes of `records`, by the account whose repository each names
 * (`/repos/{owner}/…`): each account here is one installation of the app,
 * and GitHub's limits are per installation.
 */
export function writePacingByAccount(records: RequestRecord[]): Map<string, WritePacing> {
  const byAccount = new Map<string, RequestRecord[]>();
  for (const record of records.filter(isWrite)) {
    const account = /^\/repos\/([^/]+)\//.exec(record.path)?.[1]?.toLowerCase() ?? "(none)";
    byAccount.set(account, [...(byAccount.get(account) ?? []), record]);
  }
  return new Map([...byAccount].map(([account, writes]) => [account, writePacing(writes)]));
}

/** The pacing of `writes`, all of one installation. */
export function writePacing(writes: RequestRecord[]): WritePacing {
  const arrivals = writes.map((w) => w.startedAtMs).sort((a, b) => a - b);
  const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? at));
  return {
    writes: writes.length,
    maxInFlight: maxInFlight(writes),
    minSpacingMs: gaps.length === 0 ? null : Math.min(...gaps),
    maxWithin: (perMs) => maxWithin({ arrivals, perMs }),
  };
}

/** By the sandbox's own order of arrivals and answers (one sequence), so that ties of the wall clock can't hide an overlap. */
function maxInFlight(records: RequestRecord[]): number {
  const events = records.flatMap((r) => [
    { at: r.start, delta: 1 },
    { at: r.end ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at);
  let current = 0;
  let most = 0;
  for (const e of events) {
    current += e.delta;
    most = Math.max(most, current);
  }
  return most;
}

function maxWithin(params: { arrivals: number[]; perMs: number }): number {
  const { arrivals, perMs } = params;
  let most = 0;
  let first = 0;
  for (let last = 0; last < arrivals.length; last++) {
    while ((arrivals[last] ?? 0) - (arrivals[first] ?? 0) >= perMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
