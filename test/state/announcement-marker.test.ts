import { describe, expect, it } from "@jest/globals";
import { announcementMarker, readAnnouncements, type AppComment } from "../../src/state/announcement-marker.js";
import { deriveMarkerKey, markerKind, readMarker, writeMarker } from "../../src/state/signed-marker.js";

const key = deriveMarkerKey({ secret: "secret-one" });
const scope = { threadId: 1007 };
const comment = (id: number, body: string, createdAt: string, updatedAt = createdAt): AppComment => ({ id, body, createdAt, updatedAt, url: `u${id}` });
const marker = (seq: number, starts = ["charter"], s = scope) =>
  announcementMarker({ key, scope: s, seq, starts, headSha: "abc", base: null, baseChanged: false });

describe("signed markers", () => {
  it("round-trips", () => {
    const body = `hello\n${writeMarker({ key, kind: "vote", scope, data: { type: "removal" } })}`;
    expect(readMarker({ key, kind: "vote", scope, body })).toEqual({ found: true, valid: true, data: { type: "removal", thread: 1007 } });
  });

  it.each([
    ["another key", { key: deriveMarkerKey({ secret: "secret-two" }), scope }, "the signature does not verify"],
    ["another thread", { key, scope: { threadId: 1008 } }, "the marker belongs to another thread"],
  ])("rejects a marker read with %s", (_name, reader, reason) => {
    const body = writeMarker({ key, kind: "vote", scope, data: {} });
    expect(readMarker({ ...reader, kind: "vote", body })).toEqual({ found: true, valid: false, reason });
  });

  it("rejects an edited payload", () => {
    const body = writeMarker({ key, kind: "vote", scope, data: { type: "removal" } });
    const [, , payload = ""] = body.split(" ");
    const forged = Buffer.from(JSON.stringify({ type: "nomination", thread: 1007 })).toString("base64url");
    expect(readMarker({ key, kind: "vote", scope, body: body.replace(payload.split(".")[0] ?? "", forged) })).toMatchObject({ valid: false });
  });

  it("reads a marker only at the end of the comment, its one fixed place", () => {
    const vote = writeMarker({ key, kind: "vote", scope, data: { type: "removal" } });
    const reply = writeMarker({ key, kind: "reply", scope, data: { to: 9 } });
    // A reply that quotes a command holding a copy of the vote's marker holds no vote.
    expect(readMarker({ key, kind: "vote", scope, body: `I couldn't read ${vote}.\n\n${reply}` })).toEqual({ found: false });
    expect(readMarker({ key, kind: "reply", scope, body: `I couldn't read ${vote}.\n\n${reply}\n` })).toMatchObject({ found: true, valid: true });
    // Text added after Gavel's marker makes the comment tampered, never something else.
    expect(readMarker({ key, kind: "vote", scope, body: `${vote}\nappended` })).toEqual({
      found: true,
      valid: false,
      reason: "text was added after Gavel's marker",
    });
    expect(markerKind(`${vote}\nappended`)).toEqual({ kind: "vote", displaced: true });
    expect(markerKind(`text\n${vote}`)).toEqual({ kind: "vote", displaced: false });
    expect(markerKind("no marker here")).toBeNull();
  });

  it("finds nothing in a comment without a marker", () => {
    expect(readMarker({ key, kind: "vote", scope, body: "just text <!-- gavel:other x.y -->" })).toEqual({ found: false });
  });

  it("refuses an empty secret", () => {
    expect(() => deriveMarkerKey({ secret: "" })).toThrow(/non-empty secret/);
  });

  it("after a rotation, markers signed with the previous secret still verify, and new ones use the new secret", () => {
    const old = deriveMarkerKey({ secret: "old" });
    const rotated = deriveMarkerKey({ secret: "new", previousSecrets: ["old"] });
    const before = writeMarker({ key: old, kind: "vote", scope, data: {} });
    expect(readMarker({ key: rotated, kind: "vote", scope, body: before })).toMatchObject({ valid: true });
    const after = writeMarker({ key: rotated, kind: "vote", scope, data: {} });
    expect(readMarker({ key: old, kind: "vote", scope, body: after })).toMatchObject({ valid: false });
  });
});

describe("readAnnouncements", () => {
  it("reads announcements in order", () => {
    const read = readAnnouncements({
      key,
      scope,
      comments: [comment(2, marker(1, ["supporting"]), "2026-11-23T00:00:00Z"), comment(1, marker(0), "2026-11-22T00:00:00Z")],
    });
    expect(read.tampered).toEqual([]);
    expect(read.announcements.map((a) => [a.commentId, a.starts])).toEqual([
      [1, ["charter"]],
      [2, ["supporting"]],
    ]);
  });

  it("ignores app comments without a marker", () => {
    expect(readAnnouncements({ key, scope, comments: [comment(1, "a reply", "2026-11-22T00:00:00Z")] })).toEqual({
      announcements: [],
      tampered: [],
      duplicates: [],
    });
  });

  it("flags an edited announcement", () => {
    const read = readAnnouncements({ key, scope, comments: [comment(1, marker(0), "2026-11-22T00:00:00Z", "2026-11-22T00:05:00Z")] });
    expect(read).toEqual({ announcements: [], tampered: [1], duplicates: [] });
  });

  it("flags a later announcement's marker moved into an earlier comment", () => {
    const read = readAnnouncements({ key, scope, comments: [comment(1, marker(1), "2026-11-22T00:00:00Z"), comment(2, marker(0), "2026-11-23T00:00:00Z")] });
    expect(read.tampered).toContain(1);
  });

  it("keeps the earlier of two racing announcements", () => {
    const read = readAnnouncements({ key, scope, comments: [comment(1, marker(0), "2026-11-22T00:00:00Z"), comment(2, marker(0), "2026-11-22T00:00:01Z")] });
    expect(read).toMatchObject({ tampered: [], duplicates: [2], announcements: [{ commentId: 1 }] });
  });

  it("flags a marker signed for another PR", () => {
    const read = readAnnouncements({ key, scope, comments: [comment(1, marker(0, ["charter"], { threadId: 9 }), "2026-11-22T00:00:00Z")] });
    expect(read.tampered).toEqual([1]);
  });
});
