import type { LoadedElectorate } from "../github/load-electorate.js";
import type { RepoGateway } from "../github/repo-gateway.js";
import { matchRules } from "../policy/match-rules.js";
import { linksMayMatter } from "../policy/symlinks.js";
import type { PullRequestFacts, PullRequestSnapshot } from "../policy/types.js";
import { readAnnouncements } from "../state/announcement-marker.js";
import { mayHoldVotes, readPullVote } from "../state/pull-vote.js";
import type { MarkerKey } from "../state/signed-marker.js";
import type { LoadedPullRequest } from "./loaded-pull-request.js";

/** What to load: the PR, and what the triggering webhook already told. */
export interface LoadRequest {
  gateway: RepoGateway;
  number: number;
  /** The PR from the webhook, or null to read it now. */
  snapshot: PullRequestSnapshot | null;
  /** The head was just pushed or opened: see `findCheck`. */
  newHead: boolean;
  /**
   * The snapshot is of a PR opened moments ago with no comment (see
   * `justOpened`): none of its comments can be Gavel's yet, so they are not
   * read. An earlier delivery of the same event in this process would have
   * left them in the store.
   */
  justOpened: boolean;
  key: MarkerKey;
}

/**
 * Step 1 of governing a PR: everything one evaluation reads, in at most three
 * parallel rounds when the webhook brought the PR (one more when it must be
 * read, and one more where the default branch's links are read):
 * 1. the config (default branch) ∥ the PR's files; then, only where a link
 *    could add a rule (linksMayMatter), the default branch's links;
 * 2. only if a rule matches: reviews ∥ the app's comments ∥ the electorate;
 *    always: the app's check on the head;
 * 3. only for approvals, announcements or a vote on older commits: comparisons.
 * A PR whose Gavel comments hold a vote (one demanded on it, issue 16) needs
 * its issue's id to read it: one more read before the comparisons, only
 * when this process doesn't know it yet (a read of the thread tells it).
 * Each read is skipped when the stores hold it, so a review on a PR already
 * evaluated reads the reviews and nothing else. A PR that touches nothing
 * governed costs no review, comment or member reads.
 */
export async function loadFacts(params: LoadRequest): Promise<LoadedPullRequest> {
  const { gateway, number } = params;
  if (params.snapshot && !params.snapshot.open) return { kind: "closed", pr: params.snapshot };
  const withFiles = async () => {
    const pr = params.snapshot ?? (await gateway.readPullRequest(number));
    return { pr, listed: pr.open ? await gateway.listPullRequestFiles(pr) : null };
  };
  const [config, { pr, listed }] = await Promise.all([gateway.loadConfig(), withFiles()]);
  if (!listed) return { kind: "closed", pr };
  if (listed.listedAt !== null && listed.listedAt !== pr.headSha) return { kind: "moved", pr, listedAt: listed.listedAt };
  const headSha = pr.headSha;
  const check = () => gateway.findCheck({ headSha, newHead: params.newHead });
  if (!config.ok) return { kind: "invalid-config", pr, problems: config.problems, existing: await check() };

  // A governed file on the default branch may be a link: its target is governed too. The links are read only where they could add a rule.
  const { rules } = config.config;
  const links = linksMayMatter({ rules, files: listed.files }) ? await gateway.loadSymlinks(rules) : [];
  const matches = matchRules({ rules, files: listed.files, filesComplete: listed.filesComplete, labels: pr.labels, links });
  const matched = matches.length > 0;
  const nobody: LoadedElectorate = { kind: "electorate", electorate: { voters: [], sources: [], leftOut: [], problems: [] } };
  const [activity, loadedElectorate, existing] = await Promise.all([
    matched ? gateway.loadPullRequestActivity({ number, noComments: params.justOpened }) : { reviews: [], reviewsEtag: null, appComments: [] },
    matched ? gateway.loadElectorate(config.config.maintainers) : nobody,
    check(),
  ]);
  if (loadedElectorate.kind === "unusable") return { kind: "unusable-file", pr, file: loadedElectorate.file, existing };
  const { announcements, tampered, duplicates } = readAnnouncements({ key: params.key, scope: { threadId: pr.id }, comments: activity.appComments });
  // The vote markers are bound to the PR's issue, whose id only the issues API gives.
  const vote = mayHoldVotes(activity.appComments)
    ? readPullVote({ key: params.key, scope: { threadId: await gateway.pullThreadId(pr) }, comments: activity.appComments })
    : null;
  const voteHead = vote?.record?.pullHead;
  const changesSince = await gateway.changesSince({ headSha, reviews: activity.reviews, announcements, commits: voteHead ? [voteHead] : [] });
  const facts: PullRequestFacts = {
    number: pr.number,
    author: pr.author,
    authorIsBot: pr.authorIsBot,
    draft: pr.draft,
    headSha,
    baseRef: pr.baseRef,
    labels: pr.labels,
    files: listed.files,
    filesComplete: listed.filesComplete,
    reviews: activity.reviews,
    changesSince,
    announcements,
    tamperedAnnouncements: tampered,
    electorate: loadedElectorate.electorate,
    links,
    vote,
  };
  return {
    kind: "ready",
    pr,
    rules: config.source,
    matches,
    facts,
    existing,
    duplicates,
    filesAtHead: listed.listedAt === headSha,
    reviewsEtag: activity.reviewsEtag,
  };
}
