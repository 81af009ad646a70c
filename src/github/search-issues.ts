import { reading, type GitHub } from "./client.js";

/** The fields of a search result the sweep reads. */
export interface FoundItem {
  id: number;
  repository_url: string;
  number: number;
  state: string;
  updated_at: string;
  pull_request?: unknown;
  labels: Array<string | { name?: string }>;
}

export interface SearchResult {
  /** Oldest change first; one copy per item, the newest seen. */
  items: FoundItem[];
  /** GitHub said some results may be missing (the search timed out). */
  incomplete: boolean;
  /** More matched than this sweep reads (MAX_SEARCH_REQUESTS pages); `items` stop at the newest reached. */
  capped: boolean;
  /** When capped: the newest change up to which every match was read. */
  cappedAt: string | null;
}

const PER_PAGE = 100;
/** GitHub answers at most 1,000 results, 10 pages, per query. */
const MAX_PAGES = 10;
/** A bound on one search's pages per sweep; what lies beyond waits for the next sweep. */
export const MAX_SEARCH_REQUESTS = 50;

/**
 * Issues and PRs matching `query`, changed at or after `from` (all when
 * null), read oldest change first by keyset rather than by page number: each
 * request asks again from the newest `updated_at` reached. Page numbers over
 * a list sorted by `updated` skip an item whenever another one changes
 * mid-read (it moves to the end and the rest shift up a place); a keyset
 * read can't skip, since a change only moves an item later, where the read is
 * still going. It also passes search's 1,000-result limit. Within a single
 * second that holds a full page, it pages on.
 * https://docs.github.com/rest/search/search#search-issues-and-pull-requests
 */
export async function searchIssues(params: { github: GitHub; query: string; from: string | null; what: string }): Promise<SearchResult> {
  const { github } = params;
  const found = new Map<number, FoundItem>();
  let from = params.from;
  let page = 1;
  let incomplete = false;
  for (let request = 0; request < MAX_SEARCH_REQUESTS; request++) {
    const q = from === null ? params.query : `${params.query} updated:>=${from}`;
    const { data } = await reading({
      what: params.what,
      read: () => github.rest.search.issuesAndPullRequests({ q, sort: "updated", order: "asc", per_page: PER_PAGE, page }),
    });
    if (data.incomplete_results) incomplete = true;
    for (const item of data.items) {
      found.delete(item.id);
      found.set(item.id, item);
    }
    const last = data.items.at(-1);
    if (data.items.length < PER_PAGE || !last) return { items: oldestFirst(found), incomplete, capped: false, cappedAt: null };
    const reached = searchInstant(Date.parse(last.updated_at));
    if (reached !== from) {
      from = reached;
      page = 1;
    } else if (++page > MAX_PAGES) {
      // Over 1,000 changes within one second: the rest of that second can't be read.
      return { items: oldestFirst(found), incomplete: true, capped: false, cappedAt: null };
    }
  }
  const items = oldestFirst(found);
  return { items, incomplete, capped: true, cappedAt: items.at(-1)?.updated_at ?? null };
}

/**
 * One result from the searches of a sweep split by repositories: every item
 * once (the newest seen), incomplete or capped if any part was, and capped
 * at the oldest point any capped part reached.
 */
export function mergeSearches(parts: SearchResult[]): SearchResult {
  const found = new Map<number, FoundItem>();
  for (const item of parts.flatMap((p) => p.items)) {
    const seen = found.get(item.id);
    if (!seen || Date.parse(item.updated_at) >= Date.parse(seen.updated_at)) found.set(item.id, item);
  }
  const caps = parts.flatMap((p) => (p.capped && p.cappedAt !== null ? [p.cappedAt] : [])).sort((a, b) => Date.parse(a) - Date.parse(b));
  return { items: oldestFirst(found), incomplete: parts.some((p) => p.incomplete), capped: parts.some((p) => p.capped), cappedAt: caps[0] ?? null };
}

function oldestFirst(found: Map<number, FoundItem>): FoundItem[] {
  return [...found.values()].sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at));
}

/** An instant as search's `updated:` qualifier takes it: whole seconds, UTC. */
export function searchInstant(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
