import { fitComment } from "./fit-comment.js";
import { cell, mention } from "./format.js";

/**
 * Short, polite replies to commands Gavel won't carry out. Each says why and
 * what to do instead; none changes any vote.
 */
export const voteReplies = {
  notMaintainer: (login: string) =>
    `Thanks, ${mention(login)}! Only maintainers can start or cancel a vote here, so nothing was changed. Comments and reactions are welcome all the same.`,
  recused: (login: string) =>
    `${mention(login)}, you are the subject of this vote and recused from it, so you can neither start nor cancel it: nothing was changed. Any other maintainer can.`,
  notInElectorate: (login: string) =>
    `Thanks, ${mention(login)}. Only the maintainers listed in the vote can cast a ballot, so this one isn't counted. Your comments are welcome all the same.`,
  alreadyOpen: (url: string) =>
    `A vote is already open on this thread: [see the vote](${url}). Cast your ballot there with \`/vote yes\`, \`/vote no\` or \`/vote abstain\`.`,
  noOpenVote: () => "There is no open vote on this thread. A maintainer can start one with `/vote`.",
  cannotOpen: (reason: string) => `No vote was opened: ${reason}.`,
  invalid: (params: { text: string; reason: string }) =>
    `I couldn't read “${quoted(params.text)}”: ${params.reason}. Commands are \`/vote [type] [@subject]\`, \`/vote yes|no|abstain\`, \`/vote cancel\` and \`/vote status\`.`,
  configError: (where: string) =>
    `Nothing was changed: this repository's governance config can't be read (${where}). Fix it on the default branch, then ask again.`,
  electorateError: (problem: string) => `Nothing was changed: ${problem}`,
  raced: (params: { login: string; url: string }) =>
    `@${params.login}, another vote was opened on this thread at the same moment, so yours was withdrawn: [see the vote that stands](${params.url}).`,
};

/**
 * Replaces a vote comment that someone other than Gavel changed (`why`, see
 * voidCauses): the vote is void and fails closed. The old text stays below,
 * quoted as untrusted, for the record; cut if whoever edited it made it too
 * long for GitHub to take back with the quoting.
 */
export function tamperedVoteAlert(params: { why: string; original: string; marker: string }): string {
  const visible = params.original.replace(/<!--[\s\S]*?-->/g, "").trim();
  const alert = [
    "> [!CAUTION]",
    `> **This vote is void.** ${params.why}, so its ballots and deadline can't be trusted. It is recorded as failed. A maintainer can start a new vote with \`/vote\`.`,
    "",
    "<details><summary>The comment as it was found (untrusted)</summary>",
    "",
    visible
      .split("\n")
      .map((l) => `> ${l}`)
      .join("\n"),
    "",
    "</details>",
  ].join("\n");
  return fitComment({ visible: alert, marker: params.marker, what: "comment" });
}

/** Longer commands are cut when quoted back. */
const MAX_QUOTED = 80;

/**
 * Someone else's text, quoted back in a reply: one line, cut, and escaped so
 * that it can't open an HTML comment (a marker) or break out of the sentence.
 * It is never put in a code span, where `&lt;` would show as typed.
 */
function quoted(text: string): string {
  const line = cell(text).replace(/`/g, "'");
  return line.length <= MAX_QUOTED ? line : `${line.slice(0, MAX_QUOTED - 1)}…`;
}
