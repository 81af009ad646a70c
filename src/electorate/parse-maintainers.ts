/**
 * Reads the GitHub handles of a project's current maintainers from MAINTAINERS.md (docs/architecture.md, "Reading
 * MAINTAINERS.md"), and says of every other handle the file names why it does not count. Pure and linear in
 * the input, so a hostile multi-megabyte file cannot stall a webhook. `visibleLines` hides code and comments
 * and recognizes headings and labels, `MaintainerSections` tells which part of the file a line is in,
 * `MaintainerEntries` which entry (row, list item, heading, paragraph) and whether it is struck through or
 * says "Emeritus", `markDetails` what `<details>` hides. Bots are not filtered here.
 */
import { LineMarks, markDetails } from "./inline-marks.js";
import { MaintainerEntries } from "./maintainer-entries.js";
import { keyOf, MaintainerSections, quote } from "./maintainer-sections.js";
import { tableAt, type Table } from "./table-rows.js";
import { visibleLines } from "./visible-lines.js";

/** A handle the file names that is not a current maintainer, where it first appears and why it is left out. */
export interface LeftOutHandle {
  /** Without '@', as first spelled. */
  handle: string;
  /** 1-based line in the file. */
  line: number;
  /** Shown to maintainers: "in section “Emeritus”", "struck through", "in prose, not a list or table", … */
  reason: string;
}

export interface ParsedMaintainers {
  /** Handles in order of first appearance, original spelling, de-duplicated case-insensitively, without '@'. */
  handles: string[];
  /** Headings and labels whose sections were left out (e.g. "Emeritus"), in order, for display. */
  skippedSections: string[];
  /** Set when `section` was requested but no heading matched it (then handles is empty). */
  missingSection: string | null;
  /** Every other handle the file names, once, in order of first appearance; none of them is in `handles`. */
  leftOut: LeftOutHandle[];
}

/**
 * Handles of the current maintainers in `markdown`: those in table rows, list items and headings (and in the
 * one-line lead-in of a list), not struck through, not inside `<details>`, whose entry gives no former status.
 * With `section`, only the section under the first heading whose name matches it (case-insensitive, leading
 * '#'s ignored) is read, its sub-headings included. Without it, when a heading names the current maintainers
 * ("Maintainers", "Core maintainers"), only the sections of such headings are read. Either way sections whose
 * heading or label names former or non-maintainer roles are left out, unless it is the requested section itself.
 */
export function parseMaintainers(params: { markdown: string; section?: string | null }): ParsedMaintainers {
  const lines = visibleLines(params.markdown);
  const asked = (params.section ?? "").replace(/^\s*#+/, "");
  const sections = new MaintainerSections(keyOf(asked) === "" ? null : { key: keyOf(asked), shown: (params.section ?? "").trim() });
  const entries = new MaintainerEntries();
  let table: Table | null = null;
  let details = 0; // how many <details> blocks are open
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) break;
    const marks = new LineMarks(line.text.length);
    details = markDetails({ text: line.text, depth: details, marks });
    if (table !== null && line.atx === null && line.text.includes("|")) {
      entries.row({ line, marks, table, place: sections.reason(), underMaintainers: sections.underMaintainers });
      continue;
    }
    table = null;
    const heading = line.atx ?? line.setext;
    if (line.setext !== null) i++; // its underline
    if (heading !== null) {
      sections.heading(heading);
      entries.heading({ line, marks, place: sections.reason(), underMaintainers: sections.underMaintainers });
      continue;
    }
    const { reason, labelled } = sections.line(line);
    const place = { place: reason, underMaintainers: sections.underMaintainers };
    table = tableAt({ text: line.text, next: lines[i + 1]?.text });
    if (table === null) {
      entries.line({ line, marks, labelled, ...place });
      continue;
    }
    i++; // the delimiter row
    entries.table();
    if (table.handleCols.length === 0) entries.row({ line, marks, table, ...place });
  }
  entries.finish();
  // When `section` was not found, every line was outside it: nothing counts and everything is left out.
  const outside = sections.maintainersHeading === null ? null : `outside section ${quote(sections.maintainersHeading)}`;
  const counted = new Map<string, string>();
  const leftOut = new Map<string, LeftOutHandle>();
  for (const s of entries.sightings) {
    const key = s.handle.toLowerCase();
    const reason = s.place ?? (s.underMaintainers ? null : outside) ?? s.entry;
    if (reason === null) counted.set(key, counted.get(key) ?? s.handle);
    else if (!leftOut.has(key)) leftOut.set(key, { handle: s.handle, line: s.line, reason });
  }
  return {
    handles: [...counted.values()],
    skippedSections: sections.found ? sections.skipped : [],
    missingSection: sections.found ? null : (params.section ?? "").trim(),
    leftOut: [...leftOut.values()].filter((h) => !counted.has(h.handle.toLowerCase())),
  };
}
