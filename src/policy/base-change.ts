import type { Announcement, GovernedDiff } from "./types.js";

/**
 * Whether the PR's base changed what its governed diff is since Gavel last
 * announced it: the base branch is another (a retarget), or the head's
 * governed files are as announced but the change they make is not (the base
 * was rewritten under the same name). Then the approvals and the discussion
 * were for a diff the maintainers no longer see. A change of the head's
 * governed files is not a change of base: `on_change` decides about those.
 * Announcements written before the base was recorded compare as unchanged.
 * New commits on the base don't move the merge base the diff starts from, so
 * they change nothing. Pure.
 */
export function baseChanged(params: { announcements: Announcement[]; baseRef: string; diff: GovernedDiff }): boolean {
  const latest = [...params.announcements].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  const base = latest?.base;
  if (!base) return false;
  return base.ref !== params.baseRef || (base.diff.head === params.diff.head && base.diff.full !== params.diff.full);
}

/**
 * Approvals submitted at or before this instant are stale: the latest
 * announcement posted because the base changed, or `now` while such an
 * announcement is due and not posted yet (a draft, a post that failed). Null
 * when the base never changed. Review times and announcement times are both
 * GitHub's, to the second; the same second counts as before.
 */
export function approvalsStaleUntil(params: { announcements: Announcement[]; pending: boolean; now: Date }): string | null {
  if (params.pending) return params.now.toISOString();
  return (
    params.announcements
      .filter((a) => a.baseChanged)
      .map((a) => a.createdAt)
      .sort()
      .at(-1) ?? null
  );
}
