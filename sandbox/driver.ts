import type { Comment, Issue, Review, ReviewState } from "./model/store.js";
import { MergeQueueActions } from "./driver-merge-queue.js";
import type { FileChanges } from "./driver-base.js";

export type { FileChanges } from "./driver-base.js";
export { maintainersFile } from "./driver-repos.js";

const REVIEW_STATES: Record<"APPROVE" | "REQUEST_CHANGES" | "COMMENT", ReviewState> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

/**
 * What people do on GitHub, for scripts and tests: each action changes the
 * sandbox's state as GitHub would and sends the webhooks GitHub would send.
 * Repositories are named "owner/name". Every action first moves the sandbox
 * clock on by `tickMs` (people take time), so each change has its own instant.
 * Repositories and branches come from `RepositoryActions`; reads, faults
 * and the clock from `SandboxControls`.
 */
export class GitHubDriver extends MergeQueueActions {
  /**
   * Opens a PR from a new branch with one commit on the default branch's
   * head; returns its number. With `fork`, the branch is in the author's fork
   * of the repository (same name), as for a contributor without write access.
   */
  openPullRequest(params: {
    repo: string;
    author: string;
    title: string;
    files: FileChanges;
    body?: string;
    branch?: string;
    draft?: boolean;
    labels?: string[];
    fork?: boolean;
  }): number {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.author });
    const number = this.nextNumber(repo);
    const branch = params.branch ?? `${params.author}/change-${number}`;
    const base = repo.branches.get(repo.defaultBranch) ?? "";
    const commit = this.commit({ repo, parent: base, changes: params.files, message: params.title, author: params.author });
    repo.branches.set(branch, commit.sha);
    const labels = (params.labels ?? []).map((name) => this.ensureLabel({ repo, name }));
    const issue: Issue = {
      number,
      id: this.store.nextId(),
      title: params.title,
      body: params.body ?? "",
      user,
      state: "open",
      labels,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      comments: [],
      events: [],
      pull: {
        id: this.store.nextId(),
        headRef: branch,
        fork: params.fork ? `${params.author}/${repo.name}` : null,
        baseRef: repo.defaultBranch,
        draft: params.draft ?? false,
        reviews: [],
      },
    };
    repo.issues.set(number, issue);
    for (const label of issue.labels) this.store.logLabel({ issue, label, added: true, actor: user, viaApp: false });
    this.events.pullRequest({ repo, issue, action: "opened", sender: user });
    return number;
  }

  /**
   * Opens a PR from an existing branch `head` into `base` (default the
   * default branch); returns its number. Several PRs may share a head: GitHub
   * attaches check runs to the commit, so they share its checks too.
   * https://docs.github.com/rest/pulls/pulls#create-a-pull-request
   */
  openPullRequestFrom(params: { repo: string; author: string; title: string; head: string; base?: string; body?: string; draft?: boolean }): number {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.author });
    const base = params.base ?? repo.defaultBranch;
    if (!repo.branches.has(params.head) || !repo.branches.has(base)) throw new Error(`${params.repo} needs both branches ${params.head} and ${base}`);
    const number = this.nextNumber(repo);
    const issue: Issue = {
      number,
      id: this.store.nextId(),
      title: params.title,
      body: params.body ?? "",
      user,
      state: "open",
      labels: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      comments: [],
      events: [],
      pull: { id: this.store.nextId(), headRef: params.head, fork: null, baseRef: base, draft: params.draft ?? false, reviews: [] },
    };
    repo.issues.set(number, issue);
    this.events.pullRequest({ repo, issue, action: "opened", sender: user });
    return number;
  }

  /** Opens an issue; returns its number. */
  openIssue(params: { repo: string; author: string; title: string; body?: string }): number {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.author });
    const number = this.nextNumber(repo);
    const issue: Issue = {
      number,
      id: this.store.nextId(),
      title: params.title,
      body: params.body ?? "",
      user,
      state: "open",
      labels: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      comments: [],
      events: [],
      pull: null,
    };
    repo.issues.set(number, issue);
    this.events.issueOpened({ repo, issue });
    return number;
  }

  /** Pushes one commit to a PR's branch; returns the new head. */
  push(params: { repo: string; number: number; author: string; files: FileChanges; message?: string }): string {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.author });
    const issue = this.pullRequest({ repo, number: params.number });
    const ref = issue.pull?.headRef ?? "";
    const before = repo.branches.get(ref) ?? "";
    const commit = this.commit({ repo, parent: before, changes: params.files, message: params.message ?? "Update", author: params.author });
    repo.branches.set(ref, commit.sha);
    issue.updatedAt = now;
    this.events.pullRequest({ repo, issue, action: "synchronize", sender: user, extra: { before, after: commit.sha } });
    return commit.sha;
  }

  /**
   * Moves a PR's branch to a commit that need not descend from its head (a
   * rebase, an amend, a reset): to `onto` itself, or to a new commit on it
   * with `files`. GitHub sends `synchronize`, as for any push; returns the new head.
   * https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request
   */
  forcePush(params: { repo: string; number: number; author: string; onto: string; files?: FileChanges; message?: string }): string {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.author });
    const issue = this.pullRequest({ repo, number: params.number });
    if (!repo.graph.get(params.onto)) throw new Error(`${params.repo} has no commit ${params.onto}`);
    const ref = issue.pull?.headRef ?? "";
    const before = repo.branches.get(ref) ?? "";
    const after = params.files
      ? this.commit({ repo, parent: params.onto, changes: params.files, message: params.message ?? "Rewrite", author: params.author }).sha
      : params.onto;
    repo.branches.set(ref, after);
    issue.updatedAt = now;
    this.events.pullRequest({ repo, issue, action: "synchronize", sender: user, extra: { before, after } });
    return after;
  }

  /** Submits a review on the PR's current head; returns its id. */
  review(params: { repo: string; number: number; user: string; state: "APPROVE" | "REQUEST_CHANGES" | "COMMENT"; body?: string }): number {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const issue = this.pullRequest({ repo, number: params.number });
    const review: Review = {
      id: this.store.nextId(),
      user,
      state: REVIEW_STATES[params.state],
      body: params.body ?? "",
      commitId: repo.branches.get(issue.pull?.headRef ?? "") ?? "",
      submittedAt: now,
    };
    issue.pull?.reviews.push(review);
    issue.updatedAt = now;
    this.events.review({ repo, issue, review, action: "submitted", sender: user });
    return review.id;
  }

  dismissReview(params: { repo: string; number: number; reviewId: number; by: string }): void {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.by });
    const issue = this.pullRequest({ repo, number: params.number });
    const review = issue.pull?.reviews.find((r) => r.id === params.reviewId);
    if (!review) throw new Error(`#${params.number} has no review ${params.reviewId}`);
    review.state = "DISMISSED";
    issue.updatedAt = now;
    this.events.review({ repo, issue, review, action: "dismissed", sender: user });
  }

  /** Comments on an issue or PR; returns the comment's id. */
  comment(params: { repo: string; number: number; user: string; body: string }): number {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const issue = this.store.requireIssue({ repo, number: params.number });
    const comment: Comment = { id: this.store.nextId(), issueNumber: issue.number, body: params.body, user, viaApp: false, createdAt: now, updatedAt: now };
    issue.comments.push(comment);
    issue.updatedAt = now;
    this.events.issueComment({ repo, issue, comment, action: "created", sender: user });
    return comment.id;
  }

  editComment(params: { repo: string; commentId: number; user: string; body: string }): void {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const { issue, comment } = this.findComment({ repo, id: params.commentId });
    const previousBody = comment.body;
    comment.body = params.body;
    comment.updatedAt = now;
    this.events.issueComment({ repo, issue, comment, action: "edited", sender: user, previousBody });
  }

  deleteComment(params: { repo: string; commentId: number; user: string }): void {
    const { repo, user } = this.act({ repo: params.repo, login: params.user });
    const { issue, comment } = this.findComment({ repo, id: params.commentId });
    issue.comments = issue.comments.filter((c) => c !== comment);
    this.events.issueComment({ repo, issue, comment, action: "deleted", sender: user });
  }

  label(params: { repo: string; number: number; user: string; label: string; remove?: boolean }): void {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const issue = this.store.requireIssue({ repo, number: params.number });
    const has = issue.labels.some((l) => l.toLowerCase() === params.label.toLowerCase());
    if (has !== Boolean(params.remove)) return;
    const name = params.remove
      ? (issue.labels.find((l) => l.toLowerCase() === params.label.toLowerCase()) ?? params.label)
      : this.ensureLabel({ repo, name: params.label });
    issue.labels = params.remove ? issue.labels.filter((l) => l !== name) : [...issue.labels, name];
    issue.updatedAt = now;
    this.store.logLabel({ issue, label: name, added: !params.remove, actor: user, viaApp: false });
    this.events.label({ repo, issue, name, added: !params.remove, sender: user });
  }

  /** "Ready for review" on a draft. */
  markReady(params: { repo: string; number: number; user: string }): void {
    this.setDraft({ ...params, draft: false });
  }

  /** "Convert to draft" on an open PR. */
  convertToDraft(params: { repo: string; number: number; user: string }): void {
    this.setDraft({ ...params, draft: true });
  }

  /** https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request: `ready_for_review`, `converted_to_draft`. */
  private setDraft(params: { repo: string; number: number; user: string; draft: boolean }): void {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const issue = this.pullRequest({ repo, number: params.number });
    if (issue.pull) issue.pull.draft = params.draft;
    issue.updatedAt = now;
    this.events.pullRequest({ repo, issue, action: params.draft ? "converted_to_draft" : "ready_for_review", sender: user });
  }

  /**
   * Edits a PR's title or moves its base to another branch; GitHub sends
   * `edited` with the previous values in `changes`.
   * https://docs.github.com/webhooks/webhook-events-and-payloads?actionType=edited#pull_request
   */
  editPullRequest(params: { repo: string; number: number; user: string; title?: string; base?: string }): void {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const issue = this.pullRequest({ repo, number: params.number });
    const pull = issue.pull;
    if (!pull) return;
    const changes: Record<string, unknown> = {};
    if (params.title !== undefined && params.title !== issue.title) {
      changes.title = { from: issue.title };
      issue.title = params.title;
    }
    if (params.base !== undefined && params.base !== pull.baseRef) {
      if (!repo.branches.has(params.base)) throw new Error(`${params.repo} has no branch ${params.base}`);
      changes.base = { ref: { from: pull.baseRef }, sha: { from: repo.branches.get(pull.baseRef) ?? "" } };
      pull.baseRef = params.base;
    }
    issue.updatedAt = now;
    this.events.pullRequest({ repo, issue, action: "edited", sender: user, extra: { changes } });
  }

  /**
   * Closes an issue or a PR without merging. GitHub sends `pull_request.closed`
   * for a PR and `issues.closed` for an issue.
   * https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request
   */
  close(params: { repo: string; number: number; user: string }): void {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const issue = this.store.requireIssue({ repo, number: params.number });
    issue.state = "closed";
    issue.closedAt = now;
    issue.updatedAt = now;
    if (issue.pull) this.events.pullRequest({ repo, issue, action: "closed", sender: user });
    else this.events.issueClosed({ repo, issue, sender: user });
  }

  /** "Re-run" on a check run in GitHub's UI. */
  rerequestCheck(params: { repo: string; checkRunId: number; user: string }): void {
    const { repo, user } = this.act({ repo: params.repo, login: params.user });
    const run = repo.checkRuns.find((r) => r.id === params.checkRunId);
    if (!run) throw new Error(`${params.repo} has no check run ${params.checkRunId}`);
    this.events.checkRun({ repo, run, action: "rerequested", sender: user });
  }

  /**
   * "Re-run all checks" on the suite of a check run: GitHub sends
   * `check_suite.rerequested` to the app that made the suite.
   * https://docs.github.com/webhooks/webhook-events-and-payloads#check_suite
   */
  rerequestCheckSuite(params: { repo: string; checkRunId: number; user: string }): void {
    const { repo, user } = this.act({ repo: params.repo, login: params.user });
    const run = repo.checkRuns.find((r) => r.id === params.checkRunId);
    if (!run) throw new Error(`${params.repo} has no check run ${params.checkRunId}`);
    this.events.checkSuite({ repo, run, action: "rerequested", sender: user });
  }
}
