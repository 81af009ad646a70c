/**
 * Which part of MAINTAINERS.md a line is in, and whether that part lists current maintainers (docs/architecture.md,
 * "Reading MAINTAINERS.md"). Headings nest by level; a bold or colon label (`**Emeritus**`, `Former:`) starts
 * an excluded part of its own until the next heading or label, or, as a list item, over the lines indented
 * deeper than it; a line led by such a label ("Emeritus: @a, @b") is left out by itself.
 */
import { namesMaintainers, namesOthers } from "./role-words.js";
import { displayName, type Heading, type Label, type VisibleLine } from "./visible-lines.js";

interface OpenHeading {
  level: number;
  name: string;
  /** Names former or non-maintainer people: its section is left out. */
  others: boolean;
  /** Names the current maintainers. */
  maintainers: boolean;
  /** The heading `section:` asked for. */
  wanted: boolean;
}

/** Why a line's handles don't count because of where the line is; null when its place is fine. */
export type PlaceReason = string | null;

export const keyOf = (s: string): string => displayName(s).toLowerCase();

/** Longer names are cut in reasons: a heading may be a megabyte long, and its reason is kept for each handle under it. */
const MAX_QUOTED_CHARS = 100;

/** `“Emeritus”`, as a reason quotes a heading or label. */
export const quote = (name: string): string => `“${name.length <= MAX_QUOTED_CHARS ? name : `${name.slice(0, MAX_QUOTED_CHARS - 1)}…`}”`;

export class MaintainerSections {
  private readonly stack: OpenHeading[] = [];
  private pseudo: Label | null = null;
  /** `headingReason()` until the next heading. */
  private cached: { reason: PlaceReason } | null = null;
  private wantedFound = false;
  private firstMaintainers: string | null = null;
  /** Headings and labels whose parts were left out, in order, for display. */
  readonly skipped: string[] = [];

  /** `wanted`: the heading `section:` names (its key, and as configured), or null to read the whole file. */
  constructor(private readonly wanted: { key: string; shown: string } | null) {}

  /** Whether `section:` was asked for and found. */
  get found(): boolean {
    return this.wanted === null || this.wantedFound;
  }

  /**
   * Without `section:`, the first heading that names the current maintainers and is not inside a left-out
   * section, if any: then only its sections (and those of other such headings) count.
   */
  get maintainersHeading(): string | null {
    return this.firstMaintainers;
  }

  /** Whether the current line is under a heading that names the current maintainers. */
  get underMaintainers(): boolean {
    return this.stack.some((h) => h.maintainers);
  }

  heading(heading: Heading): void {
    this.pseudo = null;
    this.cached = null;
    while ((this.stack.at(-1)?.level ?? 0) >= heading.level) this.stack.pop();
    const wanted = this.wanted !== null && !this.wantedFound && keyOf(heading.name) === this.wanted.key;
    if (wanted) this.wantedFound = true;
    const outerReason = this.headingReason();
    const others = !wanted && namesOthers(heading.name);
    const maintainers = !wanted && namesMaintainers(heading.name);
    this.stack.push({ level: heading.level, name: heading.name, others, maintainers, wanted });
    this.cached = null;
    if (others && outerReason === null) this.skipped.push(heading.name);
    if (maintainers && outerReason === null && this.wanted === null) this.firstMaintainers ??= heading.name;
  }

  /** Why a line is left out by its headings and the label it is under; null when it is not. */
  reason(): PlaceReason {
    return this.headingReason() ?? (this.pseudo === null ? null : `listed under ${quote(this.pseudo.name)}`);
  }

  /** Why a line is left out by its headings alone. */
  private headingReason(): PlaceReason {
    if (this.cached !== null) return this.cached.reason;
    let from = 0;
    let reason: PlaceReason = null;
    if (this.wanted !== null) from = this.stack.findIndex((h) => h.wanted) + 1;
    if (this.wanted !== null && from === 0) reason = `outside section ${quote(this.wanted.shown)}`;
    for (let i = from; i < this.stack.length && reason === null; i++) {
      const h = this.stack[i];
      if (h?.others) reason = `in section ${quote(h.name)}`;
    }
    this.cached = { reason };
    return reason;
  }

  /**
   * Reads the labels of a line that is neither a heading nor a table row, and says why the line is left out
   * (`labelled`: by a label naming others that it is or starts with, so it is not part of the entry above it).
   */
  line(line: VisibleLine): { reason: PlaceReason; labelled: boolean } {
    if (this.pseudo !== null && !line.blank && line.indent <= this.pseudo.scope) this.pseudo = null;
    const { label, leadLabel } = line;
    if (label !== null && this.headingReason() === null) {
      this.pseudo = namesOthers(label.name) ? label : null;
      if (this.pseudo !== null) this.skipped.push(label.name);
      return { reason: this.reason(), labelled: this.pseudo !== null };
    }
    if (leadLabel === null || !namesOthers(leadLabel)) return { reason: this.reason(), labelled: false };
    const reason = this.reason();
    if (reason === null) this.skipped.push(leadLabel);
    return { reason: reason ?? `listed under ${quote(leadLabel)}`, labelled: true };
  }
}
