import { describe, expect, it } from "@jest/globals";
import { closestKey, editDistance } from "../../src/config/closest-key.js";

const RULE_KEYS = ["name", "paths", "labels", "approvals", "discussion", "author_counts", "on_change"];

describe("closestKey", () => {
  it.each<[string, string | null]>([
    ["aprovals", "approvals"],
    ["Approvals", "approvals"],
    ["path", "paths"],
    ["lables", "labels"],
    ["onchange", "on_change"],
    ["author-counts", "author_counts"],
    ["discuss", "discussion"],
    ["colour", null],
    ["x", null],
    ["votes", null],
  ])("%p -> %p", (key, expected) => {
    expect(closestKey({ key, allowed: RULE_KEYS })).toBe(expected);
  });
});

describe("editDistance", () => {
  it.each<[string, string, number]>([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["lables", "labels", 1],
    ["approvals", "approvals", 0],
  ])("%p to %p is %p", (a, b, distance) => {
    expect(editDistance({ a, b })).toBe(distance);
  });
});
