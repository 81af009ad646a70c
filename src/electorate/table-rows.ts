/**
 * GFM tables in MAINTAINERS.md (https://github.github.com/gfm/#tables-extension-), read by column (docs/architecture.md,
 * "Reading MAINTAINERS.md"): when a column is headed like GitHub / GH Handle / GitHub ID, only that column
 * names people; otherwise every column does but those about other services. Linear: rows are split in one
 * pass and header names are short anchored patterns.
 */
import { findHandles } from "./find-handles.js";

/** A table's columns, by index. Without `handleCols`, every column but `otherCols` is read. */
export interface Table {
  handleCols: number[];
  otherCols: Set<number>;
  /** Columns whose words say nothing about a person's status: other services, employers. */
  noStatusCols: Set<number>;
}

/** A cell as a range of the row's text. */
export interface Cell {
  from: number;
  to: number;
}

/** Table headers (lower-cased, punctuation as spaces) of the column that holds GitHub handles... */
const HANDLE_HEADER = /^(?:(?:github|gh)(?: (?:handles?|ids?|users?|usernames?|user names?|logins?|accounts?|profiles?))?|handles?)$/;
/** ...of columns about other services, which never do (a Slack "@name" is not a GitHub login)... */
const OTHER_HEADER = /^(?:cncf )?(?:slack|discord|twitter|x|mastodon|matrix|gitter|zulip|linkedin|bluesky|e ?mail|irc)(?: [a-z]+)?$/;
/** ...and of employers' columns, where "Former Acme" is about a company, not the person's status. */
const EMPLOYER_HEADER = /^(?:affiliations?|compan(?:y|ies)|employers?|organi[sz]ations?|orgs?)$/;

/** Splits a GFM table row on unescaped pipes; outer pipes are optional. Cells keep their spaces. */
export function splitRow(text: string): Cell[] {
  let start = 0;
  let end = text.length;
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  const cells: Cell[] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "|") {
      cells.push({ from, to: i });
      from = i + 1;
    }
  }
  cells.push({ from, to: end });
  if (text[start] === "|") cells.shift();
  if (from === end && end > start && cells.length > 0) cells.pop();
  return cells;
}

/** The table whose header row is `text` when `next` is its delimiter row; null when they are not a table. */
export function tableAt(params: { text: string; next: string | undefined }): Table | null {
  const { text, next } = params;
  if (next === undefined || !text.includes("|")) return null;
  const header = splitRow(text).map((c) => text.slice(c.from, c.to));
  const delimiter = splitRow(next).map((c) => next.slice(c.from, c.to).trim());
  if (header.length === 0 || delimiter.length !== header.length || !delimiter.every((c) => /^:?-+:?$/.test(c))) {
    return null;
  }
  const keys = header.map((cell) =>
    cell
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim(),
  );
  const cols = (re: RegExp): number[] => keys.flatMap((key, idx) => (re.test(key) ? [idx] : []));
  const otherCols = new Set(cols(OTHER_HEADER));
  return { handleCols: cols(HANDLE_HEADER), otherCols, noStatusCols: new Set([...otherCols, ...cols(EMPLOYER_HEADER)]) };
}

/** A row's handles: from its handle columns (where a bare handle counts too), or else from all but others'. */
export function rowHandles(params: { cells: string[]; table: Table }): string[] {
  const { cells, table } = params;
  if (table.handleCols.length === 0) {
    return cells.flatMap((cell, idx) => (table.otherCols.has(idx) ? [] : findHandles({ text: cell })));
  }
  return table.handleCols.flatMap((idx) => findHandles({ text: cells[idx] ?? "", handleColumn: true }));
}
