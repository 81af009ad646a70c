import { compileGlob } from "../config/path-globs.js";
import type { Rule } from "../config/types.js";
import type { ChangedFile, RuleMatch } from "./types.js";

/**
 * Whether a path is governed by a rule's globs: case-insensitively, dotfiles
 * included, erring toward governing more (docs/architecture.md,
 * "Configuration"). The globs were compiled when the config was read.
 */
export function pathMatchesRule(params: { rule: Rule; path: string }): boolean {
  return params.rule.paths.some((glob) => compileGlob(glob).matches(params.path));
}

/**
 * Every rule that applies to a PR; all of them must pass. A rule matches when
 * any changed path (a renamed file's old name and deleted files included)
 * matches its globs, or the PR carries one of its labels: labels only add.
 *
 * When the file list is incomplete (GitHub lists at most 3,000 files), every
 * rule with paths matches: an unseen file could be governed.
 */
export function matchRules(params: {
  rules: Rule[];
  files: ChangedFile[];
  filesComplete: boolean;
  labels: string[];
}): RuleMatch[] {
  const paths = params.files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path]));
  const labels = new Set(params.labels.map((l) => l.toLowerCase()));
  const matches: RuleMatch[] = [];
  for (const rule of params.rules) {
    const globs = rule.paths.map(compileGlob);
    const matchedPaths = paths.filter((path) => globs.some((glob) => glob.matches(path)));
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
