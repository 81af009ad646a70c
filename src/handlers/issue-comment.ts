import type { Context } from "probot";
import { parseVoteCommands, type VoteCommand } from "../commands/parse-vote-commands.js";
import { gatewayFor, type GavelDeps } from "../items/gavel-deps.js";
import { reconcileVote } from "../votes/reconcile-vote.js";
import { runVoteCommand } from "../votes/run-vote-command.js";
import type { CommentTampering } from "../state/read-votes.js";
import type { ThreadTarget } from "../votes/vote-thread.js";
import { type FieldPaths, REPOSITORY_FIELDS, requirePayload } from "./require-payload.js";

/** What the handler reads of an `issue_comment` payload. */
const COMMENT_FIELDS: FieldPaths = {
  ...REPOSITORY_FIELDS,
  "issue.number": "number",
  "comment.id": "number",
  "comment.html_url": "string",
  "comment.created_at": "string",
  "sender.type": "string",
  "sender.id": "number",
  "sender.login": "string",
};

export const COMMENT_EVENTS = ["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"] as const;

/**
 * `/vote` in a comment. A new comment's first command other than a ballot is
 * carried out (its ballot, if any, is tallied too), else its ballot is
 * counted. An edited or deleted comment can only void a ballot not yet
 * counted, so the vote is reconciled. Anyone but Gavel's own account (a
 * person, another app, another bot) editing or deleting one of Gavel's
 * comments is tampering: the vote is reconciled with what the webhook says
 * (who, when, the former text). Bots' comments (Gavel's included) and
 * comments without a command cost no API call.
 */
export async function onIssueComment(params: { context: Context<(typeof COMMENT_EVENTS)[number]>; deps: GavelDeps }): Promise<void> {
  const { context, deps } = params;
  const { payload } = context;
  requirePayload({ context, fields: COMMENT_FIELDS });
  const { comment } = payload;
  const repo = context.repo();
  const target: ThreadTarget = {
    item: { installationId: payload.installation?.id ?? 0, ...repo, number: payload.issue.number, kind: "vote" },
    gateway: gatewayFor({ deps, github: context.octokit, repo }),
  };
  if (comment.performed_via_github_app?.id === deps.appId && comment.user?.type === "Bot") {
    target.gateway.noteAppComment({ number: target.item.number, commentId: comment.id, action: payload.action });
    // Anyone but Gavel's own account editing or deleting Gavel's comment is tampering, whatever it now says.
    if (payload.action !== "created" && payload.sender.id !== comment.user.id) await reconcileVote({ target, deps, tampering: tampering({ payload, deps }) });
    return;
  }
  if (comment.user?.type === "Bot") return;
  const commands = parseVoteCommands(comment.body ?? "");
  if (payload.action !== "created") {
    // Only a comment that holds or held a command can change a tally.
    const held = "changes" in payload && payload.changes.body ? parseVoteCommands(payload.changes.body.from) : [];
    if (commands.length > 0 || held.length > 0) await reconcileVote({ target, deps });
    return;
  }
  const command: VoteCommand | undefined = commands.find((c) => c.kind !== "ballot") ?? commands.at(-1);
  if (!command) return;
  const event = {
    command,
    commenter: comment.user?.login ?? "",
    commentId: comment.id,
    commentUrl: comment.html_url,
    createdAt: comment.created_at,
    alsoBallot: commands.some((c) => c.kind === "ballot"),
  };
  await runVoteCommand({ target, event, deps });
}

/** What an `edited` or `deleted` webhook of Gavel's comment says someone else did: who, when, and the text before. */
function tampering(params: { payload: Context<"issue_comment.edited" | "issue_comment.deleted">["payload"]; deps: GavelDeps }): CommentTampering {
  const { payload } = params;
  const { comment, sender } = payload;
  const base = { commentId: comment.id, url: comment.html_url, by: sender.login };
  if (payload.action === "edited") return { ...base, action: "edited", at: comment.updated_at, former: payload.changes.body?.from ?? comment.body };
  // A deletion's payload carries no time of its own: when Gavel heard of it.
  return { ...base, action: "deleted", at: params.deps.now().toISOString(), former: comment.body };
}
