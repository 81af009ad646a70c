import type { GitHub } from "../github/client.js";
import { governPullRequest } from "../pull-requests/govern-pull-request.js";
import { reconcileVote } from "../votes/reconcile-vote.js";
import { gatewayFor, type GavelDeps } from "./gavel-deps.js";
import type { ItemRef } from "./item-ref.js";

/**
 * Brings one item up to date, reading everything it needs: the one way in
 * for timers, the sweep and GitHub Actions mode, which know an item but
 * carry no webhook. `github` is the installation's client (Actions mode: the
 * workflow's token).
 */
export async function evaluateItem(params: { item: ItemRef; github: GitHub; deps: GavelDeps }): Promise<void> {
  const { item, deps } = params;
  const gateway = gatewayFor({ deps, github: params.github, repo: { owner: item.owner, repo: item.repo } });
  if (item.kind === "pull") await governPullRequest({ target: { item, gateway, hintHeadSha: null }, deps });
  else await reconcileVote({ target: { item, gateway }, deps });
}
