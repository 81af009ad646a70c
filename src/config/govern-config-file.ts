import { minimatch } from "minimatch";
import { CONFIG_PATH } from "../constants.js";
import { DEFAULT_RULES } from "./defaults.js";
import type { Rule, Threshold } from "./types.js";

/**
 * The config can never leave its own file open: if no rule's paths match
 * CONFIG_PATH, the strictest rule also governs it, and with no rules at all the
 * default charter rule does, restricted to that file. Returns new rules; the
 * input is not changed.
 */
export function governConfigFile(rules: readonly Rule[]): Rule[] {
  const copies = rules.map((rule) => ({ ...rule, paths: [...rule.paths], labels: [...rule.labels] }));
  if (copies.some((rule) => rule.paths.some((pattern) => governs(pattern)))) return copies;

  const strictest = copies.reduce<Rule | null>((best, rule) => (best === null || stricter({ a: rule, than: best }) ? rule : best), null);
  if (strictest !== null) {
    strictest.paths.push(CONFIG_PATH);
    return copies;
  }
  const charter = DEFAULT_RULES.find((rule) => rule.name === "charter");
  if (charter === undefined) throw new Error("DEFAULT_RULES has no charter rule to govern the config file with");
  return [{ ...charter, name: "config", paths: [CONFIG_PATH], labels: [] }];
}

/** Paths match as everywhere in Gavel: case-insensitively, dotfiles included, erring toward governing. */
function governs(pattern: string): boolean {
  return minimatch(CONFIG_PATH, pattern, { nocase: true, dot: true });
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
