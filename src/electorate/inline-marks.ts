/**
 * What a reader of MAINTAINERS.md does not see as a current entry, character by character: text inside a
 * `<details>` block (collapsed, and kept for people who left) and text struck through with `~~…~~`, `~…~`,
 * `<s>`, `<del>` or `<strike>` (GFM strikethrough: https://github.github.com/gfm/#strikethrough-extension-).
 * Every scan walks its text once with `indexOf` and bounded look-ahead, so a hostile line cannot stall it.
 */

/** Inside a `<details>` block. */
export const HIDDEN = 1;
/** Struck through. */
export const STRUCK = 2;
/** The strike markup itself (`~~`, `<s>`), blank in every view so that `~~alice~~` reads as `alice`. */
export const MARKUP = 4;

/** Per-character marks of one line, allocated on the first mark: most lines have none. */
export class LineMarks {
  private flags: Uint8Array | null = null;
  constructor(readonly length: number) {}

  /** The marks of character `i`. */
  at(i: number): number {
    return this.flags?.[i] ?? 0;
  }

  /** Adds `flag` to the characters `[from, to)`. */
  mark(params: { from: number; to: number; flag: number }): void {
    if (params.from >= params.to) return;
    this.flags ??= new Uint8Array(this.length);
    for (let i = params.from; i < params.to; i++) this.flags[i] = (this.flags[i] ?? 0) | params.flag;
  }

  get empty(): boolean {
    return this.flags === null;
  }
}

/** One line in three views of the same length: what is left blank in a view is replaced by spaces. */
export interface LineViews {
  /** Neither hidden nor struck: what counts. */
  open: string;
  /** Struck through, outside `<details>`. */
  struck: string;
  /** Inside `<details>`. */
  hidden: string;
}

const STRIKE_TAGS = ["strike", "del", "s"];
const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";

/** The index just past `<name` or `</name` at `at` when a tag of that name starts there, or -1. */
function tagEnd(params: { text: string; at: number; name: string; closing: boolean }): number {
  const { text, at, name, closing } = params;
  const start = at + (closing ? 2 : 1);
  if (closing && text[at + 1] !== "/") return -1;
  if (text.slice(start, start + name.length).toLowerCase() !== name) return -1;
  const after = text[start + name.length];
  if (after === ">") return start + name.length + 1;
  return after === undefined || isSpace(after) || (after === "/" && !closing) ? start + name.length : -1;
}

/**
 * Marks HIDDEN what lies inside `<details>…</details>` on a line that starts `depth` blocks deep, and returns
 * the depth after it: blocks span lines, and nest.
 */
export function markDetails(params: { text: string; depth: number; marks: LineMarks }): number {
  const { text, marks } = params;
  let depth = params.depth;
  let from = 0;
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    const open = tagEnd({ text, at, name: "details", closing: false });
    const close = open < 0 ? tagEnd({ text, at, name: "details", closing: true }) : -1;
    if (open >= 0) {
      if (depth === 0) from = at;
      depth++;
    } else if (close >= 0 && depth > 0) {
      depth--;
      if (depth === 0) marks.mark({ from, to: close, flag: HIDDEN });
    }
  }
  if (depth > 0) marks.mark({ from, to: text.length, flag: HIDDEN });
  return depth;
}

/**
 * Marks STRUCK what is struck through in `text` (one table cell, or a whole line, which starts at `offset`
 * in the line), and MARKUP its delimiters. Tildes pair as GFM says: a run of one or two opens where a
 * non-space follows and closes a run of the same length where a non-space precedes. A strike tag left open
 * runs to the end of the text.
 */
export function markStrike(params: { text: string; marks: LineMarks; offset?: number }): void {
  const { text } = params;
  if (!text.includes("~") && !text.includes("<")) return;
  const offset = params.offset ?? 0;
  const mark = (range: { from: number; to: number; flag: number }): void =>
    params.marks.mark({ from: offset + range.from, to: offset + range.to, flag: range.flag });
  const pending = new Map<number, number>();
  for (let at = text.indexOf("~"); at >= 0; ) {
    let end = at;
    while (text[end] === "~") end++;
    const len = end - at;
    const usable = len <= 2 && text[at - 1] !== "\\";
    const opener = pending.get(len);
    if (usable && at > 0 && !isSpace(text[at - 1]) && opener !== undefined) {
      mark({ from: opener, to: end, flag: STRUCK });
      mark({ from: opener, to: opener + len, flag: MARKUP });
      mark({ from: at, to: end, flag: MARKUP });
      pending.delete(len);
    } else if (usable && end < text.length && !isSpace(text[end])) {
      pending.set(len, at);
    }
    at = text.indexOf("~", end);
  }
  let depth = 0;
  let start = 0;
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    for (const name of STRIKE_TAGS) {
      const open = tagEnd({ text, at, name, closing: false });
      const close = open < 0 ? tagEnd({ text, at, name, closing: true }) : -1;
      if (open < 0 && (close < 0 || depth === 0)) continue;
      mark({ from: at, to: Math.max(open, close), flag: MARKUP });
      if (open >= 0 && depth++ === 0) start = at;
      if (close >= 0 && --depth === 0) mark({ from: start, to: close, flag: STRUCK });
      break;
    }
  }
  if (depth > 0) mark({ from: start, to: text.length, flag: STRUCK });
}

/** The three views of `text` under `marks`, built from runs of equally marked characters. */
export function lineViews(params: { text: string; marks: LineMarks }): LineViews {
  const { text, marks } = params;
  if (marks.empty) return { open: text, struck: "", hidden: "" };
  const open: string[] = [];
  const struck: string[] = [];
  const hidden: string[] = [];
  for (let from = 0; from < text.length; ) {
    const f = marks.at(from);
    let to = from + 1;
    while (to < text.length && marks.at(to) === f) to++;
    const run = text.slice(from, to);
    const blank = " ".repeat(to - from);
    open.push(f === 0 ? run : blank);
    struck.push(f === STRUCK ? run : blank);
    hidden.push((f & HIDDEN) !== 0 && (f & MARKUP) === 0 ? run : blank);
    from = to;
  }
  return { open: open.join(""), struck: struck.join(""), hidden: hidden.join("") };
}
