import { pathMatchesRule, type RuleMatch } from "./match-rules.js";
import type { Announcement, ChangesSince } from "./types.js";

/**
 * Which matched rules need Gavel to post an announcement now: those never
 * announced on this PR, and `restart` rules whose governed files changed
 * since their latest announcement (a new announcement restarts the clock).
 * Draft PRs are not announced: the discussion starts when the proposal is
 * ready for review. Returns rule names; empty means post nothing.
 */
export function planAnnouncement(params: {
  matches: RuleMatch[];
  announcements: Announcement[];
  draft: boolean;
  headSha: string;
  changesSince: ChangesSince;
}): string[] {
  if (params.draft) return [];
  return params.matches
    .filter(({ rule }) => {
      const latest = params.announcements.filter((a) => a.starts.includes(rule.name)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
      if (!latest) return true;
      if (rule.onChange !== "restart" || latest.headSha === params.headSha) return false;
      const changed = params.changesSince[latest.headSha];
      // Unknown changes restart too: a later start only ever delays a success.
      return !changed || changed.some((path) => pathMatchesRule({ rule, path }));
    })
    .map(({ rule }) => rule.name);
}
