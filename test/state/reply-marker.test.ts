import { describe, expect, it } from "@jest/globals";
import type { AppComment } from "../../src/state/announcement-marker.js";
import { replyDue, replyMarker, type Refusal } from "../../src/state/reply-marker.js";
import { deriveMarkerKey } from "../../src/state/signed-marker.js";

const key = deriveMarkerKey({ secret: "secret-one" });
const scope = { threadId: 1007 };
const T0 = "2026-11-22T10:00:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const reply = (params: { id: number; to: number; refused: string | null; minutes: number; s?: typeof scope; k?: typeof key }): AppComment => ({
  id: params.id,
  body: `A reply.\n\n${replyMarker({ key: params.k ?? key, scope: params.s ?? scope, to: params.to, refused: params.refused })}`,
  createdAt: at(params.minutes),
  updatedAt: at(params.minutes),
  url: `u${params.id}`,
});
const zoe = (minutes: number): Refusal => ({ login: "zoe", writtenAt: at(minutes) });

describe("replyDue: once per comment, and a refusal at most once an hour per person", () => {
  const rows: Array<[string, AppComment[], number, Refusal | null, boolean]> = [
    ["nothing said yet: reply", [], 5, zoe(0), true],
    ["a redelivered command already answered: no second reply", [reply({ id: 1, to: 5, refused: null, minutes: 0 })], 5, null, false],
    ["refused 59 minutes before: not again", [reply({ id: 1, to: 4, refused: "zoe", minutes: 0 })], 5, zoe(59), false],
    ["refused an hour before: again", [reply({ id: 1, to: 4, refused: "zoe", minutes: 0 })], 5, zoe(60), true],
    ["the same person in another case", [reply({ id: 1, to: 4, refused: "zoe", minutes: 0 })], 5, { login: "@ZOE", writtenAt: at(1) }, false],
    ["a late command, refused after it was written: not again", [reply({ id: 1, to: 6, refused: "zoe", minutes: 30 })], 5, zoe(0), false],
    ["someone else was refused: reply", [reply({ id: 1, to: 4, refused: "mallory", minutes: 0 })], 5, zoe(1), true],
    ["an answer that was no refusal doesn't count", [reply({ id: 1, to: 4, refused: null, minutes: 0 })], 5, zoe(1), true],
    ["a reply that isn't a refusal is never limited", [reply({ id: 1, to: 4, refused: "zoe", minutes: 0 })], 5, null, true],
    ["a marker of another thread doesn't count", [reply({ id: 1, to: 4, refused: "zoe", minutes: 0, s: { threadId: 9 } })], 5, zoe(1), true],
    [
      "a marker signed with another key doesn't count",
      [reply({ id: 1, to: 4, refused: "zoe", minutes: 0, k: deriveMarkerKey({ secret: "forger" }) })],
      5,
      zoe(1),
      true,
    ],
  ];
  it.each(rows)("%s", (_name, comments, to, refusal, due) => {
    expect(replyDue({ key, scope, comments, to, refusal })).toBe(due);
  });
});
