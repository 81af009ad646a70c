import type { VoteCommand } from "../commands/parse-vote-commands.js";
import type { VotesConfig } from "../config/types.js";
import { loadConfig } from "../github/load-config.js";
import { loadElectorate } from "../github/load-electorate.js";
import { postComment } from "../github/post-comment.js";
import { voteComment } from "../messages/vote-comment.js";
import { voteReplies } from "../messages/vote-replies.js";
import { cancelVote } from "../policy/advance-vote.js";
import { openVote } from "../policy/open-vote.js";
import { normalizeLogin } from "../policy/same-login.js";
import { tallyVote } from "../policy/tally-vote.js";
import type { Electorate } from "../policy/types.js";
import { voteMarker } from "../state/vote-marker.js";
import type { GavelDeps } from "./deps.js";
import { readThread, reconcileVote, syncVoteLabels, type ThreadTarget } from "./reconcile-vote.js";

/**
 * Carries out one `/vote` command. Who may do what (DESIGN.md): only
 * maintainers (read now, from the default branch) start or cancel a vote, the
 * starter may always cancel it, and only the open vote's electorate snapshot
 * casts ballots. Anyone else gets a short reply and nothing changes.
 */
export async function runVoteCommand(params: {
  target: ThreadTarget;
  command: VoteCommand;
  commenter: string;
  commentUrl: string;
  deps: GavelDeps;
}): Promise<void> {
  const { target, command, commenter, deps } = params;
  const { github, repo, number } = target;
  const reply = (body: string) => postComment({ github, repo, number, body });
  if (command.kind === "invalid") return void (await reply(voteReplies.invalid(command)));

  const state = await readThread({ target, deps });
  // Tampered state comes first: the vote is voided, with an alert, whatever was asked.
  if (state.votes.tampered.length > 0) return reconcileVote({ target, deps, state });
  const latest = state.votes.votes.at(-1);
  const open = latest?.record.status === "open" ? latest : undefined;

  if (command.kind === "ballot" || command.kind === "status") {
    if (!open) return command.kind === "ballot" ? void (await reply(voteReplies.noOpenVote())) : reconcileVote({ target, deps, state });
    const voter = open.record.electorate.some((v) => normalizeLogin(v) === normalizeLogin(commenter));
    if (command.kind === "ballot" && !voter) return void (await reply(voteReplies.notInElectorate(commenter)));
    return reconcileVote({ target, deps, state });
  }

  if (command.kind === "cancel" && open && normalizeLogin(open.record.starter) === normalizeLogin(commenter)) {
    return reconcileVote({ target, deps, state, record: cancelVote({ record: open.record, by: commenter, now: deps.now() }) });
  }
  const maintainers = await currentMaintainers({ target, deps });
  if (!maintainers.ok) return void (await reply(maintainers.reply));
  if (!maintainers.electorate.voters.some((v) => normalizeLogin(v) === normalizeLogin(commenter))) return void (await reply(voteReplies.notMaintainer(commenter)));

  if (command.kind === "cancel") {
    if (!open) return void (await reply(voteReplies.noOpenVote()));
    return reconcileVote({ target, deps, state, record: cancelVote({ record: open.record, by: commenter, now: deps.now() }) });
  }
  if (open) return void (await reply(voteReplies.alreadyOpen(open.comment.url)));
  const seq = state.votes.votes.length + state.votes.voided.length + state.votes.tampered.length;
  const opened = openVote({
    votes: maintainers.votes,
    type: command.type,
    subject: command.subject,
    starter: commenter,
    voters: maintainers.electorate.voters,
    requestUrl: params.commentUrl,
    seq,
    now: deps.now(),
  });
  if (!opened.ok) return void (await reply(voteReplies.cannotOpen(opened.reason)));
  const record = opened.record;
  const tally = tallyVote({ vote: record, ballots: [], now: deps.now(), voteCommentId: Number.MAX_SAFE_INTEGER });
  const marker = voteMarker({ key: deps.markerKey, scope: { threadId: state.thread.id }, record });
  await postComment({ github, repo, number, body: voteComment({ question: state.thread.title, record, tally, marker }) });
  await syncVoteLabels({ target, status: "open", current: state.thread.labels });
  deps.schedule.record({ item: { installationId: target.installationId, owner: repo.owner, repo: repo.repo, number, kind: "vote" }, nextWakeAt: record.deadline });
}

async function currentMaintainers(params: { target: ThreadTarget; deps: GavelDeps }): Promise<
  { ok: true; electorate: Electorate; votes: VotesConfig } | { ok: false; reply: string }
> {
  const { github, repo } = params.target;
  const config = await loadConfig({ github, repo });
  if (!config.ok) {
    const first = config.problems[0];
    return { ok: false, reply: voteReplies.configError(first ? `${first.file}${first.line ? ` line ${first.line}` : ""}: ${first.message}` : "unknown problem") };
  }
  const electorate = await loadElectorate({ github, repo, source: config.config.maintainers });
  const problem = electorate.problems[0];
  if (problem) return { ok: false, reply: voteReplies.electorateError(problem) };
  return { ok: true, electorate, votes: config.config.votes };
}
