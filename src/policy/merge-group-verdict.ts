import type { Rule } from "../config/types.js";
import { pathMatchesRule } from "./match-rules.js";
import type { ChangedFile, ExistingCheck } from "./types.js";

/**
 * A merge group's `head_ref`: `refs/heads/gh-readonly-queue/{base}/pr-{number}-{parent sha}`.
 * GitHub makes it; the number is the PR the group adds to its parent (the
 * previous group, or the branch when the queue was empty).
 * https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue
 */
const QUEUE_REF = /^refs\/heads\/gh-readonly-queue\/.+\/pr-([1-9]\d{0,9})-[0-9a-f]{40}$/;

/** The PR a merge group adds to its parent, from its ref; null for a ref that isn't a merge queue's. */
export function queuedPullNumber(headRef: string): number | null {
  const number = QUEUE_REF.exec(headRef)?.[1];
  return number === undefined ? null : Number(number);
}

/** What Gavel knows of the PR a merge group adds, read after governing it afresh. */
export interface QueuedPull {
  number: number;
  open: boolean;
  headSha: string;
  /** Its files at its head, with each one's blob (`change.blobSha`); complete or not. */
  files: ChangedFile[];
  filesComplete: boolean;
  /** Gavel's `governance` check on its head. */
  check: ExistingCheck | null;
}

export interface MergeGroupFacts {
  /** The PR the group adds, from its ref (null: not a merge queue's ref). */
  pullNumber: number | null;
  /** What the group changes on its parent; null when GitHub can't list it all (over 300 files, an unknown commit). */
  files: ChangedFile[] | null;
  rules: readonly Rule[];
  /** Null unless the group changes governed files. */
  pull: QueuedPull | null;
}

export type MergeGroupVerdict =
  | { kind: "ungoverned"; pullNumber: number | null }
  | { kind: "approved"; pull: QueuedPull; paths: string[] }
  | { kind: "unknown-files" }
  | { kind: "not-a-queue" }
  | { kind: "pull-not-open"; pullNumber: number }
  | { kind: "pull-not-passing"; pull: QueuedPull }
  | { kind: "differs"; pull: QueuedPull; paths: string[] };

/**
 * The `governance` check of a merge group, pure: each group adds one PR to
 * its parent, whose own check covered what came before. A group that
 * changes no governed file passes. One that does passes only when its PR
 * passes at its own head and each governed file the group changes is, blob
 * for blob, the file that PR's maintainers approved: a merge that changed
 * it in between (the base moved under the queue) fails closed.
 */
export function decideMergeGroup(facts: MergeGroupFacts): MergeGroupVerdict {
  if (facts.files === null) return { kind: "unknown-files" };
  const governed = governedGroupFiles({ files: facts.files, rules: facts.rules });
  if (governed.length === 0) return { kind: "ungoverned", pullNumber: facts.pullNumber };
  if (facts.pullNumber === null) return { kind: "not-a-queue" };
  const { pull } = facts;
  if (pull === null || !pull.open) return { kind: "pull-not-open", pullNumber: facts.pullNumber };
  if (pull.check?.status !== "completed" || pull.check.conclusion !== "success") return { kind: "pull-not-passing", pull };
  const paths = governed.map((file) => file.path);
  const differs = governed.filter((file) => !sameChange({ group: file, files: pull.files }));
  if (differs.length > 0 || !pull.filesComplete) return { kind: "differs", pull, paths: differs.map((file) => file.path) };
  return { kind: "approved", pull, paths };
}

/** The files of a merge group some rule's paths govern, by their path or their former path. */
export function governedGroupFiles(params: { files: readonly ChangedFile[]; rules: readonly Rule[] }): ChangedFile[] {
  const governs = (path: string) => params.rules.some((rule) => pathMatchesRule({ rule, path }));
  return params.files.filter((file) => governs(file.path) || (file.previousPath !== null && governs(file.previousPath)));
}

/** The PR changes the file as the group does: same path, same status, same blob (a removal has none). */
function sameChange(params: { group: ChangedFile; files: readonly ChangedFile[] }): boolean {
  const { group } = params;
  const own = params.files.find((file) => file.path === group.path && file.previousPath === group.previousPath);
  if (!own?.change || !group.change) return false;
  if (own.change.status !== group.change.status) return false;
  return group.change.status === "removed" || (group.change.blobSha !== null && own.change.blobSha === group.change.blobSha);
}
