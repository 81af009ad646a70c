/**
 * The entries of MAINTAINERS.md and the handles in each (docs/architecture.md, "Reading MAINTAINERS.md"). An entry is a
 * table row, a list item (its marker line and the lines that continue it), a heading, or a paragraph. Only
 * rows, items and headings name maintainers: a paragraph is prose ("thanks to @x"), except a one-line
 * paragraph that ends with ':' right before a list or table, which introduces it: there a handle counts when
 * its clause calls it a maintainer (Prometheus: "@roidelapluie is the main/default maintainer, some parts of
 * the codebase have other maintainers:").
 * An entry is left out when it starts struck through or its words give a status such as "Emeritus"; a nested
 * list item takes its parent's. A handle inside `<details>` or struck through is left out by itself.
 */
import { findHandles } from "./find-handles.js";
import { lineViews, markStrike, MARKUP, STRUCK, type LineMarks, type LineViews } from "./inline-marks.js";
import type { PlaceReason } from "./maintainer-sections.js";
import { maintainerClauses, statusIn } from "./role-words.js";
import { rowHandles, splitRow, type Table } from "./table-rows.js";
import type { VisibleLine } from "./visible-lines.js";

/** A handle where it was found, with every reason it might not count; `entry` is final once its entry ends. */
export interface Sighting {
  handle: string;
  line: number;
  place: PlaceReason;
  underMaintainers: boolean;
  entry: string | null;
}

interface Entry {
  kind: "row" | "item" | "heading" | "paragraph";
  sightings: Sighting[];
  /** The first status its own words give. */
  status: string | null;
  /** A status its parent list item gives. */
  inherited: string | null;
  struck: boolean;
  lines: number;
  /** Its last line ends with ':'. */
  colon: boolean;
  /** For a one-line paragraph, the handles (lower-cased) that a clause of it calls maintainers. */
  named: Set<string> | null;
}

/** Where a line is, as `MaintainerSections` tells it. */
export interface Place {
  place: PlaceReason;
  underMaintainers: boolean;
}

const PROSE = "in prose, not a list or table";
const WHERE = { row: "its row", item: "its list item", heading: "its heading", paragraph: "its line" } as const;

function skipSpaces(params: { text: string; from: number }): number {
  let i = params.from;
  while (params.text[i] === " " || params.text[i] === "\t") i++;
  return i;
}

/** Where a list item's marker sits and where its content starts, also inside a quote; null for other lines. */
function itemStart(text: string): { indent: number; content: number } | null {
  let i = skipSpaces({ text, from: 0 });
  while (text[i] === ">") i = skipSpaces({ text, from: i + 1 });
  const indent = i;
  if (text[i] === "-" || text[i] === "*" || text[i] === "+") i++;
  else {
    while (i - indent < 9 && (text[i] ?? "") >= "0" && (text[i] ?? "") <= "9") i++;
    if (i === indent || (text[i] !== "." && text[i] !== ")")) return null;
    i++;
  }
  if (i < text.length && text[i] !== " " && text[i] !== "\t") return null;
  i = skipSpaces({ text, from: i });
  if (/^\[[ xX]\]/.test(text.slice(i, i + 3))) i = skipSpaces({ text, from: i + 3 }); // a task list item
  return { indent, content: i };
}

/** Whether the text from `from` to `to` starts struck through (emphasis marks aside). */
function startsStruck(params: { text: string; marks: LineMarks; from: number; to: number }): boolean {
  let i = params.from;
  while (i < params.to && " \t*_".includes(params.text[i] ?? "")) i++;
  return i < params.to && (params.marks.at(i) & (STRUCK | MARKUP)) !== 0;
}

/** A cell that is struck through as a whole (emphasis marks aside), and not empty. */
function whollyStruck(params: { text: string; marks: LineMarks; from: number; to: number }): boolean {
  let seen = false;
  for (let i = params.from; i < params.to; i++) {
    if (" \t*_".includes(params.text[i] ?? "")) continue;
    if ((params.marks.at(i) & (STRUCK | MARKUP)) === 0) return false;
    seen = true;
  }
  return seen;
}

/** Handles in each view: open ones may count, struck and hidden ones never do. */
function viewHandles(params: { views: LineViews; find: (view: keyof LineViews) => string[] }): Array<{ handle: string; mark: string | null }> {
  const { views, find } = params;
  const found: Array<{ handle: string; mark: string | null }> = find("open").map((handle) => ({ handle, mark: null }));
  if (views.struck !== "") for (const handle of find("struck")) found.push({ handle, mark: "struck through" });
  if (views.hidden !== "") for (const handle of find("hidden")) found.push({ handle, mark: "inside a <details> block" });
  return found;
}

export class MaintainerEntries {
  /** Every handle seen, in order; `entry` is set once the entry it is in ends. */
  readonly sightings: Sighting[] = [];
  private current: Entry | null = null;
  private items: Array<{ indent: number; entry: Entry }> = [];
  private blankSince = false;

  heading(params: { line: VisibleLine; marks: LineMarks } & Place): void {
    this.end({ introduces: false });
    this.items = [];
    const entry = this.open("heading");
    markStrike({ text: params.line.text, marks: params.marks });
    this.read({ entry, ...params });
    this.end({ introduces: false });
  }

  /** A table starts: the paragraph before it may introduce it. */
  table(): void {
    this.end({ introduces: true });
    this.items = [];
  }

  row(params: { line: VisibleLine; marks: LineMarks; table: Table } & Place): void {
    const { line, marks, table } = params;
    const text = line.text;
    const cells = splitRow(text);
    if (text.includes("~") || text.includes("<")) {
      for (const c of cells) markStrike({ text: text.slice(c.from, c.to), marks, offset: c.from });
    }
    const views = lineViews({ text, marks });
    const entry = this.open("row");
    const first = cells.find((c) => text.slice(c.from, c.to).trim() !== "");
    entry.struck = first !== undefined && whollyStruck({ text, marks, ...first });
    // Most rows give no status at all; only then are the columns that can't give one set aside.
    if (statusIn(views.open) !== null) {
      entry.status = statusIn(cells.flatMap((c, idx) => (table.noStatusCols.has(idx) ? [] : [views.open.slice(c.from, c.to)])).join(" "));
    }
    const found = viewHandles({ views, find: (view) => rowHandles({ cells: cells.map((c) => views[view].slice(c.from, c.to)), table }) });
    this.see({ entry, found, line, place: params.place, underMaintainers: params.underMaintainers });
    this.end({ introduces: false });
  }

  /** Any other line. `labelled`: it is or starts with a label naming others, so it continues no entry. */
  line(params: { line: VisibleLine; marks: LineMarks; labelled: boolean } & Place): void {
    const { line, labelled } = params;
    if (line.blank) {
      this.blankSince = true;
      return;
    }
    markStrike({ text: line.text, marks: params.marks });
    const item = itemStart(line.text);
    const current = this.current;
    const parent = this.items.at(-1);
    if (item !== null) {
      this.end({ introduces: true });
      while ((this.items.at(-1)?.indent ?? -1) >= item.indent) this.items.pop();
      const outer = this.items.at(-1)?.entry;
      const entry = this.open("item");
      entry.inherited = outer?.status ?? outer?.inherited ?? null;
      entry.struck = (outer?.struck ?? false) || startsStruck({ text: line.text, marks: params.marks, from: item.content, to: line.text.length });
      this.items.push({ indent: item.indent, entry });
      this.read({ entry, ...params });
    } else if (!labelled && current?.kind === "item" && (!this.blankSince || line.indent > (parent?.indent ?? -1))) {
      this.read({ entry: current, ...params });
    } else if (!labelled && current?.kind === "paragraph" && !this.blankSince) {
      this.read({ entry: current, ...params });
    } else {
      this.end({ introduces: false });
      this.items = [];
      this.read({ entry: this.open("paragraph"), ...params });
    }
    this.blankSince = false;
  }

  /** The end of the file. */
  finish(): void {
    this.end({ introduces: false });
  }

  private open(kind: Entry["kind"]): Entry {
    const entry: Entry = { kind, sightings: [], status: null, inherited: null, struck: false, lines: 0, colon: false, named: null };
    this.current = entry;
    this.blankSince = false;
    return entry;
  }

  /** Adds a line's handles and words to `entry`; its strikes are marked already. */
  private read(params: { entry: Entry; line: VisibleLine; marks: LineMarks } & Place): void {
    const { entry, line, marks } = params;
    const views = lineViews({ text: line.text, marks });
    entry.lines++;
    entry.colon = line.text.trimEnd().endsWith(":");
    entry.status ??= entry.kind === "heading" ? null : statusIn(views.open);
    const found = viewHandles({ views, find: (view) => findHandles({ text: views[view] }) });
    if (entry.kind === "paragraph" && entry.lines === 1 && found.length > 0) {
      entry.named = new Set(
        maintainerClauses(views.open)
          .flatMap((clause) => findHandles({ text: clause }))
          .map((h) => h.toLowerCase()),
      );
    }
    this.see({ entry, found, line, place: params.place, underMaintainers: params.underMaintainers });
  }

  private see(params: { entry: Entry; found: Array<{ handle: string; mark: string | null }>; line: VisibleLine } & Place): void {
    for (const { handle, mark } of params.found) {
      const sighting = { handle, line: params.line.line, place: params.place, underMaintainers: params.underMaintainers, entry: mark };
      params.entry.sightings.push(sighting);
      this.sightings.push(sighting);
    }
  }

  /** Ends the current entry; `introduces`: a list or table follows, so a paragraph may be its lead-in. */
  private end(params: { introduces: boolean }): void {
    const entry = this.current;
    if (entry === null) return;
    this.current = null;
    const leadIn = entry.kind === "paragraph" && params.introduces && entry.lines === 1 && entry.colon;
    const status = entry.status === null ? null : `status “${entry.status}” in ${WHERE[entry.kind]}`;
    const inherited = entry.inherited === null ? null : `status “${entry.inherited}” in the list item above it`;
    for (const s of entry.sightings) {
      const prose = entry.kind === "paragraph" && !(leadIn && entry.named?.has(s.handle.toLowerCase()) === true);
      s.entry ??= entry.struck ? "struck through" : prose ? PROSE : (status ?? inherited);
    }
  }
}
