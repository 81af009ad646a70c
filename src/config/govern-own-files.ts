import { CONFIG_PATH } from "../constants.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import { compileGlob } from "./path-globs.js";
import type { Rule, Threshold } from "./types.js";

/**
 * The config can never leave the files that define the rules open: the config
 * file itself, and the maintainers file that says who votes (merging a change
 * to it would add voters to every later vote). For each of them that no
 * rule's paths match, the strictest rule also governs it; with no rules at all
 * the default charter rule does, restricted to those files. Returns new rules;
 * the input is not changed.
 */
export function governOwnFiles(params: { rules: readonly Rule[]; maintainersFile: string | null }): Rule[] {
  const copies = params.rules.map((rule) => ({ ...rule, paths: [...rule.paths], labels: [...rule.labels] }));
  const own = [CONFIG_PATH, ...(params.maintainersFile ? [params.maintainersFile] : [])];
  const open = own.filter((path) => !copies.some((rule) => rule.paths.some((pattern) => governs({ path, pattern }))));
  if (open.length === 0) return copies;

  const strictest = copies.reduce<Rule | null>((best, rule) => (best === null || stricter({ a: rule, than: best }) ? rule : best), null);
  if (strictest !== null) {
    strictest.paths.push(...open);
    return copies;
  }
  const charter = DEFAULT_CONFIG.rules.find((rule) => rule.name === "charter");
  if (charter === undefined) throw new Error("the default rules have no charter rule to govern the config file with");
  return [{ ...charter, name: "config", paths: open, labels: [] }];
}

/** Paths match as everywhere in Gavel: case-insensitively, dotfiles included, erring toward governing. */
function governs(params: { path: string; pattern: string }): boolean {
  return compileGlob(params.pattern).matches(params.path);
}

/** Strictly stricter: a higher threshold, then a longer discussion; a tie keeps the earlier rule. */
function stricter(params: { a: Rule; than: Rule }): boolean {
  const { a, than } = params;
  const difference = strictness(a.approvals) - strictness(than.approvals);
  if (difference !== 0) return difference > 0;
  return a.discussionMs > than.discussionMs;
}

/** Yes votes required out of a reference electorate of 100; lazy consensus needs none. */
const REFERENCE_N = 100;

function strictness(threshold: Threshold): number {
  switch (threshold.kind) {
    case "unanimous":
      return REFERENCE_N;
    case "fraction":
      return Math.ceil((threshold.numerator * REFERENCE_N) / threshold.denominator);
    case "majority":
      return Math.floor(REFERENCE_N / 2) + 1;
    case "count":
      // Capped at N: a count no electorate of 100 can meet is not made "stricter" than unanimity by its size.
      return Math.min(threshold.count, REFERENCE_N);
    case "lazy-consensus":
      return 0;
  }
}
