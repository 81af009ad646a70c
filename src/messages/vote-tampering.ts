import type { VoteRecord, VoteStatus } from "../policy/vote-types.js";
import type { Notice, TamperAct } from "../state/read-votes.js";
import { fitComment } from "./fit-comment.js";
import { formatUtc, mention } from "./format.js";
import { voteSubject } from "./vote-comment.js";

/**
 * What Gavel says on a thread when someone other than Gavel edited or deleted
 * its comments (issue 14): who did what and when, and what stands. None of
 * these quotes text anyone else wrote.
 */

/** Why a vote is void, as the alert that replaces its comment says it (tamperedVoteAlert's `why`). */
export const voidCauses = {
  /** The comment's signed state fails verification. */
  marker: (reason: string) => `Its signed state was changed by someone other than Gavel (${reason})`,
  /** Someone edited the open vote's comment (a webhook said who). */
  edited: (act: TamperAct) => `${mention(act.by)} edited this comment, which holds its signed state, on ${formatUtc(act.at)}`,
  /** GitHub's label history shows Gavel had closed the vote that now reads as open. */
  reopened: (params: { label: string; at: string }) =>
    `Gavel had closed it (it labelled the thread \`${params.label}\` on ${formatUtc(params.at)}), yet this comment says it is open: an earlier text was restored and its decision record deleted`,
};

const VOID_TAIL = "It is recorded as failed. A maintainer can start a new vote with `/vote`.";

/** Takes the place of an open vote whose comment someone deleted: its marker voids the vote's position. */
export function deletedVoteNotice(params: { act: TamperAct; record: VoteRecord; marker: string }): string {
  const { act, record } = params;
  const visible = [
    "> [!CAUTION]",
    `> **A vote on this thread is void.** ${mention(act.by)} deleted the comment of an open vote (${describeVote(record)}) on ${formatUtc(act.at)}. That comment held the vote's signed state, so its ballots and deadline can no longer be shown or trusted. ${VOID_TAIL}`,
  ].join("\n");
  return fitComment({ visible, marker: params.marker, what: "notice" });
}

/** Takes the place of a vote GitHub's label history shows Gavel labelled, whose comment is gone and whose deletion Gavel never heard of. */
export function lostVoteNotice(params: { label: string; at: string; marker: string }): string {
  const visible = [
    "> [!CAUTION]",
    `> **A vote on this thread is void.** Gavel labelled this thread \`${params.label}\` on ${formatUtc(params.at)} for a vote whose comment is gone: someone deleted it, and GitHub's notice of that never reached Gavel. ${VOID_TAIL}`,
  ].join("\n");
  return fitComment({ visible, marker: params.marker, what: "notice" });
}

const DID: Record<TamperAct["action"], string> = { edited: "edited", deleted: "deleted" };

/** A short report of what someone else did to Gavel's comments, and what stands. */
export function tamperingNotice(params: { notice: Notice; marker: string }): string {
  const { notice } = params;
  const who = (what: string) =>
    notice.act ? `${mention(notice.act.by)} ${DID[notice.act.action]} ${what} on ${formatUtc(notice.act.at)}` : `${what} was changed or deleted`;
  const vote = notice.vote ? ` (${describeVote(notice.vote)})` : "";
  const stands = outcome(notice.outcome);
  const comment = notice.voteUrl ? `[its comment](${notice.voteUrl})` : "its comment";
  const text: Record<Notice["kind"], string> = {
    "vote-edited": `${who(`Gavel's comment of a decided vote${vote}`)}. Only Gavel writes that comment: ${stands}, and Gavel wrote ${comment} again.`,
    "vote-deleted": `${who(`Gavel's comment of a decided vote${vote}`)}. ${capital(stands)}: its decision record says so.`,
    "record-edited": `${who(`the decision record of a vote${vote}`)}. An edited record decides nothing, so Gavel posted it again: ${stands}.`,
    "record-deleted": `${who(`the decision record of a vote${vote}`)}. Gavel posted it again: ${stands}.`,
    "void-edited": `${who("Gavel's notice that a vote on this thread is void,")}. Gavel posted it again: the vote stays void.`,
    "void-deleted": `${who("Gavel's notice that a vote on this thread is void,")}. Gavel posted it again: the vote stays void.`,
    "record-missing": `The decision record of a vote${vote} is gone: someone other than Gavel deleted or edited it. Gavel posted it again from the vote's signed state: ${stands}.`,
  };
  return fitComment({ visible: `> [!WARNING]\n> ${text[notice.kind]}`, marker: params.marker, what: "notice" });
}

/** `\`nomination\` of @zed, asked for by @alice` */
function describeVote(record: VoteRecord): string {
  return `${voteSubject(record)}, asked for by ${mention(record.starter)}`;
}

function outcome(status: VoteStatus | null): string {
  return status === null ? "the outcome stands" : `the outcome stands (**${status}**)`;
}

function capital(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
