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

/** The labels Gavel keeps on items that time alone can change: the sweep after a start searches for them. */
export const STATE_LABELS: readonly string[] = [LABELS.governanceWaiting, LABELS.voteOpen];

/** Search's `label:` qualifier for any of the state labels (a comma-separated list is an OR). */
export const STATE_LABELS_QUERY = `label:${STATE_LABELS.map((l) => `"${l}"`).join(",")}`;

/** Prefix of the hidden HTML comments that carry Gavel's state in its own comments. */
export const MARKER_PREFIX = "gavel";
