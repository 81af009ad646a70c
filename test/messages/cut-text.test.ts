import { describe, expect, it } from "@jest/globals";
import { cutSummary } from "../../src/messages/check-report.js";
import { prefixWithinBytes, prefixWithinUnits, utf8Bytes } from "../../src/messages/cut-text.js";

describe("prefixWithinBytes", () => {
  const cases: Array<[string, string, number, string]> = [
    ["ASCII: one byte a character", "abcdef", 4, "abcd"],
    ["all of it when it fits", "abc", 10, "abc"],
    ["nothing for no room", "abc", 0, ""],
    ["CJK: three bytes a character, never half of one", "議事録", 7, "議事"],
    ["an emoji takes four bytes: not split", "a😀b", 4, "a"],
    ["an emoji that fits whole", "a😀b", 5, "a😀"],
    ["accented Latin: two bytes", "éé", 3, "é"],
  ];
  it.each(cases)("%s", (_name, text, bytes, expected) => {
    const got = prefixWithinBytes({ text, bytes });
    expect(got).toBe(expected);
    expect(utf8Bytes(got)).toBeLessThanOrEqual(bytes);
  });
});

describe("prefixWithinUnits", () => {
  const cases: Array<[string, string, number, string]> = [
    ["cuts at the count", "abcdef", 3, "abc"],
    ["keeps all that fits", "abc", 3, "abc"],
    ["one fewer rather than half a surrogate pair", "ab😀", 3, "ab"],
    ["a whole pair within the count", "ab😀c", 4, "ab😀"],
    ["nothing for a negative room", "abc", -2, ""],
  ];
  it.each(cases)("%s", (_name, text, units, expected) => {
    expect(prefixWithinUnits({ text, units })).toBe(expected);
  });
});

describe("cutSummary", () => {
  it("keeps a summary within its bytes, the note included, whatever its characters", () => {
    for (const char of ["a", "é", "議", "😀"]) {
      const text = char.repeat(70_000);
      const cut = cutSummary({ text, maxBytes: 60_000 });
      expect(utf8Bytes(cut)).toBeLessThanOrEqual(60_000);
      expect(cut).toMatch(/…\(cut: the full summary exceeded GitHub's limit\)$/);
      expect(cut.startsWith(char.repeat(10))).toBe(true);
      // No half of a pair anywhere: the string round-trips through UTF-8.
      expect(new TextDecoder().decode(new TextEncoder().encode(cut))).toBe(cut);
    }
  });

  it("leaves a summary within the limit as it is", () => {
    expect(cutSummary({ text: "議".repeat(20_000), maxBytes: 60_000 })).toBe("議".repeat(20_000));
  });
});
