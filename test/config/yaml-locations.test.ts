import { describe, expect, it } from "@jest/globals";
import { locateYamlKeys, parentKey } from "../../src/config/yaml-locations.js";

const SOURCE = [
  "# governance", // 1
  "maintainers:", // 2
  "  teams: [core]", // 3
  "rules:", // 4
  "  - name: charter", // 5
  "    paths:", // 6
  "      - GOVERNANCE.md", // 7
  "  - {name: docs, approvals: 2/3}", // 8
  "votes:", // 9
  "  types:", // 10
  "    removal:", // 11
  '      approvals: "2/3"', // 12
  "", // 13
].join("\n");

describe("locateYamlKeys", () => {
  const locate = locateYamlKeys(SOURCE);
  it.each<[string, number | null]>([
    ["maintainers", 2],
    ["maintainers.teams", 3],
    ["maintainers.teams[0]", 3],
    ["rules", 4],
    ["rules[0]", 5],
    ["rules[0].name", 5],
    ["rules[0].paths", 6],
    ["rules[0].paths[0]", 7],
    ["rules[1]", 8],
    ["rules[1].approvals", 8],
    ["votes.types.removal", 11],
    ["votes.types.removal.approvals", 12],
    // Keys the source doesn't have point at their nearest written ancestor.
    ["votes.types.removal.duration", 11],
    ["rules[0].approvals", 5],
    ["votes.close_early", 9],
    ["nothing.here", null],
  ])("%s is on line %p", (key, line) => {
    expect(locate(key)).toBe(line);
  });

  it("counts CRLF and CR line breaks", () => {
    expect(locateYamlKeys("a: 1\r\nb: 2\r\nc: 3\n")("c")).toBe(3);
  });

  it("locates nothing in an empty document", () => {
    expect(locateYamlKeys("")("rules")).toBeNull();
  });
});

describe("parentKey", () => {
  it.each<[string, string | null]>([
    ["rules[1].approvals", "rules[1]"],
    ["rules[1]", "rules"],
    ["votes.types.removal", "votes.types"],
    ["rules", ""],
    ["", null],
  ])("%p -> %p", (key, parent) => {
    expect(parentKey(key)).toBe(parent);
  });
});
