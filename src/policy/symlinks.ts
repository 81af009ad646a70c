import { compileGlob } from "../config/path-globs.js";
import type { Rule, Threshold } from "../config/types.js";
import type { ChangedFile, Symlink } from "./types.js";

/** Links followed from one path, at most; a longer chain is a loop or an attack, and its end is left unaliased. */
const MAX_LINK_HOPS = 8;

/**
 * A link's target as a path of the repository: git stores it relative to the
 * link's folder. Null when it leaves the repository (absolute, or above the
 * root), where no PR can change it.
 */
export function resolveLinkTarget(params: { link: string; text: string }): string | null {
  const text = params.text.trim();
  if (text === "" || text.startsWith("/")) return null;
  const parts = params.link.split("/").slice(0, -1);
  for (const part of text.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}

/**
 * `path`, and every path at which GitHub also shows it through `links`: a
 * link to it, a link to a folder that holds it, and links to those, up to
 * MAX_LINK_HOPS. Paths compare exactly, as git's do. Pure.
 */
export function linkedPaths(params: { path: string; links: readonly Symlink[] }): string[] {
  const found = [params.path];
  let frontier = [params.path];
  for (let hop = 0; hop < MAX_LINK_HOPS && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const path of frontier) {
      for (const { link, target } of params.links) {
        const alias = target === "" ? `${link}/${path}` : path === target ? link : path.startsWith(`${target}/`) ? `${link}${path.slice(target.length)}` : null;
        if (alias !== null && !found.includes(alias)) {
          found.push(alias);
          next.push(alias);
        }
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Whether a link at `path` could lead to a governed path: a rule's glob
 * matches it, or could match something in it, were it a folder. Pure.
 */
export function linkMayLead(params: { rules: readonly Rule[]; path: string }): boolean {
  return params.rules.some((rule) => rule.paths.some((glob) => compileGlob(glob).matches(params.path) || compileGlob(glob).mayHold(params.path)));
}

/**
 * Whether the default branch's links could change which rules apply to these
 * files, so that reading them (one read of the tree, cached) is worth it: only
 * when some changed path is not governed by a rule with paths, and no rule
 * that governs it asks at least as much (covers). Then a link leading to the
 * path could add that rule. Pure.
 */
export function linksMayMatter(params: { rules: readonly Rule[]; files: readonly ChangedFile[] }): boolean {
  const rules = params.rules.filter((rule) => rule.paths.length > 0);
  if (rules.length === 0) return false;
  const governs = (rule: Rule, path: string) => rule.paths.some((glob) => compileGlob(glob).matches(path));
  const paths = params.files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path]));
  return paths.some((path) => {
    const governing = rules.filter((rule) => governs(rule, path));
    return rules.some((rule) => !governing.includes(rule) && !governing.some((by) => covers({ by, rule })));
  });
}

/**
 * Whether rule `by` asks at least what `rule` asks of any PR: as strict a
 * threshold for every electorate, as long a discussion, as strict a reaction
 * to changes, and the author counted no more. A PR `by` governs then gains
 * nothing from `rule` governing it too.
 */
function covers(params: { by: Rule; rule: Rule }): boolean {
  const { by, rule } = params;
  const onChange = { keep: 0, "reset-approvals": 1, restart: 2 } as const;
  return (
    atLeast({ a: by.approvals, b: rule.approvals }) &&
    by.discussionMs >= rule.discussionMs &&
    onChange[by.onChange] >= onChange[rule.onChange] &&
    (rule.authorCounts || !by.authorCounts)
  );
}

/** Threshold `a` requires at least what `b` requires, whatever the electorate's size. */
function atLeast(params: { a: Threshold; b: Threshold }): boolean {
  const { a, b } = params;
  if (a.kind === "unanimous") return true;
  if (a.kind === "fraction" && b.kind === "fraction") return a.numerator * b.denominator >= b.numerator * a.denominator;
  // ⌈pN/q⌉ ≥ ⌊N/2⌋+1 for every N when p/q > 1/2, and the other way round when p/q ≤ 1/2.
  if (a.kind === "fraction" && b.kind === "majority") return 2 * a.numerator > a.denominator;
  if (a.kind === "majority" && b.kind === "fraction") return 2 * b.numerator <= b.denominator;
  if (a.kind === "count" && b.kind === "count") return a.count >= b.count;
  return a.kind === b.kind && (a.kind === "majority" || a.kind === "lazy-consensus");
}
