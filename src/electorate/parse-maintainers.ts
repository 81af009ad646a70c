/**
 * Reads the GitHub handles of a project's current maintainers from MAINTAINERS.md (DESIGN.md, "Reading
 * MAINTAINERS.md"). Pure and linear in the input, so a hostile multi-megabyte file cannot stall a webhook.
 * `visibleLines` hides code and comments and recognizes headings and labels, `findHandles` reads handles out
 * of text; here headings and labels delimit sections, and tables are read by column. Bots are not filtered.
 */
import { findHandles } from "./find-handles.js";
import { displayName, visibleLines } from "./visible-lines.js";

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
/** Table headers (lower-cased, punctuation as spaces) of the column that holds GitHub handles... */
const HANDLE_HEADER =
  /^(?:(?:github|gh)(?: (?:handles?|ids?|users?|usernames?|user names?|logins?|accounts?|profiles?))?|handles?)$/;
/** ...and of columns about other services, which never do (a Slack "@name" is not a GitHub login). */
const OTHER_HEADER =
  /^(?:cncf )?(?:slack|discord|twitter|x|mastodon|matrix|gitter|zulip|linkedin|bluesky|e ?mail|irc)(?: [a-z]+)?$/;

/** Without a handle column, every column but `otherCols` is read. */
type Table = { handleCols: number[]; otherCols: Set<number> };

const keyOf = (s: string): string => displayName(s).toLowerCase();

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

function isExcluded(name: string): boolean {
  const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.some((w, i) => EXCLUDED_WORDS.has(w) || (w === "initial" && /^authors?$/.test(words[i + 1] ?? "")));
}

/** A row's handles: from its handle columns (where a bare handle counts too), or else from all but others'. */
function rowHandles(params: { cells: string[]; table: Table }): string[] {
  const { cells, table } = params;
  if (table.handleCols.length === 0) {
    return cells.flatMap((cell, idx) => (table.otherCols.has(idx) ? [] : findHandles({ text: cell })));
  }
  return table.handleCols.flatMap((idx) => findHandles({ text: cells[idx] ?? "", handleColumn: true }));
}

/**
 * Handles of the current maintainers in `markdown`. With `section`, only the section under the first heading
 * whose name matches it (case-insensitive, leading '#'s ignored) is read, its sub-headings included. Sections
 * naming former or non-maintainer roles are left out either way, unless it is the requested section itself.
 */
export function parseMaintainers(params: { markdown: string; section?: string | null }): ParsedMaintainers {
  const lines = visibleLines(params.markdown);
  const wanted = keyOf((params.section ?? "").replace(/^\s*#+/, ""));
  const seen = new Map<string, string>();
  const add = (handles: string[]): void => {
    for (const h of handles) if (!seen.has(h.toLowerCase())) seen.set(h.toLowerCase(), h);
  };
  const skippedSections: string[] = [];
  let found = wanted === "";
  let sectionLevel = 0; // 0: the whole file is read
  let excludedLevel = 7; // 7: nothing is excluded
  // After an excluded bold/colon label: until the next heading or label, or for a list-item label, until a
  // line indented no deeper than it (its sibling). Holds that label's `scope`, null when none.
  let pseudo: number | null = null;
  let table: Table | null = null;
  const active = (): boolean => found && excludedLevel === 7 && pseudo === null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) break;
    const { text } = line;
    const next = lines[i + 1];
    if (table !== null && line.atx === null && text.includes("|")) {
      if (active()) add(rowHandles({ cells: splitRow(text), table }));
      continue;
    }
    table = null;
    if (pseudo !== null && !line.blank && line.indent <= pseudo) pseudo = null;
    const heading = line.atx ?? line.setext;
    if (line.setext !== null) i++; // its underline
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
      if (active()) add(findHandles({ text }));
      continue;
    }
    const header = next !== undefined && text.includes("|") ? splitRow(text) : [];
    const delimiter = header.length > 0 && next !== undefined ? splitRow(next.text) : [];
    if (header.length > 0 && delimiter.length === header.length && delimiter.every((c) => /^:?-+:?$/.test(c.trim()))) {
      const keys = header.map((cell) => cell.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim());
      const cols = (re: RegExp): number[] => keys.flatMap((key, idx) => (re.test(key) ? [idx] : []));
      table = { handleCols: cols(HANDLE_HEADER), otherCols: new Set(cols(OTHER_HEADER)) };
      if (active() && table.handleCols.length === 0) add(rowHandles({ cells: header, table }));
      i++;
      continue;
    }
    const { label, leadLabel } = line;
    if (label !== null && found && excludedLevel === 7) {
      pseudo = isExcluded(label.name) ? label.scope : null;
      if (pseudo !== null) skippedSections.push(label.name);
    } else if (leadLabel !== null && isExcluded(leadLabel)) {
      // A line led by an excluded label ("Emeritus: @a, @b") is left out by itself.
      if (active()) skippedSections.push(leadLabel);
    } else if (active()) {
      add(findHandles({ text }));
    }
  }
  if (!found) return { handles: [], skippedSections: [], missingSection: (params.section ?? "").trim() };
  return { handles: [...seen.values()], skippedSections, missingSection: null };
}
