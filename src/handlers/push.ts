import type { Context } from "probot";
import { CONFIG_PATH } from "../constants.js";
import { reading } from "../github/client.js";
import { loadConfig } from "../github/load-config.js";
import { snapshotFromPayload } from "../github/load-pull-request.js";
import type { GavelDeps } from "./deps.js";
import { governPullRequest } from "./govern-pull-request.js";
import { REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

/** GitHub lists at most this many commits in a push payload; a longer push may touch anything. */
const PUSH_COMMIT_LIMIT = 20;

/**
 * The rules live on the default branch. A push there first drops what the
 * cache holds of the files it touched (any repository's config may fall back
 * to or extend a file here). Then, if it changed this repository's config or
 * maintainers file, every open PR is evaluated again: a green PR must not
 * stay green under a stricter rule, nor a PR failed by a broken config stay
 * failed once it is fixed. Other pushes cost at most the config read.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#push
 */
export async function onPush(params: { context: Context<"push">; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  requirePayload({ context, fields: { ...REPOSITORY_FIELDS, ref: "string", "repository.default_branch": "string", "commits.*": "object" } });
  if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
  const paths = payload.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]);
  const touched = new Set(paths.map((p) => p.toLowerCase()));
  const truncated = payload.commits.length >= PUSH_COMMIT_LIMIT || payload.forced;
  const github = context.octokit;
  const repo = context.repo();
  deps.cache.forgetDefaultBranch({ repo, paths: truncated ? null : paths });
  let relevant = truncated || touched.has(CONFIG_PATH);
  if (!relevant) {
    const config = await loadConfig({ github, repo, cache: deps.cache });
    const file = config.ok ? config.config.maintainers.file : null;
    relevant = file !== null && touched.has(file.toLowerCase());
  }
  if (!relevant) return;
  const open = await reading({
    what: `listing open pull requests of ${repo.owner}/${repo.repo}`,
    read: () => github.paginate(github.rest.pulls.list, { ...repo, state: "open", per_page: 100 }),
  });
  const installationId = payload.installation?.id ?? 0;
  const failed: number[] = [];
  for (const pr of open) {
    try {
      await governPullRequest({ target: { github, installationId, repo, number: pr.number, hintHeadSha: pr.head.sha, snapshot: snapshotFromPayload({ pull: pr, source: "api" }) }, deps });
    } catch (error) {
      // Its check already says so; the others must still be re-evaluated.
      failed.push(pr.number);
      const message: string = `re-evaluating ${repo.owner}/${repo.repo}#${pr.number} after the rules changed failed`;
      deps.log.error({ err: error }, message);
    }
  }
  if (failed.length > 0) throw new Error(`after the rules changed on ${repo.owner}/${repo.repo}, evaluating #${failed.join(", #")} failed`);
}
