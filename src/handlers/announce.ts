import type { GitHub, RepoRef } from "../github/client.js";
import { postComment } from "../github/post-comment.js";
import { announcementMessage } from "../messages/announcement.js";
import type { RuleMatch } from "../policy/match-rules.js";
import { planAnnouncement } from "../policy/plan-announcement.js";
import { thresholdMath } from "../policy/threshold-math.js";
import type { Announcement, PullRequestFacts } from "../policy/types.js";
import { announcementMarker, type AppComment } from "../state/announcement-marker.js";
import type { MarkerKey } from "../state/signed-marker.js";

/**
 * Posts the announcement that starts (or restarts) the discussion period of
 * the rules that need one, and returns it as read back, with GitHub's
 * `created_at`, and as the comment the app now has on the PR. Nothing is
 * posted while the PR's state can't be trusted.
 */
export async function announce(params: {
  github: GitHub;
  repo: RepoRef;
  matches: RuleMatch[];
  facts: PullRequestFacts;
  /** The PR's global id, which the marker is bound to. */
  threadId: number;
  key: MarkerKey;
  now: Date;
  /** Runs just before the comment is posted (the caller labels the PR first, so that a crash right after still leaves it findable). */
  beforePosting: () => Promise<void>;
}): Promise<Array<{ announcement: Announcement; comment: AppComment }>> {
  const { facts } = params;
  if (facts.tamperedAnnouncements.length > 0) return [];
  const plan = planAnnouncement({ matches: params.matches, announcements: facts.announcements, draft: facts.draft, headSha: facts.headSha, changesSince: facts.changesSince });
  if (!plan) return [];
  const starts = plan.starts.map((m) => m.rule.name);
  const size = facts.electorate.voters.length;
  const scope = { threadId: params.threadId };
  const marker = announcementMarker({ key: params.key, scope, seq: facts.announcements.length, starts, headSha: facts.headSha });
  const body = announcementMessage({
    rules: plan.starts.map((match) => ({ match, threshold: thresholdMath({ threshold: match.rule.approvals, electorateSize: size }) })),
    voters: facts.electorate.voters,
    restarted: plan.restarted,
    now: params.now,
    marker,
  });
  await params.beforePosting();
  const comment = await postComment({ github: params.github, repo: params.repo, number: facts.number, body });
  return [{ announcement: { commentId: comment.id, createdAt: comment.createdAt, starts, headSha: facts.headSha, url: comment.url }, comment }];
}
