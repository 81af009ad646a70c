import { CONFIG_PATH } from "../constants.js";
import { pathMatchesRule } from "../policy/match-rules.js";
import { linkMayLead } from "../policy/symlinks.js";
import type { RepoGateway } from "../github/repo-gateway.js";
import type { GavelDeps } from "../items/gavel-deps.js";
import type { ItemRef } from "../items/item-ref.js";
import { governPullRequest } from "./govern-pull-request.js";

/**
 * The rules live on the default branch. A push there first drops what the
 * stores hold of the files it touched (any repository's config may fall back
 * to or extend a file here). Then, if it changed this repository's config,
 * maintainers file or a governed path (which may now be a link to another
 * file), or `paths` is null (the push can't tell what it touched), every
 * open PR is governed again: a green PR must not stay green
 * under a stricter rule, nor a PR failed by a broken config stay failed once
 * it is fixed. Other pushes cost at most the config read. One PR failing
 * doesn't stop the others; the push then fails with every number that did.
 */
export async function afterDefaultBranchPush(params: { gateway: RepoGateway; installationId: number; paths: string[] | null; deps: GavelDeps }): Promise<void> {
  const { gateway, paths, deps } = params;
  gateway.notePush({ paths });
  if (!(await rulesMayHaveChanged({ gateway, paths }))) return;
  await governOpen({ gateway, installationId: params.installationId, deps, why: "the rules changed", onBase: null });
}

/**
 * A branch other than the default was force-pushed. The PRs based on it are
 * compared from a merge base that may have moved: their governed diff may
 * now be another than the one maintainers approved (see baseChanged), and
 * GitHub sends them no event of their own, so each is governed again now.
 */
export async function afterBranchRewrite(params: { gateway: RepoGateway; installationId: number; branch: string; deps: GavelDeps }): Promise<void> {
  params.gateway.noteBranchRewritten(params.branch);
  await governOpen({ ...params, why: `${params.branch} was force-pushed`, onBase: params.branch });
}

/** Governs every open PR (or those based on `onBase`) again; one failing doesn't stop the others, and the push then fails naming each. */
async function governOpen(params: { gateway: RepoGateway; installationId: number; deps: GavelDeps; why: string; onBase: string | null }): Promise<void> {
  const { gateway, deps } = params;
  const failed: number[] = [];
  for (const pr of await gateway.listOpenPullRequests()) {
    if (params.onBase !== null && pr.baseRef !== params.onBase) continue;
    const item: ItemRef = { installationId: params.installationId, owner: gateway.repo.owner, repo: gateway.repo.repo, number: pr.number, kind: "pull" };
    try {
      await governPullRequest({ target: { item, gateway, hintHeadSha: pr.headSha, snapshot: pr }, deps });
    } catch (error) {
      // Its check already says so; the others must still be governed again.
      failed.push(pr.number);
      const message: string = `re-evaluating ${gateway.where(pr.number)} after ${params.why} failed`;
      deps.log.error({ err: error }, message);
    }
  }
  const where = `${gateway.repo.owner}/${gateway.repo.repo}`;
  if (failed.length > 0) throw new Error(`after ${params.why} on ${where}, evaluating #${failed.join(", #")} failed`);
}

/**
 * The config, the maintainers file, or a governed path: a governed file may
 * have become a symbolic link (or another one), which governs its target in
 * every open PR.
 */
async function rulesMayHaveChanged(params: { gateway: RepoGateway; paths: string[] | null }): Promise<boolean> {
  if (params.paths === null) return true;
  const touched = new Set(params.paths.map((p) => p.toLowerCase()));
  if (touched.has(CONFIG_PATH)) return true;
  const config = await params.gateway.loadConfig();
  if (!config.ok) return false;
  const file = config.config.maintainers.file;
  if (file !== null && touched.has(file.toLowerCase())) return true;
  return params.paths.some((path) => config.config.rules.some((rule) => pathMatchesRule({ rule, path }) || linkMayLead({ rules: [rule], path })));
}
