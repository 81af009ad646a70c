import type { Announcement, ChangesSince, ReviewFact } from "../policy/types.js";
import type { GitHub, RepoRef } from "./client.js";
import { pathsChangedBetween, type ComparisonStore } from "./compare-commits.js";

/**
 * For every commit an approval or an announcement was given on, and the
 * other `commits` (a vote's, when it opened), other than the head: the paths
 * changed since. Policy uses it to tell stale approvals
 * (`reset-approvals`) and restarted discussions (`restart`). Comparisons run
 * in parallel; objections need none, as they never go stale.
 */
export async function loadChangesSince(params: {
  github: GitHub;
  repo: RepoRef;
  headSha: string;
  reviews: ReviewFact[];
  announcements: Announcement[];
  commits: string[];
  store: ComparisonStore;
}): Promise<ChangesSince> {
  const commits = new Set([
    ...params.reviews.flatMap((r) => (r.state === "APPROVED" && r.commitId ? [r.commitId] : [])),
    ...params.announcements.map((a) => a.headSha),
    ...params.commits,
  ]);
  commits.delete(params.headSha);
  const entries = await Promise.all(
    [...commits].map(
      async (commit) =>
        [commit, await pathsChangedBetween({ github: params.github, repo: params.repo, from: commit, to: params.headSha, store: params.store })] as const,
    ),
  );
  return Object.fromEntries(entries);
}
