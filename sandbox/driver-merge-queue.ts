import type { FileChanges } from "./driver-base.js";
import { RepositoryActions } from "./driver-repos.js";
import type { TreeEntry } from "./model/git.js";
import { mergeLines } from "./model/merge-lines.js";
import type { CheckRun } from "./model/store.js";

/** A PR in a base branch's merge queue, and the merge group GitHub built for it. */
interface QueuedGroup {
  number: number;
  headSha: string;
  branch: string;
}

/**
 * A merge queue, as GitHub runs one for a branch that requires it: each PR
 * added to the queue gets a merge group, a commit on a temporary
 * `gh-readonly-queue/{base}/pr-{number}-{parent sha}` branch that merges the
 * PR onto the previous group (or onto the branch when the queue is empty),
 * and a `merge_group.checks_requested` webhook asking for the required
 * checks on it. GitHub sends a `push` for the new branch too. A group that
 * passes is merged by moving the base branch to its head.
 * https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue
 * https://github.blog/changelog/2022-08-18-merge-group-webhook-event-and-github-actions-workflow-trigger/
 */
export class MergeQueueActions extends RepositoryActions {
  private readonly queues = new Map<string, QueuedGroup[]>();

  /** Adds the PR to its base branch's merge queue; returns the merge group's head commit. */
  enqueue(params: { repo: string; number: number; user: string }): string {
    const { repo, user } = this.act({ repo: params.repo, login: params.user });
    const issue = this.store.requireIssue({ repo, number: params.number });
    if (!issue.pull || issue.state !== "open") throw new Error(`#${params.number} is not an open pull request`);
    const base = issue.pull.baseRef;
    const key = `${params.repo}:${base}`;
    const queue = this.queues.get(key) ?? [];
    const parent = queue.at(-1)?.headSha ?? repo.branches.get(base) ?? "";
    const prHead = repo.branches.get(issue.pull.headRef) ?? "";
    const diff = repo.graph.compare({ base: repo.branches.get(base) ?? "", head: prHead });
    const headTree = repo.graph.get(prHead)?.tree;
    const parentTree = repo.graph.get(parent)?.tree;
    if (!diff || !headTree || !parentTree) throw new Error(`#${params.number}: its head can't be merged`);
    // Git's merge of the PR onto the group's parent: a file only the PR changed takes its version; one both changed
    // is merged line by line; a conflict keeps the PR out of the queue, as GitHub does.
    const changes: FileChanges = {};
    const merged = (path: string): TreeEntry | null => {
      const [was, theirs, ours] = [diff.mergeBase.tree.get(path), headTree.get(path), parentTree.get(path)];
      if (ours === was || ours === theirs) return theirs ?? null;
      if (typeof was !== "string" || typeof theirs !== "string" || typeof ours !== "string") throw new Error(`#${params.number} conflicts on ${path}`);
      const text = mergeLines({ base: was, ours, theirs });
      if (text === null) throw new Error(`#${params.number} conflicts on ${path}`);
      return text;
    };
    for (const file of diff.files) {
      if (file.previousFilename) changes[file.previousFilename] = merged(file.previousFilename);
      changes[file.filename] = merged(file.filename);
    }
    const head = this.commit({ repo, parent, changes, message: `Merge pull request #${params.number}`, author: params.user });
    const branch = `gh-readonly-queue/${base}/pr-${params.number}-${parent}`;
    repo.branches.set(branch, head.sha);
    queue.push({ number: params.number, headSha: head.sha, branch });
    this.queues.set(key, queue);
    this.events.push({ repo, branch, before: "0".repeat(40), commits: [head], pusher: user, created: true, after: head.sha });
    this.events.mergeGroup({ repo, head, headRef: branch, baseSha: parent, baseRef: base, sender: user });
    return head.sha;
  }

  /** The check branch protection would read on a commit: the newest run of that name. */
  latestCheckOn(params: { repo: string; sha: string; name?: string }): CheckRun | null {
    const repo = this.store.requireRepo(params.repo);
    return repo.checkRuns.filter((r) => r.headSha === params.sha && r.name === (params.name ?? "governance")).at(-1) ?? null;
  }
}
