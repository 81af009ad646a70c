import type { Rule } from "../config/types.js";
import type { Announcement } from "./types.js";

export interface DiscussionWindow {
  startedAt: string | null;
  endsAt: string | null;
}

/**
 * A rule's discussion period starts at the `created_at` of the latest of
 * Gavel's announcements that starts it: a timestamp GitHub sets and nobody can
 * forge, unlike a git date. A rule with no period has no window; a rule not
 * yet announced has a start of null, so it waits.
 */
export function discussionWindow(params: { rule: Rule; announcements: Announcement[] }): DiscussionWindow {
  const starts = params.announcements
    .filter((a) => a.starts.includes(params.rule.name))
    .map((a) => a.createdAt)
    .sort();
  const startedAt = starts.at(-1) ?? null;
  if (params.rule.discussionMs === 0 || startedAt === null) return { startedAt, endsAt: null };
  const endsAt = new Date(Date.parse(startedAt) + params.rule.discussionMs).toISOString();
  return { startedAt, endsAt };
}
