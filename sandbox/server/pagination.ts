/** GitHub's default page size, and the most any list endpoint gives in one page. */
export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

/**
 * One page of a list, as GitHub pages: `per_page` (default 30, capped at 100)
 * and `page` from the query, and a `Link` header with `next`, `last`,
 * `first` and `prev` where they exist, as absolute URLs. Each list endpoint's
 * `per_page` is documented as "(max 100)", "Default: 30".
 * https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export function paginate(params: { items: unknown[]; url: URL }): { page: unknown[]; link: string | null } {
  const { items, url } = params;
  const asked = Number(url.searchParams.get("per_page") ?? DEFAULT_PER_PAGE);
  const perPage = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
  const askedPage = Number(url.searchParams.get("page") ?? 1);
  const page = Number.isInteger(askedPage) && askedPage > 0 ? askedPage : 1;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const at = (n: number): string => {
    const next = new URL(url);
    next.searchParams.set("page", String(n));
    return next.toString();
  };
  const links: string[] = [];
  if (page < last) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(last)}>; rel="last"`);
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(Math.min(page - 1, last))}>; rel="prev"`);
  return { page: items.slice((page - 1) * perPage, page * perPage), link: links.length > 0 ? links.join(", ") : null };
}
