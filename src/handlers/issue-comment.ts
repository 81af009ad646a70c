import type { Context } from "probot";
import { parseVoteCommands, type VoteCommand } from "../commands/parse-vote-commands.js";
import type { GavelDeps } from "./deps.js";
import { runVoteCommand } from "./run-vote-command.js";
import { reconcileVote, threadKey, type ThreadTarget } from "./reconcile-vote.js";

export const COMMENT_EVENTS = ["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"] as const;

/**
 * `/vote` in a comment. A new comment's first command other than a ballot
 * is carried out, else its ballot is counted; an edited or deleted comment
 * can only void or remove a ballot, so the vote is reconciled. Comments by
 * bots, Gavel included, and comments without a command cost no API call.
 */
export async function onIssueComment(params: { context: Context<(typeof COMMENT_EVENTS)[number]>; deps: GavelDeps }): Promise<void> {
  const { payload } = params.context;
  const comment = payload.comment;
  if (comment.user?.type === "Bot" || comment.performed_via_github_app) return;
  const commands = parseVoteCommands(comment.body ?? "");
  if (commands.length === 0 && payload.action === "created") return;
  const target: ThreadTarget = {
    github: params.context.octokit,
    installationId: payload.installation?.id ?? 0,
    repo: params.context.repo(),
    number: payload.issue.number,
  };
  if (payload.action !== "created") {
    // Only a comment that holds or held a ballot can change a tally.
    const held = "changes" in payload && payload.changes.body ? parseVoteCommands(payload.changes.body.from) : [];
    if (commands.length > 0 || held.length > 0) await params.deps.locks.exclusive({ key: threadKey(target), task: () => reconcileVote({ target, deps: params.deps }) });
    return;
  }
  const command: VoteCommand | undefined = commands.find((c) => c.kind !== "ballot") ?? commands.at(-1);
  if (!command) return;
  const run = () =>
    runVoteCommand({ target, command, commenter: comment.user?.login ?? "", commentUrl: comment.html_url, deps: params.deps });
  await params.deps.locks.exclusive({ key: threadKey(target), task: run });
}
