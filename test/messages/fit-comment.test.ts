import { describe, expect, it } from "@jest/globals";
import { MAX_COMMENT_CHARS } from "../../src/comment-limits.js";
import { fitComment, listSome } from "../../src/messages/fit-comment.js";

describe("listSome", () => {
  const items = ["@alice", "@bob", "@carol", "@dave"];
  it.each([
    ["all, within both bounds", { max: 4, room: 100 }, ["@alice", "@bob", "@carol", "@dave"]],
    ["the first `max`", { max: 2 }, ["@alice", "@bob", "and 2 more"]],
    // "@alice, @bob, and 2 more" is 24 characters.
    ["what fits the room, the summary included", { max: 4, room: 24 }, ["@alice", "@bob", "and 2 more"]],
    ["nothing but the summary when the room is tiny", { max: 4, room: 3 }, ["and 4 more"]],
  ])("%s", (_name, bounds, expected) => {
    const listed = listSome({ items, ...bounds });
    expect(listed).toEqual(expected);
  });

  it("thousands are written with separators", () => {
    expect(listSome({ items: Array.from({ length: 3000 }, (_, i) => `@m${i}`), max: 1 }).at(-1)).toBe("and 2,999 more");
  });
});

describe("fitComment", () => {
  const marker = `<!-- gavel:vote ${"x".repeat(40_000)} -->`;
  it("leaves a comment within the limit as it is", () => {
    expect(fitComment({ visible: "text", marker, what: "vote comment" })).toBe(`text\n\n${marker}`);
  });
  it("cuts the text at a line break, never the marker, to exactly fit", () => {
    const visible = Array.from({ length: 2_000 }, (_, i) => `| @m${i} | ⏳ not yet |`).join("\n");
    const body = fitComment({ visible, marker, what: "vote comment" });
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body.endsWith(`…(cut: the full vote comment exceeded GitHub's comment limit)\n\n${marker}`)).toBe(true);
    expect(
      body
        .split("\n")
        .filter((l) => l.startsWith("| @"))
        .every((l) => l.endsWith("⏳ not yet |")),
    ).toBe(true);
  });
});
