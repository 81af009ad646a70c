import { applyChanges, CommitGraph, type Commit, type TreeEntry } from "./model/git.js";
import type { Account, Comment, Installation, Issue, Repo, Review, ReviewState } from "./model/store.js";
import { SandboxControls } from "./driver-controls.js";
import type { GitHubEvents } from "./webhooks/events.js";

/** Files to change: path → new text (or `{ symlink: target }` for a symbolic link), or null to delete. */
export type FileChanges = Record<string, TreeEntry | null>;

const REVIEW_STATES: Record<"APPROVE" | "REQUEST_CHANGES" | "COMMENT", ReviewState> = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", COMMENT: "COMMENTED" };

/**
 * What people do on GitHub, for scripts and tests: each action changes the
 * sandbox's state as GitHub would and sends the webhooks GitHub would send.
 * Repositories are named "owner/name". Every action first moves the sandbox
 * clock on by `tickMs` (people take time), so each change has its own instant.
 * Reads, faults and the clock come from `SandboxControls`.
 */
export class GitHubDriver extends SandboxControls {
  private get events(): GitHubEvents {
    return this.deps.sandbox.events;
  }

  /** Installs the app on an account (an organization unless it exists as a user). */
  installApp(params: { account: string; suspended?: boolean }): Installation {
    const { store } = this;
    const existing = store.installationFor(params.account);
    if (existing) return existing;
    const installation: Installation = { id: store.nextId(), account: store.account({ login: params.account, type: "Organization" }), suspendedAt: params.suspended ? store.clock.iso() : null, createdAt: store.clock.iso() };
    store.installations.push(installation);
    return installation;
  }

  /**
   * A repository whose default branch holds `files`, plus a MAINTAINERS.md
   * listing `maintainers` when given. The app is installed on the owner
   * unless `install` is false.
   */
  createRepo(params: { repo: string; files?: FileChanges; maintainers?: string[]; defaultBranch?: string; install?: boolean }): void {
    const { store } = this;
    const [owner = "", name = ""] = params.repo.split("/");
    if (store.repo({ owner, name })) throw new Error(`${params.repo} exists already`);
    const account = store.account({ login: owner, type: "Organization" });
    if (params.install !== false) this.installApp({ account: owner });
    const defaultBranch = params.defaultBranch ?? "main";
    const graph = new CommitGraph();
    const maintainers: FileChanges = params.maintainers ? { "MAINTAINERS.md": maintainersFile(params.maintainers) } : {};
    const tree = applyChanges({ tree: new Map(), changes: { ...maintainers, ...params.files } });
    const root = graph.add({ parents: [], tree, message: "Initial commit", author: owner, date: store.clock.iso() });
    const repo: Repo = { id: store.nextId(), owner: account, name, defaultBranch, graph, branches: new Map([[defaultBranch, root.sha]]), labels: new Map(), issues: new Map(), checkRuns: [], createdAt: store.clock.iso() };
    store.repos.set(params.repo.toLowerCase(), repo);
  }

  /** An org team with active members (and pending invitations, which GitHub does not list as members). */
  createTeam(params: { org: string; slug: string; members: string[]; pending?: string[] }): void {
    const { store } = this;
    store.teams.set(`${params.org}/${params.slug}`.toLowerCase(), { id: store.nextId(), org: params.org, slug: params.slug, members: params.members, pending: params.pending ?? [] });
  }

  /** Opens a PR from a new branch with one commit on the default branch's head; returns its number. */
  openPullRequest(params: { repo: string; author: string; title: string; files: FileChanges; body?: string; branch?: string; draft?: boolean; labels?: string[] }): number {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.author });
    const number = this.nextNumber(repo);
    const branch = params.branch ?? `${params.author}/change-${number}`;
    const base = repo.branches.get(repo.defaultBranch) ?? "";
    const commit = this.commit({ repo, parent: base, changes: params.files, message: params.title, author: params.author });
    repo.branches.set(branch, commit.sha);
    for (const label of params.labels ?? []) this.ensureLabel({ repo, name: label });
    const issue: Issue = { number, id: this.store.nextId(), title: params.title, body: params.body ?? "", user, state: "open", labels: [...(params.labels ?? [])], createdAt: now, updatedAt: now, closedAt: null, comments: [], pull: { id: this.store.nextId(), headRef: branch, baseRef: repo.defaultBranch, draft: params.draft ?? false, reviews: [] } };
    repo.issues.set(number, issue);
    this.events.pullRequest({ repo, issue, action: "opened", sender: user });
    return number;
  }

  /** Opens an issue; returns its number. */
  openIssue(params: { repo: string; author: string; title: string; body?: string }): number {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.author });
    const number = this.nextNumber(repo);
    const issue: Issue = { number, id: this.store.nextId(), title: params.title, body: params.body ?? "", user, state: "open", labels: [], createdAt: now, updatedAt: now, closedAt: null, comments: [], pull: null };
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

  /** Pushes one commit to the default branch (a merge, or a direct push); returns the new head. */
  pushToDefaultBranch(params: { repo: string; author: string; files: FileChanges; message?: string }): string {
    const { repo, user } = this.act({ repo: params.repo, login: params.author });
    const before = repo.branches.get(repo.defaultBranch) ?? "";
    const commit = this.commit({ repo, parent: before, changes: params.files, message: params.message ?? "Update", author: params.author });
    repo.branches.set(repo.defaultBranch, commit.sha);
    this.events.push({ repo, branch: repo.defaultBranch, before, commits: [commit], pusher: user });
    return commit.sha;
  }

  /** Submits a review on the PR's current head; returns its id. */
  review(params: { repo: string; number: number; user: string; state: "APPROVE" | "REQUEST_CHANGES" | "COMMENT"; body?: string }): number {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const issue = this.pullRequest({ repo, number: params.number });
    const review: Review = { id: this.store.nextId(), user, state: REVIEW_STATES[params.state], body: params.body ?? "", commitId: repo.branches.get(issue.pull?.headRef ?? "") ?? "", submittedAt: now };
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
    this.ensureLabel({ repo, name: params.label });
    issue.labels = params.remove ? issue.labels.filter((l) => l.toLowerCase() !== params.label.toLowerCase()) : [...issue.labels, params.label];
    issue.updatedAt = now;
    this.events.label({ repo, issue, name: params.label, added: !params.remove, sender: user });
  }

  markReady(params: { repo: string; number: number; user: string }): void {
    const { repo, user, now } = this.act({ repo: params.repo, login: params.user });
    const issue = this.pullRequest({ repo, number: params.number });
    if (issue.pull) issue.pull.draft = false;
    issue.updatedAt = now;
    this.events.pullRequest({ repo, issue, action: "ready_for_review", sender: user });
  }

  /** "Re-run" on a check run in GitHub's UI. */
  rerequestCheck(params: { repo: string; checkRunId: number; user: string }): void {
    const { repo, user } = this.act({ repo: params.repo, login: params.user });
    const run = repo.checkRuns.find((r) => r.id === params.checkRunId);
    if (!run) throw new Error(`${params.repo} has no check run ${params.checkRunId}`);
    this.events.checkRun({ repo, run, action: "rerequested", sender: user });
  }

  /** The repository and actor of an action, after the clock's tick. */
  private act(params: { repo: string; login: string }): { repo: Repo; user: Account; now: string } {
    this.store.clock.advance(this.deps.tickMs);
    return { repo: this.store.requireRepo(params.repo), user: this.store.account({ login: params.login }), now: this.store.clock.iso() };
  }

  private pullRequest(params: { repo: Repo; number: number }): Issue {
    const issue = this.store.requireIssue(params);
    if (!issue.pull) throw new Error(`#${params.number} is an issue, not a pull request`);
    return issue;
  }

  private findComment(params: { repo: Repo; id: number }): { issue: Issue; comment: Comment } {
    for (const issue of params.repo.issues.values()) {
      const comment = issue.comments.find((c) => c.id === params.id);
      if (comment) return { issue, comment };
    }
    throw new Error(`no comment ${params.id}`);
  }

  private commit(params: { repo: Repo; parent: string; changes: FileChanges; message: string; author: string }): Commit {
    const { repo } = params;
    const tree = applyChanges({ tree: repo.graph.get(params.parent)?.tree ?? new Map(), changes: params.changes });
    return repo.graph.add({ parents: [params.parent], tree, message: params.message, author: params.author, date: this.store.clock.iso() });
  }

  private nextNumber(repo: Repo): number {
    return Math.max(0, ...repo.issues.keys()) + 1;
  }

  private ensureLabel(params: { repo: Repo; name: string }): void {
    const key = params.name.toLowerCase();
    if (!params.repo.labels.has(key)) params.repo.labels.set(key, { id: this.store.nextId(), name: params.name, color: "ededed", description: null });
  }
}

/** A MAINTAINERS.md in the common table style. */
export function maintainersFile(logins: string[]): string {
  const rows = logins.map((login) => `| ${login[0]?.toUpperCase() ?? ""}${login.slice(1)} | @${login} |`);
  return ["# Maintainers", "", "| Name | GitHub |", "| --- | --- |", ...rows, ""].join("\n");
}
