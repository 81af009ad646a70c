/**
 * A file Gavel reads from a repository's default branch (its config, its
 * maintainers file), as the reading layer hands it over: read, missing, or
 * there but unusable. Unusable is not an error to retry: reading it again
 * gives the same answer, and only a push that changes the file can help.
 */
export interface RepositoryFile {
  path: string;
  /** Blob SHA: content at a SHA never changes, so it is a safe cache key. */
  sha: string;
  text: string;
}

/** A file on the default branch that GitHub served but Gavel can't use. */
export type UnusableFile =
  /** `bytes` null: GitHub refused the file as over 1 MB without saying its size. */
  | { path: string; problem: "too-large"; bytes: number | null; limit: number }
  /** `type` is GitHub's for what is there instead: `dir`, `symlink` (to outside the repository) or `submodule`. */
  | { path: string; problem: "not-a-file"; type: string };

export type FileRead = { kind: "file"; file: RepositoryFile } | { kind: "missing"; path: string } | { kind: "unusable"; file: UnusableFile };
