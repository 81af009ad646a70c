import type { UnusableFile } from "../config/repository-file.js";
import type { RulesSource } from "../config/rules-source.js";
import type { ConfigProblem } from "../config/types.js";
import type { ExistingCheck, PullRequestFacts, PullRequestSnapshot, RuleMatch } from "../policy/types.js";

/** Everything one evaluation of a PR read, for every way the reading can end. */
export type LoadedPullRequest =
  | { kind: "closed"; pr: PullRequestSnapshot }
  /** The file list belongs to a newer head than the snapshot: evaluate again from a fresh read. */
  | { kind: "moved"; pr: PullRequestSnapshot; listedAt: string }
  | { kind: "invalid-config"; pr: PullRequestSnapshot; problems: ConfigProblem[]; existing: ExistingCheck | null }
  /** The maintainers file is there but Gavel can't use it: like an invalid config, only a fix on the default branch helps. */
  | { kind: "unusable-file"; pr: PullRequestSnapshot; file: UnusableFile; existing: ExistingCheck | null }
  | ReadyPullRequest;

export interface ReadyPullRequest {
  kind: "ready";
  pr: PullRequestSnapshot;
  /** Where the rules come from and why: the check says it. */
  rules: RulesSource;
  /** The rules that apply, matched once here. */
  matches: RuleMatch[];
  facts: PullRequestFacts;
  existing: ExistingCheck | null;
  /** Later copies of an announcement (two replicas raced), to delete. */
  duplicates: number[];
  /** Whether the file list is provably the head's; if not, a success must be confirmed first. */
  filesAtHead: boolean;
  reviewsEtag: string | null;
}
