import { describe, expect, it } from "@jest/globals";
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS, formatDuration, parseDuration } from "../../src/config/duration.js";

describe("parseDuration", () => {
  it.each([
    ["30m", 30 * MINUTE_MS],
    ["72h", 72 * HOUR_MS],
    ["14d", 14 * DAY_MS],
    ["2w", 2 * WEEK_MS],
    [" 7d ", 7 * DAY_MS],
    ["0", 0],
    ["0d", 0],
    [0, 0],
    ["365d", 365 * DAY_MS],
  ])("accepts %p", (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  it.each([
    ["-1d", /negative/],
    [-3, /negative/],
    ["1.5d", /whole number.*36h/],
    ["5s", /unknown unit `s`/],
    ["3M", /unknown unit `M`/],
    ["14", /no unit/],
    [14, /no unit/],
    ["", /empty/],
    ["two weeks", /not a duration/],
    ["53w", /longer than a year/],
    ["366d", /longer than a year/],
    ["99999999999999999999d", /longer than a year/],
  ])("rejects %p", (text, message) => {
    const result = parseDuration(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("formatDuration", () => {
  it.each([
    [14 * DAY_MS, "14d"],
    [72 * HOUR_MS, "3d"],
    [36 * HOUR_MS, "36h"],
    [2 * WEEK_MS, "14d"],
    [90 * MINUTE_MS, "90m"],
    [0, "0"],
    [1500, "1500ms"],
    [-2 * HOUR_MS, "-2h"],
  ])("formats %p as %p", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
