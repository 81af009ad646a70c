import { normalizeLogin } from "../policy/same-login.js";
import type { AppComment } from "./announcement-marker.js";
import { readMarker, writeMarker, type MarkerKey, type MarkerScope } from "./signed-marker.js";

const REPLY = "reply";

/** A person refused once is not answered again on the same thread for this long (by GitHub's `created_at`). */
export const REFUSAL_REPLY_INTERVAL_MS = 60 * 60_000;

/** A refused command, for the limit: who wrote it, and GitHub's `created_at` on it. */
export interface Refusal {
  login: string;
  writtenAt: string;
}

/**
 * The marker of Gavel's reply to comment `to`. A reply that refuses someone
 * who may not do what they asked also names them (`refused`), so that later
 * refusals of the same person on the thread can be left unanswered.
 */
export function replyMarker(params: { key: MarkerKey; scope: MarkerScope; to: number; refused: string | null }): string {
  const data = params.refused === null ? { to: params.to } : { to: params.to, refused: normalizeLogin(params.refused) };
  return writeMarker({ key: params.key, kind: REPLY, scope: params.scope, data });
}

/**
 * Whether to post a reply to comment `to`, from Gavel's own comments on the
 * thread (the state lives there, signed; GitHub's `created_at` dates them):
 * - never twice to one comment, so a redelivered command posts nothing;
 * - a refusal (`refusal` given) not when the same person had one within
 *   REFUSAL_REPLY_INTERVAL_MS of this command, before or after it: at most one
 *   an hour per person per thread, however many commands they write. The
 *   window is measured from the command's own `created_at`, so a redelivery
 *   decides as the first delivery did. Pure.
 */
export function replyDue(params: { key: MarkerKey; scope: MarkerScope; comments: AppComment[]; to: number; refusal: Refusal | null }): boolean {
  const { refusal } = params;
  const who = refusal === null ? null : normalizeLogin(refusal.login);
  const when = refusal === null ? NaN : Date.parse(refusal.writtenAt);
  for (const comment of params.comments) {
    const reading = readMarker({ key: params.key, kind: REPLY, scope: params.scope, body: comment.body });
    if (!reading.found || !reading.valid) continue;
    if (reading.data.to === params.to) return false;
    if (who !== null && reading.data.refused === who && Math.abs(Date.parse(comment.createdAt) - when) < REFUSAL_REPLY_INTERVAL_MS) return false;
  }
  return true;
}
