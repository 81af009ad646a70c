/**
 * Markdown as the lines a reader of MAINTAINERS.md sees (docs/architecture.md, "Reading MAINTAINERS.md"), close to
 * CommonMark/GFM for such files: fenced code, code spans (within one line) and HTML comments hide what they
 * hold, and each line says whether it is a heading or a bold/colon label. Linear in the input: no regex here
 * can backtrack over a long line, so a hostile multi-megabyte file cannot stall a webhook.
 */

export interface Heading {
  level: number;
  /** Formatted by `displayName`. */
  name: string;
}

export interface Label {
  name: string;
  /** A list-item label covers the lines indented deeper than this; a plain label (-1) lasts until the next one. */
  scope: number;
}

export interface VisibleLine {
  /** 1-based line number in the file, for reports. */
  line: number;
  /** Code spans blanked: where handles are looked for. */
  text: string;
  /** Code spans' content kept: what heading and label names are read from. */
  name: string;
  blank: boolean;
  indent: number;
  /** `## Name`. */
  atx: Heading | null;
  /** Text underlined by the next line (`===` or `---`); that underline is part of this heading. */
  setext: Heading | null;
  /** The whole line is only a bold label (`**Emeritus**`, `**Emeritus:**`) or a short `Label:`. */
  label: Label | null;
  /** The line starts with such a label and goes on ("Emeritus: @a, @b"). Null when `label` is set. */
  leadLabel: string | null;
}

type RawLine = { text: string; name: string; line: number };

const LIST_MARKER = /^\s*(?:[-*+>]|\d{1,9}[.)])(?:\s|$)/;

const runLength = (params: { text: string; from: number; char: string }): number => {
  const { text, from, char } = params;
  let i = from;
  while (text[i] === char) i++;
  return i - from;
};
const indentOf = (s: string): number => {
  let i = 0;
  while (s[i] === " " || s[i] === "\t") i++;
  return i;
};
const isBlank = (s: string): boolean => s.trim() === "";

/** How a heading or a requested section is named: emphasis and code marks dropped, spaces collapsed, no ':'. */
export const displayName = (s: string): string => s.replace(/[*`]/g, "").replace(/\s+/g, " ").trim().replace(/:$/, "");

/** Lines without fenced code and HTML comments; a line wholly inside a comment is dropped, not blanked. */
export function visibleLines(markdown: string): VisibleLine[] {
  const raw = rawLines(markdown);
  const underline = raw.map((line) => setextLevel(line.text));
  return raw.map((line, i): VisibleLine => {
    const { text, name } = line;
    const atx = atxHeading(name);
    const level = underline[i + 1] ?? null;
    const setext =
      atx === null && level !== null && !isBlank(name) && underline[i] === null && !LIST_MARKER.test(text.slice(0, 16))
        ? { level, name: displayName(name) }
        : null;
    const labelName = pseudoHeading(name);
    const label = labelName === null ? null : { name: labelName, scope: LIST_MARKER.test(name.slice(0, 16)) ? indentOf(name) : -1 };
    const colon = label === null ? name.indexOf(":") : -1;
    const leadLabel = colon > 0 && colon < 80 ? pseudoHeading(name.slice(0, colon + 1)) : null;
    return { line: line.line, text, name, blank: isBlank(name), indent: indentOf(name), atx, setext, label, leadLabel };
  });
}

function rawLines(markdown: string): RawLine[] {
  const out: RawLine[] = [];
  let fence: { char: string; len: number } | null = null;
  let inComment = false;
  let number = 0;
  for (const raw of markdown.split(/\r\n|\r|\n/)) {
    number++;
    const lead = indentOf(raw);
    const char = raw[lead] ?? "";
    const run = char === "`" || char === "~" ? runLength({ text: raw, from: lead, char }) : 0;
    const opensFence = !inComment && run >= 3 && !(char === "`" && raw.includes("`", lead + run));
    if (fence !== null || opensFence) {
      if (fence === null) fence = { char, len: run };
      else if (char === fence.char && run >= fence.len && isBlank(raw.slice(lead + run))) fence = null;
      out.push({ text: "", name: "", line: number }); // code is kept as a blank line: it ends tables and paragraphs
      continue;
    }
    const commentEnd = inComment ? raw.indexOf("-->") : -1;
    if (inComment && commentEnd < 0) continue;
    const line = stripInline(inComment ? raw.slice(commentEnd + 3) : raw);
    if (!((inComment || line.hadComment) && isBlank(line.text))) out.push({ text: line.text, name: line.name, line: number });
    inComment = line.openComment;
  }
  return out;
}

/**
 * Removes code spans and HTML comments from one line, left to right as CommonMark does (whichever opens
 * first wins). Each backtick run knows the next run of its length, so finding closers stays linear.
 */
function stripInline(s: string): { text: string; name: string; hadComment: boolean; openComment: boolean } {
  const out = { text: "", name: "", hadComment: false, openComment: false };
  if (!s.includes("`") && !s.includes("<!--")) return { ...out, text: s, name: s };
  const runs: { start: number; len: number; next: number }[] = [];
  for (let i = s.indexOf("`"), len = 0; i >= 0; i = s.indexOf("`", i + len)) {
    len = runLength({ text: s, from: i, char: "`" });
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

function atxHeading(s: string): Heading | null {
  const lead = indentOf(s);
  const level = runLength({ text: s, from: lead, char: "#" });
  const after = s[lead + level];
  if (lead > 3 || level < 1 || level > 6 || (after !== undefined && after !== " " && after !== "\t")) return null;
  const content = s.slice(lead + level).trim();
  let k = content.length;
  while (content[k - 1] === "#") k--; // an optional closing sequence, if set off by a space
  return { level, name: displayName(k === 0 || /\s/.test(content[k - 1] ?? "") ? content.slice(0, k) : content) };
}

/** The level a line gives the text above it when it is a setext underline. */
function setextLevel(s: string): number | null {
  const lead = indentOf(s);
  const c = s[lead];
  if (lead > 3 || (c !== "=" && c !== "-")) return null;
  return isBlank(s.slice(lead + runLength({ text: s, from: lead, char: c }))) ? (c === "=" ? 1 : 2) : null;
}

/** The name of a line (or list item) that is only a bold label or a short `Label:`; null otherwise. */
function pseudoHeading(s: string): string | null {
  let t = s.trim();
  if (t.length > 80 || !":*_".includes(t.at(-1) ?? "-")) return null;
  if (LIST_MARKER.test(t)) t = t.replace(/^\S+\s*/, "");
  const bold = /^(\*\*|__)/.test(t) && /(\*\*|__):?$/.test(t);
  if (!bold && !t.endsWith(":")) return null;
  t = t.replace(/[*_]/g, "").trim().replace(/:$/, "");
  return /^\p{L}[\p{L} '&/-]*$/u.test(t) && t.split(/\s+/).length <= 6 ? t.replace(/\s+/g, " ").trim() : null;
}
