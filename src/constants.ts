/**
 * Names that users meet. Each is defined once, here: branch protection pins the
 * check name, the sweep searches by the labels, and the config path is governed
 * whatever a config says.
 */
export const CHECK_NAME = "governance";
export const CONFIG_PATH = ".github/governance.yml";

export const LABELS = {
  governanceWaiting: "governance: waiting",
  voteOpen: "vote: open",
  votePassed: "vote: passed",
  voteFailed: "vote: failed",
  voteCancelled: "vote: cancelled",
} as const;

/**
 * Whether an item's labels include `label`. GitHub's label names are
 * case-insensitive: in a repository that already has "Vote: Open", Gavel's
 * "vote: open" is that label.
 * https://docs.github.com/rest/issues/labels#add-labels-to-an-issue
 */
export function hasLabel(params: { labels: readonly string[]; label: string }): boolean {
  const wanted = params.label.toLowerCase();
  return params.labels.some((l) => l.toLowerCase() === wanted);
}

/** Whether `label` is one of Gavel's own labels, in any case. */
export function isGavelLabel(label: string): boolean {
  return hasLabel({ labels: Object.values(LABELS), label });
}

/** The labels Gavel keeps on items that time alone can change: the sweep after a start searches for them. */
export const STATE_LABELS: readonly string[] = [LABELS.governanceWaiting, LABELS.voteOpen];

/** Search's `label:` qualifier for any of the state labels (a comma-separated list is an OR). */
export const STATE_LABELS_QUERY = `label:${STATE_LABELS.map((l) => `"${l}"`).join(",")}`;

/** Prefix of the hidden HTML comments that carry Gavel's state in its own comments. */
export const MARKER_PREFIX = "gavel";
