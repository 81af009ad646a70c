import { governedChange } from "./governed-change.js";
import type { Announcement, AnnouncementPlan, ChangesSince, RuleMatch, Symlink } from "./types.js";

/**
 * Which matched rules need an announcement: those never announced on this
 * PR, `restart` rules whose governed files changed since their latest
 * announcement (a new announcement restarts the clock), and all of them
 * when the PR's base changed what its governed diff is. Draft PRs are not
 * announced (the discussion starts when the proposal is ready for review),
 * but their due announcements still hold their rules back. Returns rule names.
 */
export function dueAnnouncements(params: {
  matches: RuleMatch[];
  announcements: Announcement[];
  headSha: string;
  changesSince: ChangesSince;
  links: readonly Symlink[];
  /** The base changed the governed diff (see baseChanged): every matched rule starts again. */
  baseChanged?: boolean;
}): string[] {
  return params.matches
    .filter((match) => {
      const { rule } = match;
      if (params.baseChanged) return true;
      const latest = params.announcements
        .filter((a) => a.starts.includes(rule.name))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .at(-1);
      if (!latest) return true;
      if (rule.onChange !== "restart" || latest.headSha === params.headSha) return false;
      const changed = params.changesSince[latest.headSha];
      // Unknown changes restart too: a later start only ever delays a success.
      return !changed || changed.some(governedChange({ match, matches: params.matches, links: params.links }));
    })
    .map(({ rule }) => rule.name);
}

/**
 * The announcement to post now, or null: none for a draft, none when nothing
 * is due, and none while an earlier announcement fails verification (the
 * discussion's start can't be trusted until an admin deletes it).
 */
export function planAnnouncement(params: {
  matches: RuleMatch[];
  announcements: Announcement[];
  due: readonly string[];
  draft: boolean;
  tampered: boolean;
  /** The governed diff now, against this base: the announcement records it. */
  base: AnnouncementPlan["base"];
  baseChanged: boolean;
}): AnnouncementPlan | null {
  if (params.draft || params.tampered) return null;
  const starts = params.matches.filter((m) => params.due.includes(m.rule.name));
  if (starts.length === 0) return null;
  const restarted = starts.every((m) => params.announcements.some((a) => a.starts.includes(m.rule.name)));
  return { starts, restarted, base: params.base, baseChanged: params.baseChanged };
}
