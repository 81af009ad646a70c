import { compileGlob, type CompiledGlob } from "../config/path-globs.js";
import type { Rule } from "../config/types.js";
import { linkedPaths } from "./symlinks.js";
import type { ChangedFile, RuleMatch, Symlink } from "./types.js";

/**
 * Whether a path is governed by a rule's globs: case-insensitively, dotfiles
 * included, erring toward governing more (docs/architecture.md,
 * "Configuration"). The globs were compiled when the config was read. With
 * the default branch's `links`, a path is also governed where GitHub shows
 * it through a link (linkedPaths), and a link that is itself a folder the
 * rule governs something in is governed: retargeting it changes all of it.
 */
export function pathMatchesRule(params: { rule: Rule; path: string; links?: readonly Symlink[] }): boolean {
  return governedBy({
    globs: params.rule.paths.map(compileGlob),
    path: params.path,
    aliases: linkedPaths({ path: params.path, links: params.links ?? [] }),
    links: params.links ?? [],
  });
}

function governedBy(params: { globs: CompiledGlob[]; path: string; aliases: readonly string[]; links: readonly Symlink[] }): boolean {
  const { globs, path } = params;
  if (params.aliases.some((alias) => globs.some((glob) => glob.matches(alias)))) return true;
  return params.links.some((l) => l.link === path) && globs.some((glob) => glob.mayHold(path));
}

/**
 * Every rule that applies to a PR; all of them must pass. A rule matches when
 * any changed path (a renamed file's old name and deleted files included)
 * matches its globs, or the PR carries one of its labels: labels only add.
 *
 * When the file list is incomplete (GitHub lists at most 3,000 files), every
 * rule with paths matches: an unseen file could be governed. `links` are the
 * default branch's symbolic links (see pathMatchesRule); none when they can't
 * matter (linksMayMatter).
 */
export function matchRules(params: { rules: Rule[]; files: ChangedFile[]; filesComplete: boolean; labels: string[]; links?: readonly Symlink[] }): RuleMatch[] {
  const links = params.links ?? [];
  const paths = params.files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path]));
  const aliases = new Map(paths.map((path) => [path, linkedPaths({ path, links })]));
  const labels = new Set(params.labels.map((l) => l.toLowerCase()));
  const matches: RuleMatch[] = [];
  for (const rule of params.rules) {
    const globs = rule.paths.map(compileGlob);
    const matchedPaths = paths.filter((path) => governedBy({ globs, path, aliases: aliases.get(path) ?? [path], links }));
    const matchedLabels = rule.labels.filter((l) => labels.has(l.toLowerCase()));
    const incompleteFiles = !params.filesComplete && rule.paths.length > 0;
    if (matchedPaths.length > 0 || matchedLabels.length > 0 || incompleteFiles) {
      matches.push({
        rule,
        matchedBy: { paths: [...new Set(matchedPaths)], labels: matchedLabels, incompleteFiles },
      });
    }
  }
  return matches;
}
