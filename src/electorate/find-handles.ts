/**
 * The GitHub handles a piece of MAINTAINERS.md text names (docs/architecture.md, "Reading MAINTAINERS.md"): `@handle`
 * mentions and `github.com/handle` profile links. Linear in the text: the scans walk it once and no regex
 * can backtrack over a long run.
 */

/** First path segments of github.com that are GitHub's own pages, never a person. */
const RESERVED_PATHS = new Set(
  (
    "about account advisories apps blog http https business codespaces collections contact copilot customer-stories dashboard " +
    "discussions downloads education enterprise enterprises events explore features git-guides github home issues " +
    "join login logout marketplace mobile new nonprofit notifications open-source orgs organizations partners " +
    "premium-support pricing pulls readme repositories resources search security sessions settings signup site " +
    "solutions sponsors stars support team teams topics trending users watching"
  ).split(" "),
);
const LINK_END = new Set([..." \t)]>}<\"',;:!?#|*`"]);

const isAlnum = (c: string | undefined): boolean => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9"));
const isLetterOrDigit = (c: string | undefined): boolean => isAlnum(c) || (c !== undefined && c > "\x7f" && /^[\p{L}\p{N}]$/u.test(c));
/** GitHub's longest login. */
export const MAX_HANDLE_LENGTH = 39;

/** GitHub's rule: 1-39 ASCII alphanumerics or single inner hyphens. */
const isHandle = (h: string): boolean =>
  h.length >= 1 && h.length <= MAX_HANDLE_LENGTH && isAlnum(h[0]) && !h.endsWith("-") && !h.includes("--") && [...h].every((c) => c === "-" || isAlnum(c));

/**
 * Handles in `text`, mentions before links, in order, duplicates kept. With `handleColumn` the text is a cell
 * of a table's GitHub column, where a cell that is only a handle (`alice`, `**alice**`) names it too.
 */
export function findHandles(params: { text: string; handleColumn?: boolean }): string[] {
  const { text } = params;
  const found = [...mentions(text), ...links(text)];
  if (found.length > 0 || params.handleColumn !== true) return found;
  const bare = text.length > 60 ? "" : text.trim().replace(/^(\*\*|__|\*|_)(.*)\1$/, "$2");
  return isHandle(bare) ? [bare] : [];
}

/** `@handle` mentions. Emails, `@org/team`, `@scope/pkg`, `@example.com` and `@app[bot]` are not people. */
function mentions(s: string): string[] {
  const out: string[] = [];
  for (let at = s.indexOf("@"); at >= 0; at = s.indexOf("@", at + 1)) {
    const prev = s[at - 1];
    if (prev !== undefined && (isLetterOrDigit(prev) || ".%+-/@".includes(prev))) continue;
    if (prev === "_" && isLetterOrDigit(s[at - 2])) continue;
    let end = at + 1;
    while (isAlnum(s[end]) || s[end] === "-") end++;
    const handle = end - at > 40 ? "" : s.slice(at + 1, end).replace(/-+$/, "");
    const next = s[end];
    if (!isHandle(handle) || next === "/" || next === "@" || isLetterOrDigit(next)) continue;
    if ((next === "." || next === "_") && isLetterOrDigit(s[end + 1])) continue;
    if (!s.startsWith("[bot]", end)) out.push(handle);
  }
  return out;
}

/** `github.com/handle` links, with or without scheme and `www.`; a second path segment makes it a repo. */
function links(s: string): string[] {
  if (!/github\.com\//i.test(s)) return [];
  const out: string[] = [];
  const endsHere = (i: number): boolean => {
    const c = s[i];
    return c === undefined || LINK_END.has(c) || /^\s$/.test(c) || (c === "." && !isLetterOrDigit(s[i + 1]));
  };
  for (const m of s.matchAll(/github\.com\//gi)) {
    const start = s.slice(m.index - 4, m.index).toLowerCase() === "www." ? m.index - 4 : m.index;
    const prev = s[start - 1];
    const hostOk = prev === "/" ? s[start - 2] === "/" : !(isLetterOrDigit(prev) || ".-_@".includes(prev ?? "."));
    let end = m.index + m[0].length;
    while (isAlnum(s[end]) || s[end] === "-") end++;
    const handle = s.slice(m.index + m[0].length, end);
    if (!hostOk || !isHandle(handle) || RESERVED_PATHS.has(handle.toLowerCase())) continue;
    if (s[end] === "/" ? endsHere(end + 1) : endsHere(end)) out.push(handle);
  }
  return out;
}
