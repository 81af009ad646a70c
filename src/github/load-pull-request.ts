import type { PullRequestSnapshot } from "../policy/types.js";
import { reading, type GitHub, type RepoRef } from "./client.js";

/** The fields of a webhook's `pull_request` (full or simple) that a snapshot needs. */
export interface PullRequestPayload {
  id: number;
  number: number;
  state: string;
  draft?: boolean;
  head: { sha: string };
  base: { ref: string };
  user: { login: string; type?: string } | null;
  labels?: Array<{ name: string }> | null;
  updated_at: string;
  created_at: string;
  changed_files?: number;
  comments?: number;
}

/**
 * A webhook's PR, or null when the payload can't say whether it is a draft:
 * GitHub Enterprise Server 3.4 and 3.5 leave `pull_request.draft` out of
 * review payloads, and reading that as "ready" would announce a draft and
 * start its discussion period. Null means "read the PR".
 */
export function webhookSnapshot(pull: PullRequestPayload): PullRequestSnapshot | null {
  return typeof pull.draft === "boolean" ? snapshotFromPayload({ pull }) : null;
}

/** A webhook's PR, or (with source "api") one from a list Gavel just read. */
export function snapshotFromPayload(params: { pull: PullRequestPayload; source?: PullRequestSnapshot["source"] }): PullRequestSnapshot {
  const { pull } = params;
  return { ...common(pull), changedFiles: pull.changed_files ?? null, comments: pull.comments ?? null, source: params.source ?? "webhook" };
}

/** The PR as it is now: its current head, not a webhook's, which may be stale or out of order. */
export async function readPullRequest(params: { github: GitHub; repo: RepoRef; number: number }): Promise<PullRequestSnapshot> {
  const { github, repo, number } = params;
  const { data } = await reading({
    what: `reading pull request ${repo.owner}/${repo.repo}#${number}`,
    read: () => github.rest.pulls.get({ ...repo, pull_number: number }),
  });
  return { ...common(data), changedFiles: data.changed_files, comments: data.comments, source: "api" };
}

function common(pull: PullRequestPayload): Omit<PullRequestSnapshot, "changedFiles" | "comments" | "source"> {
  return {
    id: pull.id,
    number: pull.number,
    open: pull.state === "open",
    draft: pull.draft === true,
    headSha: pull.head.sha,
    baseRef: pull.base.ref,
    author: pull.user?.login ?? "ghost",
    authorIsBot: pull.user?.type === "Bot",
    labels: (pull.labels ?? []).map((l) => l.name),
    updatedAt: pull.updated_at,
    createdAt: pull.created_at,
  };
}

/**
 * Whether the PR is still as evaluated: open, on the same head, with the same
 * labels (a label can add a rule). Read just before publishing a success that
 * rests on facts Gavel could not tie to the head (see `loadPullRequestFiles`).
 */
export async function confirmUnchanged(params: { github: GitHub; repo: RepoRef; pr: PullRequestSnapshot }): Promise<boolean> {
  const now = await readPullRequest({ github: params.github, repo: params.repo, number: params.pr.number });
  const labels = (list: string[]) =>
    list
      .map((l) => l.toLowerCase())
      .sort()
      .join("\n");
  return now.open && now.headSha === params.pr.headSha && labels(now.labels) === labels(params.pr.labels);
}
