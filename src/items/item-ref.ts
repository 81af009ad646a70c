/**
 * One item Gavel keeps in step with its rules: a governed pull request, or
 * the votes on an issue or PR thread. The same identity serves the locks that
 * keep work on an item in order, the scheduler that wakes it up, and the
 * sweep that finds it again. A PR thread is two items: the PR's check, and
 * the votes in its comments.
 */
export interface ItemRef {
  /** 0 in GitHub Actions mode, where a workflow token stands for the installation. */
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  kind: "pull" | "vote";
}

/** The item's key: one spelling for every case of its owner and name. */
export function itemKey(item: ItemRef): string {
  return `${item.kind}:${item.installationId}:${item.owner}/${item.repo}#${item.number}`.toLowerCase();
}
