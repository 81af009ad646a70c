import { EVENT_ID, getScalarValue, parseEvents } from "js-yaml";
import type { Event } from "js-yaml";

/**
 * Lines of keys in a YAML source, so a config problem can name the line to fix.
 * Key paths are written as the validators write them: `maintainers.teams`,
 * `rules[1].approvals`, `votes.types.removal`. Only the first document is read.
 */

/** 1-based line of a key path, or of its nearest ancestor written in the source; null if none. */
export type KeyLineLocator = (key: string) => number | null;

/** Throws js-yaml's YAMLException if `text` is not valid YAML; parse it first. */
export function locateYamlKeys(text: string): KeyLineLocator {
  const lines = new Map<string, number>();
  const lineStarts = computeLineStarts(text);
  const walker: Walker = { text, events: parseEvents(text, {}), index: 0, lines, lineStarts };
  const first = walker.events[0];
  if (first !== undefined && first.type === EVENT_ID.DOCUMENT) {
    walker.index = 1;
    if (walker.events[1]?.type !== EVENT_ID.POP) walkNode({ walker, path: "" });
  }
  return (key) => {
    for (let current: string | null = key; current !== null; current = parentKey(current)) {
      const line = lines.get(current);
      if (line !== undefined) return line;
    }
    return null;
  };
}

/** `rules[1].approvals` -> `rules[1]` -> `rules` -> `` (the document) -> null. */
export function parentKey(key: string): string | null {
  if (key === "") return null;
  const cut = Math.max(key.lastIndexOf("."), key.endsWith("]") ? key.lastIndexOf("[") : -1);
  return cut <= 0 ? "" : key.slice(0, cut);
}

interface Walker {
  text: string;
  events: Event[];
  index: number;
  lines: Map<string, number>;
  lineStarts: number[];
}

/**
 * Consumes the events of one node starting at `walker.index`. `path` null means
 * the node sits under a complex (non-scalar) key that no key path can name.
 */
function walkNode(params: { walker: Walker; path: string | null }): void {
  const { walker, path } = params;
  const event = walker.events[walker.index];
  walker.index += 1;
  if (event === undefined) return;
  if (event.type === EVENT_ID.SEQUENCE) {
    for (let item = 0; !atPop(walker); item += 1) {
      const itemPath = path === null ? null : `${path}[${item}]`;
      record({ walker, path: itemPath, event: walker.events[walker.index] });
      walkNode({ walker, path: itemPath });
    }
    walker.index += 1;
  } else if (event.type === EVENT_ID.MAPPING) {
    while (!atPop(walker)) {
      const keyEvent = walker.events[walker.index];
      const name = keyEvent?.type === EVENT_ID.SCALAR ? getScalarValue(walker.text, keyEvent) : null;
      walkNode({ walker, path: null });
      const childPath = path === null || name === null ? null : path === "" ? name : `${path}.${name}`;
      record({ walker, path: childPath, event: keyEvent });
      walkNode({ walker, path: childPath });
    }
    walker.index += 1;
  }
}

function atPop(walker: Walker): boolean {
  const event = walker.events[walker.index];
  return event === undefined || event.type === EVENT_ID.POP;
}

function record(params: { walker: Walker; path: string | null; event: Event | undefined }): void {
  const { walker, path, event } = params;
  if (path === null || event === undefined || walker.lines.has(path)) return;
  const offset = startOffset(event);
  if (offset !== null) walker.lines.set(path, lineAt({ lineStarts: walker.lineStarts, offset }));
}

/** Where a node starts, its anchor or tag included; null for an empty scalar, which has no text. */
function startOffset(event: Event): number | null {
  const candidates: number[] = [];
  if (event.type === EVENT_ID.SCALAR) candidates.push(event.valueStart, event.anchorStart, event.tagStart);
  else if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) {
    candidates.push(event.start, event.anchorStart, event.tagStart);
  } else if (event.type === EVENT_ID.ALIAS) candidates.push(event.anchorStart);
  const present = candidates.filter((offset) => offset >= 0);
  return present.length === 0 ? null : Math.min(...present);
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    // YAML breaks lines at LF, CRLF and a lone CR alike.
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line containing `offset`, by binary search over line starts. */
function lineAt(params: { lineStarts: number[]; offset: number }): number {
  const { lineStarts, offset } = params;
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}
