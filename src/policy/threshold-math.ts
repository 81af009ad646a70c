import type { Threshold } from "../config/types.js";
import type { ThresholdMath } from "./types.js";

/**
 * Yes votes a threshold needs out of N eligible voters (all of them, not the
 * votes cast). The arithmetic is docs/architecture.md's ("Threshold arithmetic") and is stated in every summary:
 * - `p/q`: ⌈p·N/q⌉, computed in integers so 2/3 of 6 is exactly 4;
 * - `majority`: ⌊N/2⌋+1, strictly more than half;
 * - `unanimous`: N;
 * - a count k: k, impossible when k > N;
 * - lazy consensus: no yes needed, but no objection either.
 */
export function thresholdMath(params: { threshold: Threshold; electorateSize: number }): ThresholdMath {
  const { threshold, electorateSize: n } = params;
  const required = requiredYes({ threshold, n });
  return { threshold, electorateSize: n, required, possible: n > 0 && required <= n };
}

function requiredYes(params: { threshold: Threshold; n: number }): number {
  const { threshold, n } = params;
  switch (threshold.kind) {
    case "fraction":
      return Math.floor((threshold.numerator * n + threshold.denominator - 1) / threshold.denominator);
    case "majority":
      return Math.floor(n / 2) + 1;
    case "unanimous":
      return n;
    case "count":
      return threshold.count;
    case "lazy-consensus":
      return 0;
  }
}
