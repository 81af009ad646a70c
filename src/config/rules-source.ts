/**
 * Where the rules a repository is governed by come from, and why: every
 * check says it (see `describeRulesSource`), so that a config that does not
 * apply is never skipped silently. Files are named as `owner/repo:path` when
 * they are in another repository, else by their path.
 */
export type RulesSource =
  /** The repository's own config. */
  | { kind: "own"; file: string }
  /** The repository's own config over the one it names with `_extends`. */
  | { kind: "extends"; file: string; base: string }
  /** No config of its own: the org's `.github` repository's, which Gavel is installed on, so changes to it are governed there. */
  | { kind: "org"; file: string; orgRepo: string; base: string | null }
  | { kind: "defaults"; why: DefaultsReason };

/**
 * Why Gavel's defaults apply. `orgRepo` is the org's `.github` repository
 * (`owner/.github`) that a repository without a config of its own falls back
 * to when Gavel is installed there.
 */
export type DefaultsReason =
  /** This repository is the org's `.github` itself, and it has no config. */
  | { kind: "no-config" }
  /** Neither this repository nor `orgRepo`, which Gavel is installed on, has a config. */
  | { kind: "none-in-org"; orgRepo: string }
  /** `orgRepo` has a config, but Gavel is not installed there: nothing governs changes to it. */
  | { kind: "org-not-governed"; orgRepo: string }
  /** Gavel is not installed on `orgRepo`, and reading it answered 404 (private, or no such repository). */
  | { kind: "org-not-installed"; orgRepo: string }
  /** Run as a GitHub Action, Gavel has no app installation to ask whether `orgRepo` is governed. */
  | { kind: "no-app"; orgRepo: string };
