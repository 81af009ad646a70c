import type { VoteCommand } from "../commands/parse-vote-commands.js";
import type { VotesConfig } from "../config/types.js";
import { loadConfig } from "../github/load-config.js";
import { loadElectorate } from "../github/load-electorate.js";
import { postComment } from "../github/post-comment.js";
import { UnusableFileError } from "../github/unusable-file-error.js";
import { describeUnusableFile } from "../messages/error-report.js";
import { voteComment } from "../messages/vote-comment.js";
import { voteReplies } from "../messages/vote-replies.js";
import { cancelVote } from "../policy/advance-vote.js";
import { openVote } from "../policy/open-vote.js";
import { normalizeLogin } from "../policy/same-login.js";
import { tallyVote } from "../policy/tally-vote.js";
import type { Electorate } from "../policy/types.js";
import { VOTE_RECORD_LIMITS, voteMarker } from "../state/vote-marker.js";
import type { GavelDeps } from "./deps.js";
import { reconcileVote } from "./reconcile-vote.js";
import { readThread, replyOnce, syncVoteLabels, type ThreadState, type ThreadTarget } from "./vote-thread.js";

/**
 * Carries out one `/vote` command. Who may do what (DESIGN.md): only
 * maintainers (read now, from the default branch) start or cancel a vote, the
 * starter may always cancel it, and only the open vote's electorate snapshot
 * casts ballots. Anyone else gets a short reply, once, and nothing changes.
 * A comment that also holds a ballot has it tallied after the command.
 */
export async function runVoteCommand(params: {
  target: ThreadTarget;
  command: VoteCommand;
  commenter: string;
  commentId: number;
  commentUrl: string;
  alsoBallot: boolean;
  deps: GavelDeps;
}): Promise<void> {
  const { target, deps } = params;
  let state = await readThread({ target, deps });
  if (state.votes.tampered.length > 0 || state.votes.duplicates.length > 0) {
    // Void tampered votes and remove race copies first; then carry out the command on what stands.
    await reconcileVote({ target, deps, state });
    state = await readThread({ target, deps });
  }
  const reply = (body: string) => replyOnce({ target, deps, state, to: params.commentId, body });
  await carryOut({ ...params, state, reply });
  if (params.alsoBallot && params.command.kind !== "ballot") await reconcileVote({ target, deps });
}

async function carryOut(params: Parameters<typeof runVoteCommand>[0] & { state: ThreadState; reply: (body: string) => Promise<void> }): Promise<void> {
  const { target, command, commenter, deps, state, reply } = params;
  const latest = state.votes.votes.at(-1);
  const standing = latest && latest.record.seq === state.votes.nextSeq - 1 && !state.votes.decisions.has(latest.record.seq) ? latest : undefined;
  const open = standing?.record.status === "open" ? standing : undefined;
  const same = (a: string, b: string) => normalizeLogin(a) === normalizeLogin(b);

  if (command.kind === "invalid") return reply(voteReplies.invalid(command));
  if (command.kind === "status") return reconcileVote({ target, deps, state });
  if (command.kind === "ballot") {
    if (!open) return reply(voteReplies.noOpenVote());
    if (!open.record.electorate.some((v) => same(v, commenter))) return reply(voteReplies.notInElectorate(commenter));
    return reconcileVote({ target, deps, state });
  }
  // A redelivered `/vote` finds the vote it opened, open or closed since: nothing new opens.
  if (command.kind === "start" && state.votes.votes.some((v) => v.record.requestUrl === params.commentUrl)) return reconcileVote({ target, deps, state });
  const cancel = (by: string) => reconcileVote({ target, deps, state, change: (record) => cancelVote({ record, by, now: deps.now() }) });
  if (command.kind === "cancel" && open && same(open.record.starter, commenter)) return cancel(commenter);

  const maintainers = await currentMaintainers({ target, deps });
  if (!maintainers.ok) return reply(maintainers.reply);
  if (!maintainers.electorate.voters.some((v) => same(v, commenter))) return reply(voteReplies.notMaintainer(commenter));
  if (command.kind === "cancel") return open ? cancel(commenter) : reply(voteReplies.noOpenVote());
  if (open) {
    await reconcileVote({ target, deps, state });
    return reply(voteReplies.alreadyOpen(open.comment.url));
  }
  const opened = openVote({
    votes: maintainers.votes,
    type: command.type,
    subject: command.subject,
    starter: commenter,
    voters: maintainers.electorate.voters,
    requestUrl: params.commentUrl,
    seq: state.votes.nextSeq,
    now: deps.now(),
    limits: VOTE_RECORD_LIMITS,
  });
  if (!opened.ok) return reply(voteReplies.cannotOpen(opened.reason));
  const { github, repo, number } = target;
  const record = opened.record;
  const tally = tallyVote({ vote: record, ballots: [], now: deps.now(), voteCommentId: Number.MAX_SAFE_INTEGER });
  const marker = voteMarker({ key: deps.markerKey, scope: { threadId: state.thread.id }, record, writtenAt: deps.now().toISOString() });
  await postComment({ github, repo, number, body: voteComment({ question: state.thread.title, record, tally, marker }) });
  // The timer first: if labelling fails, the deadline still comes, and the next event repairs the label.
  deps.schedule.record({ item: { installationId: target.installationId, owner: repo.owner, repo: repo.repo, number, kind: "vote" }, nextWakeAt: record.deadline, seenUntil: state.seenUntil });
  await syncVoteLabels({ target, status: "open", current: state.thread.labels });
}

async function currentMaintainers(params: { target: ThreadTarget; deps: GavelDeps }): Promise<
  { ok: true; electorate: Electorate; votes: VotesConfig } | { ok: false; reply: string }
> {
  const { github, repo } = params.target;
  const config = await loadConfig({ github, repo, cache: params.deps.cache });
  if (!config.ok) {
    const first = config.problems[0];
    return { ok: false, reply: voteReplies.configError(first ? `${first.file}${first.line ? ` line ${first.line}` : ""}: ${first.message}` : "unknown problem") };
  }
  const electorate = await loadElectorate({ github, repo, source: config.config.maintainers, cache: params.deps.cache }).catch((error: unknown) => {
    // A maintainers file Gavel can't use is the project's to fix: say so, like any other electorate problem.
    if (error instanceof UnusableFileError) return { voters: [], sources: [], leftOut: [], problems: [`\`${error.file.path}\` can't be used: ${describeUnusableFile(error.file)}. Fix it on the default branch, then ask again.`] };
    throw error;
  });
  const problem = electorate.problems[0];
  if (problem) return { ok: false, reply: voteReplies.electorateError(problem) };
  return { ok: true, electorate, votes: config.config.votes };
}
