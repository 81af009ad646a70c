import { MAX_COMMENT_CHARS } from "../comment-limits.js";
import { prefixWithinUnits } from "./cut-text.js";

/**
 * A comment's visible text followed by its marker, within GitHub's limit. The
 * marker must survive whole, so the text is what gets cut, at a line break,
 * with a note saying so. The lists in Gavel's messages are shortened to their
 * room first (listSome), so a cut is a last resort.
 */
export function fitComment(params: { visible: string; marker: string; what: string }): string {
  const full = `${params.visible}\n\n${params.marker}`;
  if (full.length <= MAX_COMMENT_CHARS) return full;
  const note = `\n\n…(cut: the full ${params.what} exceeded GitHub's comment limit)`;
  const cut = prefixWithinUnits({ text: params.visible, units: visibleRoom(params.marker) - note.length });
  const line = cut.lastIndexOf("\n");
  return `${line > 0 ? cut.slice(0, line) : cut}${note}\n\n${params.marker}`;
}

/** The characters a comment's visible text may take beside its marker and the blank line before it. */
export function visibleRoom(marker: string): number {
  return MAX_COMMENT_CHARS - marker.length - 2;
}

/** `and 2,700 more`, the default summary of the items listSome leaves out. */
function andMore(left: number): string {
  return `and ${left.toLocaleString("en-US")} more`;
}

/**
 * The whole list when it has at most `max` items and takes at most `room`
 * characters joined by `separator`; otherwise its first items within both
 * bounds, then `more(left)` for the `left` items left out, inside the room too.
 * `more` must not get longer as fewer items are left out.
 */
export function listSome(params: { items: string[]; max: number; room?: number; separator?: string; more?: (left: number) => string }): string[] {
  const { items, max } = params;
  const room = params.room ?? Infinity;
  const separator = params.separator ?? ", ";
  const more = params.more ?? andMore;
  const length = (list: string[]) => list.reduce((sum, item) => sum + item.length, 0) + separator.length * Math.max(0, list.length - 1);
  if (items.length <= max && length(items) <= room) return items;
  // Leaving out every item gives `more` its longest text, so keeping room for that suffices.
  let used = more(items.length).length;
  const shown: string[] = [];
  for (const item of items) {
    if (shown.length === max || used + separator.length + item.length > room) break;
    shown.push(item);
    used += separator.length + item.length;
  }
  return [...shown, more(items.length - shown.length)];
}
