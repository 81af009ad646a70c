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

/** Prefix of the hidden HTML comments that carry Gavel's state in its own comments. */
export const MARKER_PREFIX = "gavel";
