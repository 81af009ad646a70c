import type { Context } from "probot";
import { parseVoteCommands, type VoteCommand } from "../commands/parse-vote-commands.js";
import type { GavelDeps } from "./deps.js";
import { reconcileVote } from "./reconcile-vote.js";
import { REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";
import { runVoteCommand } from "./run-vote-command.js";
import { threadKey, type ThreadTarget } from "./vote-thread.js";

export const COMMENT_EVENTS = ["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"] as const;

/**
 * `/vote` in a comment. A new comment's first command other than a ballot is
 * carried out (its ballot, if any, is tallied too), else its ballot is
 * counted. An edited or deleted comment can only void or remove a ballot, so
 * the vote is reconciled. Someone else editing or deleting one of Gavel's own
 * comments is reconciled too: that is how tampering is caught. Bots' comments
 * (Gavel's included) and comments without a command cost no API call.
 */
export async function onIssueComment(params: { context: Context<(typeof COMMENT_EVENTS)[number]>; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  requirePayload({ context, fields: { ...REPOSITORY_FIELDS, "issue.number": "number", "comment.id": "number", "comment.html_url": "string", "sender.type": "string" } });
  const comment = payload.comment;
  const target: ThreadTarget = {
    github: context.octokit,
    installationId: payload.installation?.id ?? 0,
    repo: context.repo(),
    number: payload.issue.number,
  };
  const reconcile = () => deps.locks.exclusive({ key: threadKey(target), task: () => reconcileVote({ target, deps }) });
  const ours = comment.performed_via_github_app?.id === deps.appId && comment.user?.type === "Bot";
  if (ours) {
    deps.cache.noteAppComment({ repo: target.repo, number: target.number, commentId: comment.id, action: payload.action });
    if (payload.action !== "created" && payload.sender.type !== "Bot") await reconcile();
    return;
  }
  if (comment.user?.type === "Bot") return;
  const commands = parseVoteCommands(comment.body ?? "");
  if (payload.action !== "created") {
    // Only a comment that holds or held a command can change a tally.
    const held = "changes" in payload && payload.changes.body ? parseVoteCommands(payload.changes.body.from) : [];
    if (commands.length > 0 || held.length > 0) await reconcile();
    return;
  }
  const command: VoteCommand | undefined = commands.find((c) => c.kind !== "ballot") ?? commands.at(-1);
  if (!command) return;
  const alsoBallot = commands.some((c) => c.kind === "ballot");
  const run = () =>
    runVoteCommand({ target, command, commenter: comment.user?.login ?? "", commentId: comment.id, commentUrl: comment.html_url, alsoBallot, deps });
  await deps.locks.exclusive({ key: threadKey(target), task: run });
}
