import { applyChanges, type Commit, type TreeEntry } from "./model/git.js";
import type { Account, Comment, Issue, Repo } from "./model/store.js";
import { SandboxControls } from "./driver-controls.js";
import type { GitHubEvents } from "./webhooks/events.js";

/** Files to change: path → new text (or `{ symlink: target }` for a symbolic link), or null to delete. */
export type FileChanges = Record<string, TreeEntry | null>;

/**
 * What every driver action shares: the clock's tick before it, the objects it
 * acts on, and how it makes commits. The actions themselves are in
 * `driver-git.ts` (branches and history) and `driver.ts` (people on issues
 * and pull requests).
 */
export class DriverBase extends SandboxControls {
  protected get events(): GitHubEvents {
    return this.deps.sandbox.events;
  }

  /** The repository and actor of an action, after the clock's tick. */
  protected act(params: { repo: string; login: string }): { repo: Repo; user: Account; now: string } {
    this.store.clock.advance(this.deps.tickMs);
    return { repo: this.store.requireRepo(params.repo), user: this.store.account({ login: params.login }), now: this.store.clock.iso() };
  }

  protected pullRequest(params: { repo: Repo; number: number }): Issue {
    const issue = this.store.requireIssue(params);
    if (!issue.pull) throw new Error(`#${params.number} is an issue, not a pull request`);
    return issue;
  }

  protected findComment(params: { repo: Repo; id: number }): { issue: Issue; comment: Comment } {
    for (const issue of params.repo.issues.values()) {
      const comment = issue.comments.find((c) => c.id === params.id);
      if (comment) return { issue, comment };
    }
    throw new Error(`no comment ${params.id}`);
  }

  protected commit(params: { repo: Repo; parent: string; changes: FileChanges; message: string; author: string }): Commit {
    const { repo } = params;
    const tree = applyChanges({ tree: repo.graph.get(params.parent)?.tree ?? new Map(), changes: params.changes });
    return repo.graph.add({ parents: [params.parent], tree, message: params.message, author: params.author, date: this.store.clock.iso() });
  }

  protected nextNumber(repo: Repo): number {
    return Math.max(0, ...repo.issues.keys()) + 1;
  }

  /**
   * The repository's label of that name, created if missing. Label names are
   * case-insensitive: an issue labelled "vote: open" in a repository that has
   * "Vote: Open" carries "Vote: Open".
   * https://docs.github.com/issues/using-labels-and-milestones-to-track-work/managing-labels
   */
  protected ensureLabel(params: { repo: Repo; name: string }): string {
    const key = params.name.toLowerCase();
    if (!params.repo.labels.has(key)) params.repo.labels.set(key, { id: this.store.nextId(), name: params.name, color: "ededed", description: null });
    return params.repo.labels.get(key)?.name ?? params.name;
  }
}
