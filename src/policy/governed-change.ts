import { pathMatchesRule } from "./match-rules.js";
import type { RuleMatch, Symlink } from "./types.js";

/**
 * Which changed paths count as a change to what rule `match` is voting on,
 * for `reset-approvals` and `restart`: every file governed by a rule that
 * applies to the PR (an approval is of the whole governed change), and, for a
 * rule that applies through a label or has no paths, any file at all: the
 * label puts the whole PR under the rule. A path is governed where the
 * default branch's `links` show it, too (pathMatchesRule).
 */
export function governedChange(params: { match: RuleMatch; matches: RuleMatch[]; links: readonly Symlink[] }): (path: string) => boolean {
  const { match, matches, links } = params;
  if (match.matchedBy.labels.length > 0 || match.rule.paths.length === 0) return () => true;
  return (path) => matches.some((m) => pathMatchesRule({ rule: m.rule, path, links }));
}
