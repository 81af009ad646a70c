import type { FileRead } from "../config/repository-file.js";
import type { MaintainersSource, Rule } from "../config/types.js";
import type { CheckReport } from "../messages/check-report.js";
import { linkMayLead } from "../policy/symlinks.js";
import type { Announcement, ChangedFile, ChangesSince, ExistingCheck, PullRequestSnapshot, ReviewFact, Symlink } from "../policy/types.js";
import type { LabelEvent } from "../policy/vote-types.js";
import type { AppComment } from "../state/announcement-marker.js";
import { forgetInstallationsOf, forgetInstalledOn, isAppInstalledOn } from "./app-installed-on.js";
import type { GitHub, RepoRef } from "./client.js";
import { deleteComment } from "./delete-comment.js";
import { listOpenPullRequests, pullRequestsWithHead } from "./list-pull-requests.js";
import { loadChangesSince } from "./load-changes-since.js";
import { loadComparisonFiles } from "./load-comparison-files.js";
import { loadConfig, type LoadedConfig } from "./load-config.js";
import { loadElectorate, type LoadedElectorate } from "./load-electorate.js";
import { loadLabelEvents } from "./load-label-events.js";
import {
  forgetAppComments,
  loadPullRequestActivity,
  noteAppComment,
  rememberAppComment,
  reviewsUnchanged,
  type PullRequestActivity,
} from "./load-pull-request-activity.js";
import { forgetListsOnBase, loadPullRequestFiles, type ListedFiles } from "./load-pull-request-files.js";
import { forgetTree, loadSymlinks } from "./load-symlinks.js";
import { confirmUnchanged, readPullRequest } from "./load-pull-request.js";
import { loadThread, type Thread } from "./load-thread.js";
import { postComment } from "./post-comment.js";
import { findCheck, forgetCheck, noteCheckRunWritten, publishCheck, type PublishedCheck, type WrittenRun } from "./publish-check.js";
import { forgetPushedFiles, readFile } from "./read-file.js";
import type { GitHubStores } from "./stores.js";
import { syncLabel, type LabelSync } from "./sync-label.js";
import { noteSnapshot, trustSnapshot } from "./trust-snapshot.js";
import { updateComment } from "./update-comment.js";

/**
 * Everything Gavel does on one repository's GitHub, through one object: the
 * REST client of the installation, the repository, this process's stores and
 * the app's id travel together, so no caller threads a cache or a client
 * through its code. Each method is one read or write of `github/`; the use
 * cases (pull requests, votes) see only this. Reads go through the stores
 * (see GitHubStores); writes keep them in step.
 */
export class RepoGateway {
  readonly repo: RepoRef;
  private readonly github: GitHub;
  private readonly stores: GitHubStores;
  private readonly appId: number;
  private readonly asApp: boolean;
  /** GitHub's time (whole seconds) of this gateway's latest write to each issue or PR, by number. */
  private readonly wrote = new Map<number, number>();

  /** `asApp`: Gavel runs as a GitHub App, which can ask where it is installed; false as a GitHub Action, with only the job's token. */
  constructor(params: { github: GitHub; repo: RepoRef; stores: GitHubStores; appId: number; asApp: boolean }) {
    this.github = params.github;
    this.repo = { owner: params.repo.owner, repo: params.repo.repo };
    this.stores = params.stores;
    this.appId = params.appId;
    this.asApp = params.asApp;
  }

  /** `owner/name#number`, for messages. */
  where(number: number): string {
    return `${this.repo.owner}/${this.repo.repo}#${number}`;
  }

  // Reads of the default branch.

  readFile(path: string): Promise<FileRead> {
    return readFile({ github: this.github, repo: this.repo, path, store: this.stores.files });
  }

  loadConfig(): Promise<LoadedConfig> {
    const isGoverned = this.asApp ? (repo: RepoRef) => isAppInstalledOn({ github: this.github, repo, store: this.stores.installed }) : null;
    return loadConfig({ github: this.github, repo: this.repo, files: this.stores.files, isGoverned });
  }

  loadElectorate(source: MaintainersSource): Promise<LoadedElectorate> {
    return loadElectorate({ github: this.github, repo: this.repo, source, files: this.stores.files, stores: this.stores.electorate });
  }

  /** The default branch's symbolic links that may lead to a path `rules` govern (see loadSymlinks). */
  loadSymlinks(rules: readonly Rule[]): Promise<Symlink[]> {
    return loadSymlinks({
      github: this.github,
      repo: this.repo,
      trees: this.stores.trees,
      targets: this.stores.linkTargets,
      mayLead: (path) => linkMayLead({ rules, path }),
    });
  }

  // Pull requests.

  /** The webhook's PR if it may be used as it is (see `trustSnapshot`), else null: read it. */
  trustSnapshot(params: { snapshot: PullRequestSnapshot; now: Date }): PullRequestSnapshot | null {
    return trustSnapshot({ store: this.stores.snapshots, repo: this.repo, ...params });
  }

  async readPullRequest(number: number): Promise<PullRequestSnapshot> {
    const pr = await readPullRequest({ github: this.github, repo: this.repo, number });
    noteSnapshot({ store: this.stores.snapshots, repo: this.repo, snapshot: pr });
    return pr;
  }

  listPullRequestFiles(pr: PullRequestSnapshot): Promise<ListedFiles> {
    return loadPullRequestFiles({ github: this.github, repo: this.repo, pr, store: this.stores.pullFiles });
  }

  loadPullRequestActivity(params: { number: number; noComments: boolean }): Promise<PullRequestActivity> {
    return loadPullRequestActivity({ github: this.github, repo: this.repo, appId: this.appId, store: this.stores.appComments, ...params });
  }

  changesSince(params: { headSha: string; reviews: ReviewFact[]; announcements: Announcement[] }): Promise<ChangesSince> {
    return loadChangesSince({ github: this.github, repo: this.repo, store: this.stores.comparisons, ...params });
  }

  /** The files commit `head` changes on commit `base`, or null when GitHub can't list them all (see loadComparisonFiles). */
  comparisonFiles(params: { base: string; head: string }): Promise<ChangedFile[] | null> {
    return loadComparisonFiles({ github: this.github, repo: this.repo, ...params });
  }

  reviewsUnchanged(params: { number: number; reviews: ReviewFact[]; etag: string | null }): Promise<boolean> {
    return reviewsUnchanged({ github: this.github, repo: this.repo, ...params });
  }

  confirmUnchanged(pr: PullRequestSnapshot): Promise<boolean> {
    return confirmUnchanged({ github: this.github, repo: this.repo, pr });
  }

  listOpenPullRequests(): Promise<PullRequestSnapshot[]> {
    return listOpenPullRequests({ github: this.github, repo: this.repo });
  }

  pullRequestsWithHead(headSha: string): Promise<number[]> {
    return pullRequestsWithHead({ github: this.github, repo: this.repo, headSha });
  }

  // Check runs.

  findCheck(params: { headSha: string; newHead?: boolean }): Promise<ExistingCheck | null> {
    return findCheck({ github: this.github, repo: this.repo, appId: this.appId, store: this.stores.checks, ...params });
  }

  publishCheck(params: { headSha: string; existing: ExistingCheck | null; report: CheckReport; now: Date }): Promise<PublishedCheck> {
    return publishCheck({ github: this.github, repo: this.repo, store: this.stores.checks, ...params });
  }

  // Issues and comments.

  loadThread(number: number): Promise<Thread> {
    return loadThread({ github: this.github, repo: this.repo, number, appId: this.appId });
  }

  /** The label changes, from GitHub's event log (see loadLabelEvents). */
  loadLabelEvents(number: number): Promise<LabelEvent[]> {
    return loadLabelEvents({ github: this.github, repo: this.repo, number, appId: this.appId });
  }

  async syncLabel(params: { number: number; label: string; present: boolean; current: string[] }): Promise<LabelSync["change"]> {
    const { change, at } = await syncLabel({ github: this.github, repo: this.repo, ...params });
    this.noteWrite({ number: params.number, at });
    return change;
  }

  /** Posts a comment; `remember` adds it to the item's cached app comments (an announcement the next evaluation would otherwise read back). */
  async postComment(params: { number: number; body: string; remember?: boolean }): Promise<AppComment> {
    const comment = await postComment({ github: this.github, repo: this.repo, number: params.number, body: params.body });
    this.noteWrite({ number: params.number, at: comment.updatedAt });
    if (params.remember) rememberAppComment({ store: this.stores.appComments, repo: this.repo, number: params.number, comment });
    return comment;
  }

  /** Rewrites one of the app's comments on issue or PR `number`, unless it already says exactly that. */
  async updateComment(params: { number: number; commentId: number; body: string; current: string }): Promise<boolean> {
    const { updated, at } = await updateComment({ github: this.github, repo: this.repo, ...params });
    this.noteWrite({ number: params.number, at });
    return updated;
  }

  /** Deletes the app's comments on an item (one already gone is done), and what the store holds of them. */
  async deleteComments(params: { number: number; commentIds: number[] }): Promise<void> {
    if (params.commentIds.length === 0) return;
    const deleted = await Promise.all(params.commentIds.map((commentId) => deleteComment({ github: this.github, repo: this.repo, commentId })));
    for (const at of deleted) this.noteWrite({ number: params.number, at });
    forgetAppComments({ store: this.stores.appComments, repo: this.repo, number: params.number });
  }

  /**
   * GitHub's time of this gateway's latest write to issue or PR `number` (a
   * label, a comment posted, edited or deleted), null if none: each moves
   * the item's `updated_at` (see WakeScheduler.sawOwnWrites).
   */
  lastWrite(number: number): Date | null {
    const at = this.wrote.get(number);
    return at === undefined ? null : new Date(at);
  }

  private noteWrite(params: { number: number; at: string | null }): void {
    const at = params.at === null ? Number.NaN : Date.parse(params.at);
    if (Number.isNaN(at)) return;
    this.wrote.set(params.number, Math.max(at, this.wrote.get(params.number) ?? at));
  }

  // What webhooks say changed: each store's own invalidation.

  noteAppComment(params: { number: number; commentId: number; action: string }): void {
    noteAppComment({ store: this.stores.appComments, repo: this.repo, ...params });
  }

  notePush(params: { paths: string[] | null }): void {
    forgetPushedFiles({ store: this.stores.files, repo: this.repo, paths: params.paths });
    forgetTree({ trees: this.stores.trees, repo: this.repo });
    forgetInstalledOn({ store: this.stores.installed, repo: this.repo });
  }

  /**
   * Someone asked for a re-run in GitHub's UI: a person wants a fresh look, so
   * what this process remembers of the repository's default branch, of the PR
   * (Gavel's comments on it) and of the check on its head is read again, as a
   * lost webhook (another replica's comment, say) may have left it stale.
   */
  forgetForRerun(params: { number: number; headSha: string }): void {
    forgetPushedFiles({ store: this.stores.files, repo: this.repo, paths: null });
    forgetAppComments({ store: this.stores.appComments, repo: this.repo, number: params.number });
    forgetCheck({ store: this.stores.checks, repo: this.repo, headSha: params.headSha });
  }

  /** A branch was force-pushed: the file lists of PRs based on it may no longer be theirs. */
  noteBranchRewritten(branch: string): void {
    forgetListsOnBase({ store: this.stores.pullFiles, repo: this.repo, baseRef: branch });
  }

  /** The repositories the app's installation on this owner was granted changed (`installation_repositories`). */
  noteInstallationRepositories(): void {
    forgetInstallationsOf({ store: this.stores.installed, owner: this.repo.owner });
  }

  noteCheckRunWritten(run: WrittenRun): void {
    noteCheckRunWritten({ store: this.stores.checks, repo: this.repo, appId: this.appId, run });
  }
}
