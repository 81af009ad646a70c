import { describeUnusableFile, type UnusableFile } from "../messages/error-report.js";
import type { RepoRef } from "./client.js";

/**
 * A file on the default branch that GitHub served but Gavel can't use (too
 * large, or not a file). Unlike a failed read, trying again can't help: only
 * a push that changes the file can, and such a push re-evaluates the open
 * pull requests (see `onPush`). So it is reported as a permanent failure,
 * never as an evaluation error that is retried.
 */
export class UnusableFileError extends Error {
  readonly repo: RepoRef;
  readonly file: UnusableFile;
  constructor(params: { repo: RepoRef; file: UnusableFile }) {
    super(`${params.repo.owner}/${params.repo.repo}:${params.file.path} can't be used: ${describeUnusableFile(params.file)}`);
    this.name = "UnusableFileError";
    this.repo = params.repo;
    this.file = params.file;
  }
}
