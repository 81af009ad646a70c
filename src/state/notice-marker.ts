import type { AppComment } from "./announcement-marker.js";
import { readMarker, writeMarker, type MarkerKey, type MarkerScope } from "./signed-marker.js";

const NOTICE = "notice";

/**
 * The marker of a notice Gavel posts about what someone else did to its
 * comments (see messages/vote-tampering.ts). `about` names the event (e.g.
 * `deleted:1234`), so a redelivered webhook finds the notice it posted and
 * posts nothing.
 */
export function noticeMarker(params: { key: MarkerKey; scope: MarkerScope; about: string }): string {
  return writeMarker({ key: params.key, kind: NOTICE, scope: params.scope, data: { about: params.about } });
}

/** Whether Gavel already posted the notice about `about` on the thread. Pure. */
export function noticePosted(params: { key: MarkerKey; scope: MarkerScope; comments: AppComment[]; about: string }): boolean {
  return params.comments.some((comment) => {
    const reading = readMarker({ key: params.key, kind: NOTICE, scope: params.scope, body: comment.body });
    return reading.found && reading.valid && reading.data.about === params.about;
  });
}
