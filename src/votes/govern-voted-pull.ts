import type { GavelDeps } from "../items/gavel-deps.js";
import { governPullRequest } from "../pull-requests/govern-pull-request.js";
import type { ThreadTarget } from "./vote-thread.js";

/**
 * A vote on a pull request's thread opened, closed or was voided: the PR's
 * `governance` check, which that vote decides (issue 16), is evaluated again.
 * The thread is two items, its votes and the PR's check; this runs after the
 * votes' lock is released, and the PR's evaluation only reads the votes
 * (from Gavel's comments), never reconciles them: no loop. Its own errors
 * fail the check closed and are retried as every evaluation's are.
 */
export async function governVotedPull(params: { target: ThreadTarget; deps: GavelDeps }): Promise<void> {
  const { item, gateway } = params.target;
  await governPullRequest({ target: { item: { ...item, kind: "pull" }, gateway, hintHeadSha: null }, deps: params.deps });
}
