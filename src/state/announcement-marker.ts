import type { Announcement } from "../policy/types.js";
import { readMarker, writeMarker, type MarkerKey, type MarkerScope } from "./signed-marker.js";

const KIND = "announcement";

/** A comment as `github/` hands it over: only comments the app itself authored. */
export interface AppComment {
  id: number;
  body: string;
  createdAt: string;
  /** GitHub moves it on every edit; Gavel never edits an announcement. */
  updatedAt: string;
  url: string;
}

/**
 * The marker of the `seq`-th announcement on a PR (0-based). The sequence
 * number is signed, so moving an older announcement's marker into an earlier
 * comment — which would make a discussion look older — no longer verifies.
 */
export function announcementMarker(params: {
  key: MarkerKey;
  scope: MarkerScope;
  seq: number;
  starts: string[];
  headSha: string;
  base: Announcement["base"];
  baseChanged: boolean;
}): string {
  const { seq, starts, headSha, base, baseChanged } = params;
  const data = {
    seq,
    starts,
    headSha,
    ...(base ? { base: base.ref, diff: base.diff.head, change: base.diff.full } : {}),
    ...(baseChanged ? { baseChanged } : {}),
  };
  return writeMarker({ key: params.key, kind: KIND, scope: params.scope, data });
}

/** The base an announcement recorded; null for one written before bases were recorded. */
function baseOf(data: Record<string, unknown>): Announcement["base"] {
  const { base, diff, change } = data;
  return typeof base === "string" && typeof diff === "string" && typeof change === "string" ? { ref: base, diff: { head: diff, full: change } } : null;
}

/**
 * The verified announcements among the app's comments, and the ids of those
 * that fail verification. An announcement must be unedited (anyone with write
 * access can edit the app's comments, e.g. to move a marker into an older
 * comment) and carry the next sequence number. A valid marker whose number
 * was already seen is the later copy of a race between two replicas: it is
 * ignored, and the earlier one stands.
 */
export function readAnnouncements(params: { key: MarkerKey; scope: MarkerScope; comments: AppComment[] }): {
  announcements: Announcement[];
  tampered: number[];
  /** Later copies from a race, for deletion. */
  duplicates: number[];
} {
  const announcements: Announcement[] = [];
  const tampered: number[] = [];
  const duplicates: number[] = [];
  const ordered = [...params.comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  for (const comment of ordered) {
    const reading = readMarker({ key: params.key, kind: KIND, scope: params.scope, body: comment.body });
    if (!reading.found) continue;
    const data = reading.valid ? reading.data : null;
    const starts = data?.starts;
    const headSha = data?.headSha;
    const validShape = Array.isArray(starts) && starts.every((s) => typeof s === "string") && typeof headSha === "string";
    const expectedSeq = announcements.length + tampered.length;
    if (data && validShape && typeof data.seq === "number" && data.seq < expectedSeq && comment.updatedAt === comment.createdAt) {
      duplicates.push(comment.id);
      continue;
    }
    if (!data || !validShape || data.seq !== expectedSeq || comment.updatedAt !== comment.createdAt) {
      tampered.push(comment.id);
      continue;
    }
    announcements.push({
      commentId: comment.id,
      createdAt: comment.createdAt,
      starts: starts.filter((s) => typeof s === "string"),
      headSha,
      url: comment.url,
      base: baseOf(data),
      baseChanged: data.baseChanged === true,
    });
  }
  return { announcements, tampered, duplicates };
}
