import { describe, expect, it } from "@jest/globals";
import type { Threshold } from "../../src/config/types.js";
import { thresholdMath } from "../../src/policy/threshold-math.js";

const twoThirds: Threshold = { kind: "fraction", numerator: 2, denominator: 3 };
const majority: Threshold = { kind: "majority" };
const unanimous: Threshold = { kind: "unanimous" };
const four: Threshold = { kind: "count", count: 4 };

// Required yes votes for N = 1..10, worked out by hand from the definitions in docs/architecture.md ("Threshold arithmetic").
const table: Array<[string, Threshold, number[]]> = [
  ["2/3: ⌈2N/3⌉", twoThirds, [1, 2, 2, 3, 4, 4, 5, 6, 6, 7]],
  ["majority: ⌊N/2⌋+1", majority, [1, 2, 2, 3, 3, 4, 4, 5, 5, 6]],
  ["unanimous: N", unanimous, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
  ["count 4", four, [4, 4, 4, 4, 4, 4, 4, 4, 4, 4]],
  ["3/4", { kind: "fraction", numerator: 3, denominator: 4 }, [1, 2, 3, 3, 4, 5, 6, 6, 7, 8]],
  ["1/2 (half, not majority)", { kind: "fraction", numerator: 1, denominator: 2 }, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]],
];

describe("thresholdMath", () => {
  for (const [name, threshold, expected] of table) {
    it.each(expected.map((required, i) => [i + 1, required]))(`${name} at N=%i needs %i`, (n, required) => {
      const math = thresholdMath({ threshold, electorateSize: n });
      expect(math.required).toBe(required);
      expect(math.possible).toBe(required <= n);
    });
  }

  it("a count above N can't pass", () => {
    expect(thresholdMath({ threshold: four, electorateSize: 3 })).toEqual({ threshold: four, electorateSize: 3, required: 4, possible: false });
  });

  it("nothing passes with an empty electorate", () => {
    for (const threshold of [twoThirds, majority, unanimous, four, { kind: "lazy-consensus" } as const]) {
      expect(thresholdMath({ threshold, electorateSize: 0 }).possible).toBe(false);
    }
  });

  it("lazy consensus needs no yes", () => {
    expect(thresholdMath({ threshold: { kind: "lazy-consensus" }, electorateSize: 5 }).required).toBe(0);
  });
});
