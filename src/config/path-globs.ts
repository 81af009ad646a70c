import { minimatch, Minimatch } from "minimatch";

/**
 * What one glob of a rule's `paths` may be. A glob is code Gavel runs on
 * every changed path of every PR, so its size is bounded where the config is
 * read: `{a,b}` written 11 times expands to 2,048 patterns and took most of a
 * minute to match against a 3,000-file PR, and a longer one makes minimatch
 * throw. Real globs (`GOVERNANCE.md`, `docs/governance/**`,
 * `{GOVERNANCE,CHARTER}.md`) are far inside these.
 */
export const GLOB_LIMITS = {
  /** Characters in one glob. */
  maxLength: 200,
  /** Patterns one glob expands to, once its `{…}` alternatives are multiplied out. */
  maxPatterns: 32,
  /** `**` in any one of those patterns. */
  maxGlobstars: 4,
  /**
   * Patterns of all the rules together: Gavel matches each against every
   * changed path, and 256 of them take about 0.2 s on a 3,000-file PR.
   */
  maxConfigPatterns: 256,
} as const;

/** The limits in words, for the config reference. */
export const GLOB_LIMITS_DOC = `A glob may be at most ${GLOB_LIMITS.maxLength} characters, expand to at most ${GLOB_LIMITS.maxPatterns} patterns through its \`{…}\` alternatives, and hold at most ${GLOB_LIMITS.maxGlobstars} \`**\`; all the rules' globs together at most ${GLOB_LIMITS.maxConfigPatterns} patterns.`;

/** Case-insensitive and dot-matching, erring toward governing more (docs/architecture.md, "Configuration"). */
const OPTIONS = { nocase: true, dot: true } as const;

/** A glob compiled once, for every path it is matched against. */
export interface CompiledGlob {
  source: string;
  /** How many patterns its braces expand to (at most GLOB_LIMITS.maxPatterns). */
  patterns: number;
  matches(path: string): boolean;
  /** Whether a path below `folder` could match (minimatch's partial match). */
  mayHold(folder: string): boolean;
}

/**
 * What is wrong with a glob, or null: too long, too many patterns once its
 * braces are expanded (counted by minimatch's own expansion, stopped one past
 * the limit, so the count costs nothing however the braces multiply), too
 * many `**`, or something minimatch can't compile. Pure.
 */
export function globProblem(glob: string): string | null {
  return inspect(glob).problem;
}

/**
 * The glob, compiled once per process: a validated config's globs are
 * compiled when it is read (globProblem compiles them), and every match
 * after that reuses them. A glob over the limits is refused: validation
 * keeps them out of any config Gavel enforces.
 */
export function compileGlob(glob: string): CompiledGlob {
  const known = compiled.get(glob);
  if (known) return known;
  const { problem, glob: made } = inspect(glob);
  if (made === null) throw new Error(`the glob \`${shorten(glob)}\` can't be used: ${problem ?? "unknown problem"}`);
  return made;
}

/**
 * Distinct globs kept compiled; past this the memo starts over. Configs hold
 * a few dozen; a compiled glob takes about 4 KiB, 32 KiB at the limits.
 */
const MAX_COMPILED = 2_000;
const compiled = new Map<string, CompiledGlob>();

function inspect(glob: string): { problem: string | null; glob: CompiledGlob | null } {
  const refuse = (problem: string) => ({ problem, glob: null });
  if (glob.length > GLOB_LIMITS.maxLength) return refuse(`is ${glob.length} characters long; a glob may be at most ${GLOB_LIMITS.maxLength}`);
  const expanded = minimatch.braceExpand(glob, { braceExpandMax: GLOB_LIMITS.maxPatterns + 1 });
  if (expanded.length > GLOB_LIMITS.maxPatterns) {
    return refuse(
      `expands to more than ${GLOB_LIMITS.maxPatterns} patterns (its \`{…}\` alternatives multiply); list fewer alternatives, or the files themselves`,
    );
  }
  const globstars = Math.max(...expanded.map((pattern) => pattern.split("**").length - 1));
  if (globstars > GLOB_LIMITS.maxGlobstars) return refuse(`has ${globstars} \`**\`; a glob may have at most ${GLOB_LIMITS.maxGlobstars}`);
  let matcher: Minimatch;
  try {
    matcher = new Minimatch(glob, OPTIONS);
  } catch (error) {
    return refuse(`can't be read as a glob: ${error instanceof Error ? error.message : String(error)}`);
  }
  const made: CompiledGlob = {
    source: glob,
    patterns: expanded.length,
    matches: (path) => matcher.match(path),
    mayHold: (folder) => matcher.match(folder, true),
  };
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(glob, made);
  return { problem: null, glob: made };
}

/** The patterns of all these (valid) globs, which matching a path tries. */
export function countPatterns(globs: readonly string[]): number {
  return globs.reduce((sum, glob) => sum + compileGlob(glob).patterns, 0);
}

/** A glob as quoted in a message: a long one is cut. */
export function shorten(glob: string): string {
  return glob.length > 60 ? `${glob.slice(0, 57)}…` : glob;
}
