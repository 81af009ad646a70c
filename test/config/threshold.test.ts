import { describe, expect, it } from "@jest/globals";
import { formatThreshold, parseThreshold } from "../../src/config/threshold.js";
import type { Threshold } from "../../src/config/types.js";

describe("parseThreshold", () => {
  it.each<[unknown, Threshold]>([
    ["2/3", { kind: "fraction", numerator: 2, denominator: 3 }],
    [" 1 / 2 ", { kind: "fraction", numerator: 1, denominator: 2 }],
    ["3/3", { kind: "fraction", numerator: 3, denominator: 3 }],
    ["67/100", { kind: "fraction", numerator: 67, denominator: 100 }],
    ["majority", { kind: "majority" }],
    ["Unanimous", { kind: "unanimous" }],
    ["lazy-consensus", { kind: "lazy-consensus" }],
    [3, { kind: "count", count: 3 }],
    ["1", { kind: "count", count: 1 }],
  ])("accepts %p", (value, threshold) => {
    expect(parseThreshold(value)).toEqual({ ok: true, threshold });
  });

  it.each<[unknown, RegExp]>([
    [0, /at least 1/],
    ["0", /at least 1/],
    [-1, /at least 1/],
    [1.5, /whole number.*2\/3/],
    ["3/2", /more than all maintainers/],
    ["0/3", /at least 1/],
    ["2/0", /at least 1/],
    ["2/300", /at most 100/],
    ["abc", /`abc` is not a threshold.*`2\/3`/],
    ["66%", /percentages.*`2\/3`.*`33\/50`/],
    ["66.6%", /percentages.*`2\/3`/],
    [true, /expected a threshold/],
    [null, /expected a threshold/],
    [["2/3"], /expected a threshold/],
    ["lazy consensus", /not a threshold/],
  ])("rejects %p", (value, message) => {
    const result = parseThreshold(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("formatThreshold", () => {
  it.each<[Threshold, string]>([
    [{ kind: "fraction", numerator: 2, denominator: 3 }, "2/3"],
    [{ kind: "count", count: 4 }, "4"],
    [{ kind: "majority" }, "majority"],
    [{ kind: "lazy-consensus" }, "lazy-consensus"],
  ])("formats %p as %p", (threshold, text) => {
    expect(formatThreshold(threshold)).toBe(text);
  });
});
