/**
 * Reads the GitHub handles of a project's current maintainers from MAINTAINERS.md (DESIGN.md, "Reading
 * MAINTAINERS.md"). Pure and linear in the input: no regex here can backtrack over a long line, so a hostile
 * 10 MB file cannot stall a webhook. Markdown is read line by line, close to CommonMark/GFM for such files:
 * fenced code, code spans (within one line) and HTML comments hide what they hold; ATX and setext headings
 * delimit sections; tables are read by column. Bots are not filtered here.
 */

export interface ParsedMaintainers {
  /** Handles in order of first appearance, original spelling, de-duplicated case-insensitively, without '@'. */
  handles: string[];
  /** Headings whose sections were left out (e.g. "Emeritus"), in order, for display. */
  skippedSections: string[];
  /** Set when `section` was requested but no heading matched it (then handles is empty). */
  missingSection: string | null;
}

/** Words that make a heading name former or non-voting people; "initial author(s)" is checked apart. */
const EXCLUDED_WORDS = new Set(
  ("emeritus emeriti emerita emeritae alumni alumnus alumna alumnae alum alums former inactive retired past " +
    "triage triager triagers reviewer reviewers").split(" "),
);
/** First path segments of github.com that are GitHub's own pages, never a person. */
const RESERVED_PATHS = new Set(
  ("about account advisories apps blog business codespaces collections contact copilot customer-stories dashboard " +
    "discussions downloads education enterprise enterprises events explore features git-guides github home issues " +
    "join login logout marketplace mobile new nonprofit notifications open-source orgs organizations partners " +
    "premium-support pricing pulls readme repositories resources search security sessions settings signup site " +
    "solutions sponsors stars support team teams topics trending users watching").split(" "),
);
/** Table headers (lower-cased, punctuation as spaces) of the column that holds GitHub handles... */
const HANDLE_HEADER =
  /^(?:(?:github|gh)(?: (?:handles?|ids?|users?|usernames?|user names?|logins?|accounts?|profiles?))?|handles?)$/;
/** ...and of columns about other services, which never do (a Slack "@name" is not a GitHub login). */
const OTHER_HEADER =
  /^(?:cncf )?(?:slack|discord|twitter|x|mastodon|matrix|gitter|zulip|linkedin|bluesky|e ?mail|irc)(?: [a-z]+)?$/;
const LINK_END = new Set([..." \t)]>}<\"',;:!?#|*`"]);
const LIST_MARKER = /^\s*(?:[-*+>]|\d{1,9}[.)])(?:\s|$)/;

/** `text`: code spans blanked, where handles are looked for; `name`: their content kept, for headings. */
type Line = { text: string; name: string };
/** Without a handle column, every column but `otherCols` is read. */
type Table = { handleCols: number[]; otherCols: Set<number> };

const isAlnum = (c: string | undefined): boolean =>
  c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9"));
const isLetterOrDigit = (c: string | undefined): boolean =>
  isAlnum(c) || (c !== undefined && c > "\x7f" && /^[\p{L}\p{N}]$/u.test(c));
const runLength = (s: string, from: number, char: string): number => {
  let i = from;
  while (s[i] === char) i++;
  return i - from;
};
const indent = (s: string): number => {
  let i = 0;
  while (s[i] === " " || s[i] === "\t") i++;
  return i;
};
const isBlank = (s: string): boolean => s.trim() === "";
const displayName = (s: string): string => s.replace(/[*`]/g, "").replace(/\s+/g, " ").trim().replace(/:$/, "");
const keyOf = (s: string): string => displayName(s).toLowerCase();
/** GitHub's rule: 1-39 ASCII alphanumerics or single inner hyphens. */
const isHandle = (h: string): boolean =>
  h.length >= 1 && h.length <= 39 && isAlnum(h[0]) && !h.endsWith("-") && !h.includes("--") &&
  [...h].every((c) => c === "-" || isAlnum(c));

/** Splits the file into lines without fenced code and HTML comments; lines wholly in a comment vanish. */
function cleanLines(markdown: string): Line[] {
  const out: Line[] = [];
  let fence: { char: string; len: number } | null = null;
  let inComment = false;
  for (const raw of markdown.split(/\r\n|\r|\n/)) {
    const lead = indent(raw);
    const char = raw[lead] ?? "";
    const run = char === "`" || char === "~" ? runLength(raw, lead, char) : 0;
    const opensFence = !inComment && run >= 3 && !(char === "`" && raw.includes("`", lead + run));
    if (fence !== null || opensFence) {
      if (fence === null) fence = { char, len: run };
      else if (char === fence.char && run >= fence.len && isBlank(raw.slice(lead + run))) fence = null;
      out.push({ text: "", name: "" }); // code is kept as a blank line: it ends tables and paragraphs
      continue;
    }
    const commentEnd = inComment ? raw.indexOf("-->") : -1;
    if (inComment && commentEnd < 0) continue;
    const line = stripInline(inComment ? raw.slice(commentEnd + 3) : raw);
    if (!((inComment || line.hadComment) && isBlank(line.text))) out.push(line);
    inComment = line.openComment;
  }
  return out;
}

/**
 * Removes code spans and HTML comments from one line, left to right as CommonMark does (whichever opens
 * first wins). Each backtick run knows the next run of its length, so finding closers stays linear.
 */
function stripInline(s: string): Line & { hadComment: boolean; openComment: boolean } {
  const out = { text: "", name: "", hadComment: false, openComment: false };
  if (!s.includes("`") && !s.includes("<!--")) return { ...out, text: s, name: s };
  const runs: { start: number; len: number; next: number }[] = [];
  for (let i = s.indexOf("`"), len = 0; i >= 0; i = s.indexOf("`", i + len)) {
    len = runLength(s, i, "`");
    runs.push({ start: i, len, next: -1 });
  }
  const later = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k];
    if (run === undefined) continue;
    run.next = later.get(run.len) ?? -1;
    later.set(run.len, k);
  }
  let comment = s.indexOf("<!--");
  for (let pos = 0, r = 0; pos < s.length; ) {
    while ((runs[r]?.start ?? Infinity) < pos) r++;
    if (comment >= 0 && comment < pos) comment = s.indexOf("<!--", pos);
    const run = runs[r];
    const stop = Math.min(run?.start ?? s.length, comment < 0 ? s.length : comment);
    out.text += s.slice(pos, stop);
    out.name += s.slice(pos, stop);
    if (stop === comment) {
      const end = s.indexOf("-->", comment + 4);
      out.hadComment = true;
      out.openComment = end < 0;
      pos = end < 0 ? s.length : end + 3;
    } else if (run === undefined) {
      break;
    } else {
      const closer = runs[run.next];
      out.text += closer ? " " : "`".repeat(run.len);
      out.name += closer ? s.slice(stop + run.len, closer.start) : "`".repeat(run.len);
      pos = closer ? closer.start + closer.len : stop + run.len;
    }
  }
  return out;
}

/** `@handle` mentions. Emails, `@org/team`, `@scope/pkg`, `@example.com` and `@app[bot]` are not people. */
function scanMentions(s: string, add: (h: string) => void): void {
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
    if (!s.startsWith("[bot]", end)) add(handle);
  }
}

/** `github.com/handle` links, with or without scheme and `www.`; a second path segment makes it a repo. */
function scanLinks(s: string, add: (h: string) => void): void {
  if (!/github\.com\//i.test(s)) return;
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
    if (s[end] === "/" ? endsHere(end + 1) : endsHere(end)) add(handle);
  }
}

const scan = (s: string, add: (h: string) => void): void => {
  scanMentions(s, add);
  scanLinks(s, add);
};

function atxHeading(s: string): { level: number; name: string } | null {
  const lead = indent(s);
  const level = runLength(s, lead, "#");
  const after = s[lead + level];
  if (lead > 3 || level < 1 || level > 6 || (after !== undefined && after !== " " && after !== "\t")) return null;
  const content = s.slice(lead + level).trim();
  let k = content.length;
  while (content[k - 1] === "#") k--; // an optional closing sequence, if set off by a space
  return { level, name: displayName(k === 0 || /\s/.test(content[k - 1] ?? "") ? content.slice(0, k) : content) };
}

function setextLevel(s: string): number | null {
  const lead = indent(s);
  const c = s[lead];
  if (lead > 3 || (c !== "=" && c !== "-")) return null;
  return isBlank(s.slice(lead + runLength(s, lead, c))) ? (c === "=" ? 1 : 2) : null;
}

/** Splits a GFM table row on unescaped pipes; outer pipes are optional. */
function splitRow(s: string): string[] {
  const t = s.trim();
  const cells: string[] = [];
  let from = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === "\\") i++;
    else if (t[i] === "|") {
      cells.push(t.slice(from, i));
      from = i + 1;
    }
  }
  cells.push(t.slice(from));
  if (t.startsWith("|")) cells.shift();
  if (from === t.length && from > 0 && cells.length > 0) cells.pop();
  return cells;
}

/** A line (or list item) that is only a bold label (`**Emeritus**`, `**Emeritus:**`) or a short `Label:`. */
function pseudoHeading(s: string): string | null {
  let t = s.trim();
  if (t.length > 80 || !":*_".includes(t.at(-1) ?? "-")) return null;
  if (LIST_MARKER.test(t)) t = t.replace(/^\S+\s*/, "");
  const bold = /^(\*\*|__)/.test(t) && /(\*\*|__):?$/.test(t);
  if (!bold && !t.endsWith(":")) return null;
  t = t.replace(/[*_]/g, "").trim().replace(/:$/, "");
  return /^\p{L}[\p{L} '&/-]*$/u.test(t) && t.split(/\s+/).length <= 6 ? t.replace(/\s+/g, " ").trim() : null;
}

function isExcluded(name: string): boolean {
  const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.some((w, i) => EXCLUDED_WORDS.has(w) || (w === "initial" && /^authors?$/.test(words[i + 1] ?? "")));
}

/** Reads a row's handle columns (where a bare handle counts too), or without one every column but others'. */
function readRow(cells: string[], table: Table, add: (h: string) => void): void {
  if (table.handleCols.length === 0) {
    cells.forEach((cell, idx) => {
      if (!table.otherCols.has(idx)) scan(cell, add);
    });
    return;
  }
  for (const idx of table.handleCols) {
    const cell = cells[idx] ?? "";
    let any = false;
    scan(cell, (h) => {
      any = true;
      add(h);
    });
    const bare = cell.length > 60 ? "" : cell.trim().replace(/^(\*\*|__|\*|_)(.*)\1$/, "$2");
    if (!any && isHandle(bare)) add(bare);
  }
}

/**
 * Handles of the current maintainers in `markdown`. With `section`, only the section under the first heading
 * whose name matches it (case-insensitive, leading '#'s ignored) is read, its sub-headings included. Sections
 * naming former or non-maintainer roles are left out either way, unless it is the requested section itself.
 */
export function parseMaintainers(params: { markdown: string; section?: string | null }): ParsedMaintainers {
  const lines = cleanLines(params.markdown);
  const wanted = keyOf((params.section ?? "").replace(/^\s*#+/, ""));
  const seen = new Map<string, string>();
  const add = (h: string): void => {
    if (!seen.has(h.toLowerCase())) seen.set(h.toLowerCase(), h);
  };
  const skippedSections: string[] = [];
  let found = wanted === "";
  let sectionLevel = 0; // 0: the whole file is read
  let excludedLevel = 7; // 7: nothing is excluded
  // After an excluded bold/colon label: until the next heading or label, or for a list-item label, until a
  // line indented no deeper than it (its sibling). Holds that indent, -1 for a plain line, null when none.
  let pseudo: number | null = null;
  let table: Table | null = null;
  const active = (): boolean => found && excludedLevel === 7 && pseudo === null;

  for (let i = 0; i < lines.length; i++) {
    const { text, name } = lines[i] ?? { text: "", name: "" };
    const next = lines[i + 1];
    let heading = atxHeading(name);
    if (table !== null && heading === null && text.includes("|")) {
      if (active()) readRow(splitRow(text), table, add);
      continue;
    }
    table = null;
    if (pseudo !== null && !isBlank(name) && indent(name) <= pseudo) pseudo = null;
    const underline = next === undefined ? null : setextLevel(next.text);
    if (heading === null && underline !== null && !isBlank(name) && setextLevel(text) === null &&
      !LIST_MARKER.test(text.slice(0, 16))) {
      heading = { level: underline, name: displayName(name) };
      i++;
    }
    if (heading !== null) {
      pseudo = null;
      if (!found) {
        if (keyOf(heading.name) !== wanted) continue;
        found = true;
        sectionLevel = heading.level;
      } else if (heading.level <= sectionLevel) {
        break;
      } else {
        if (heading.level <= excludedLevel) excludedLevel = 7;
        if (excludedLevel === 7 && isExcluded(heading.name)) {
          excludedLevel = heading.level;
          skippedSections.push(heading.name);
        }
      }
      if (active()) scan(text, add);
      continue;
    }
    const header = next !== undefined && text.includes("|") ? splitRow(text) : [];
    const delimiter = header.length > 0 && next !== undefined ? splitRow(next.text) : [];
    if (header.length > 0 && delimiter.length === header.length && delimiter.every((c) => /^:?-+:?$/.test(c.trim()))) {
      const keys = header.map((cell) => cell.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim());
      const cols = (re: RegExp): number[] => keys.flatMap((key, idx) => (re.test(key) ? [idx] : []));
      table = { handleCols: cols(HANDLE_HEADER), otherCols: new Set(cols(OTHER_HEADER)) };
      if (active() && table.handleCols.length === 0) readRow(header, table, add);
      i++;
      continue;
    }
    const label = pseudoHeading(name);
    // A line led by an excluded label ("Emeritus: @a, @b") is left out by itself.
    const colon = label === null ? name.indexOf(":") : -1;
    const lead = colon > 0 && colon < 80 ? pseudoHeading(name.slice(0, colon + 1)) : null;
    if (label !== null && found && excludedLevel === 7) {
      pseudo = isExcluded(label) ? (LIST_MARKER.test(name.slice(0, 16)) ? indent(name) : -1) : null;
      if (pseudo !== null) skippedSections.push(label);
    } else if (lead !== null && isExcluded(lead)) {
      if (active()) skippedSections.push(lead);
    } else if (active()) {
      scan(text, add);
    }
  }
  if (!found) return { handles: [], skippedSections: [], missingSection: (params.section ?? "").trim() };
  return { handles: [...seen.values()], skippedSections, missingSection: null };
}
