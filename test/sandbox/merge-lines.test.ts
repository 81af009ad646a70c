import { describe, expect, it } from "@jest/globals";
import { mergeLines } from "../../sandbox/model/merge-lines.js";

const text = (...lines: string[]) => `${lines.join("\n")}\n`;

describe("mergeLines", () => {
  it.each([
    ["only ours changed", text("a", "b", "c"), text("a", "B", "c"), text("a", "b", "c"), text("a", "B", "c")],
    ["only theirs changed", text("a", "b", "c"), text("a", "b", "c"), text("a", "b", "C"), text("a", "b", "C")],
    ["both, different lines", text("a", "b", "c", "d"), text("A", "b", "c", "d"), text("a", "b", "c", "D"), text("A", "b", "c", "D")],
    ["both added at different places", text("a", "b"), text("x", "a", "b"), text("a", "b", "y"), text("x", "a", "b", "y")],
    ["both made the same change", text("a", "b"), text("a", "B"), text("a", "B"), text("a", "B")],
    ["both changed the same line differently: a conflict", text("a", "b", "c"), text("a", "X", "c"), text("a", "Y", "c"), null],
    ["a removal on one side, an edit beside it on the other", text("a", "b", "c", "d"), text("a", "c", "d"), text("a", "b", "c", "D"), text("a", "c", "D")],
  ])("%s", (_name, base, ours, theirs, merged) => {
    expect(mergeLines({ base, ours, theirs })).toBe(merged);
  });
});
