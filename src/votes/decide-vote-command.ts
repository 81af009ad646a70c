import type { VoteCommand } from "../commands/parse-vote-commands.js";
import type { VotesConfig } from "../config/types.js";
import { voteReplies } from "../messages/vote-replies.js";
import { openVote } from "../policy/open-vote.js";
import { normalizeLogin } from "../policy/same-login.js";
import type { Login } from "../policy/types.js";
import type { RecordLimits, VoteRecord } from "../policy/vote-types.js";
import type { CurrentVote, StoredVote } from "../state/read-votes.js";

/** Who the maintainers are now (default branch), or why that can't be told, in a reply. */
export type Maintainers = { ok: true; voters: Login[]; votes: VotesConfig } | { ok: false; reply: string };

/** One command's request, as the event carried it. */
export interface CommandRequest {
  command: VoteCommand;
  commenter: Login;
  /** The command's comment, which a redelivery repeats. */
  commentUrl: string;
  /**
   * Its id. GitHub numbers comments in the order they are posted, so a
   * comment with a smaller id than a vote's comment was written before that
   * vote opened, however late its webhook arrives.
   */
  commentId: number;
}

/**
 * What to do about one command:
 * - reply: answer and change nothing; `refusal` when the commenter may not do
 *   what they asked, or is not known as a maintainer: such replies are limited
 *   (see replyDue), so that nobody can make Gavel write as fast as they type;
 * - reconcile: bring the vote up to date (a ballot, `status`, a redelivery), and reply if `reply`;
 * - cancel: cancel the open vote, recording who did;
 * - open: post this new vote;
 * - need-maintainers: decide again with the current maintainers (only some commands need them, and reading them costs API calls).
 */
export type VoteCommandDecision =
  | { kind: "reply"; reply: string; refusal: boolean }
  | { kind: "reconcile"; reply: string | null }
  | { kind: "cancel"; by: Login }
  | { kind: "open"; record: VoteRecord }
  | { kind: "need-maintainers" };

/** A command and the thread it lands in. */
export interface CommandSituation {
  request: CommandRequest;
  current: CurrentVote;
  /** Every vote of the thread that verifies. */
  votes: StoredVote[];
  /** null until the caller has read them (see `need-maintainers`). */
  maintainers: Maintainers | null;
  /** The position a new vote takes. */
  nextSeq: number;
  limits: RecordLimits;
  now: Date;
}

/**
 * Who may do what (docs/architecture.md, "Who may do what"): only maintainers (read now,
 * from the default branch) start or cancel a vote, the starter may always
 * cancel it, and only the open vote's electorate snapshot casts ballots. A
 * cancel acts only on a vote open when it was written (by GitHub's order of
 * comments, as ballots in tallyVote): one written earlier does nothing. The
 * subject of a vote that recuses them (a removal) can do neither: not start
 * one about themselves, nor cancel the one that is open, though they are a
 * maintainer. Anyone else gets a short reply, and nothing changes; a reply to
 * someone who may not do what they asked, or who is not known as a
 * maintainer, is a `refusal`, answered at most once an hour (replyDue). A
 * redelivered `/vote` finds the vote it opened, open or closed since: nothing
 * new opens. Pure.
 */
export function decideVoteCommand(params: CommandSituation): VoteCommandDecision {
  const { request, maintainers } = params;
  const { command, commenter } = request;
  const open = params.current.kind === "open" ? params.current.vote : null;
  const same = (a: Login, b: Login) => normalizeLogin(a) === normalizeLogin(b);
  // Known without a read: a current maintainer (when read), or a voter or the starter of the thread's latest vote.
  const latest = params.votes.at(-1)?.record;
  const known =
    (maintainers?.ok === true && maintainers.voters.some((v) => same(v, commenter))) ||
    (latest !== undefined && [latest.starter, ...latest.electorate].some((v) => same(v, commenter)));
  const reply = (text: string): VoteCommandDecision => ({ kind: "reply", reply: text, refusal: !known });
  const refuse = (text: string): VoteCommandDecision => ({ kind: "reply", reply: text, refusal: true });

  if (command.kind === "invalid") return reply(voteReplies.invalid(command));
  if (command.kind === "status") return { kind: "reconcile", reply: null };
  if (command.kind === "ballot") {
    if (!open) return reply(voteReplies.noOpenVote());
    if (!open.record.electorate.some((v) => same(v, commenter))) return refuse(voteReplies.notInElectorate(commenter));
    return { kind: "reconcile", reply: null };
  }
  if (command.kind === "start" && params.votes.some((v) => v.record.requestUrl === request.commentUrl)) return { kind: "reconcile", reply: null };
  // A cancel written before the open vote was posted (delivered late, or again) was about an earlier vote, or none.
  if (command.kind === "cancel" && open && request.commentId < open.comment.id) return { kind: "reconcile", reply: null };
  if (command.kind === "cancel" && open?.record.recused && open.record.subject !== null && same(open.record.subject, commenter))
    return refuse(voteReplies.recused(commenter));
  if (command.kind === "cancel" && open && same(open.record.starter, commenter)) return { kind: "cancel", by: commenter };

  if (!maintainers) return { kind: "need-maintainers" };
  if (!maintainers.ok) return reply(maintainers.reply);
  if (!maintainers.voters.some((v) => same(v, commenter))) return refuse(voteReplies.notMaintainer(commenter));
  if (command.kind === "cancel") return open ? { kind: "cancel", by: commenter } : reply(voteReplies.noOpenVote());
  if (open) return { kind: "reconcile", reply: voteReplies.alreadyOpen(open.comment.url) };
  const typeName = command.type ?? "default";
  const recuses = Object.hasOwn(maintainers.votes.types, typeName) && maintainers.votes.types[typeName]?.recuseSubject === true;
  if (recuses && command.subject !== null && same(command.subject, commenter)) return refuse(voteReplies.recused(commenter));
  const opened = openVote({
    votes: maintainers.votes,
    type: command.type,
    subject: command.subject,
    starter: commenter,
    voters: maintainers.voters,
    requestUrl: request.commentUrl,
    seq: params.nextSeq,
    now: params.now,
    limits: params.limits,
  });
  return opened.ok ? { kind: "open", record: opened.record } : reply(voteReplies.cannotOpen(opened.reason));
}
