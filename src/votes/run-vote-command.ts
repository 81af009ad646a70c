import type { VoteCommand } from "../commands/parse-vote-commands.js";
import type { GavelDeps } from "../items/gavel-deps.js";
import { itemKey } from "../items/item-ref.js";
import { describeUnusableFile } from "../messages/error-report.js";
import { voteReplies } from "../messages/vote-replies.js";
import { tallyVote } from "../policy/tally-vote.js";
import { voteComment } from "../messages/vote-comment.js";
import { needsRepair } from "../state/read-votes.js";
import { VOTE_RECORD_LIMITS, voteMarker } from "../state/vote-marker.js";
import type { VoteRecord } from "../policy/vote-types.js";
import { labelsDisagree } from "./decide-lost-vote.js";
import { decideVoteCommand, type Maintainers, type VoteCommandDecision } from "./decide-vote-command.js";
import { reconcileThread } from "./reconcile-vote.js";
import { readThread, replyOnce, syncVoteLabels, type ThreadState, type ThreadTarget } from "./vote-thread.js";

/** One `/vote` command from one comment. */
export interface CommandEvent {
  command: VoteCommand;
  commenter: string;
  commentId: number;
  commentUrl: string;
  /** GitHub's `created_at` on the comment: when it was written, however late it arrives. */
  createdAt: string;
  /** The comment also holds a ballot, tallied after the command. */
  alsoBallot: boolean;
}

/**
 * Carries out one `/vote` command under the thread's lock:
 * 1. read the thread; repair races and tampering first (and, when its labels disagree with its votes, what a lost webhook hid), so the command acts on what stands;
 * 2. decide what to do (decideVoteCommand), reading the maintainers only when the decision needs them;
 * 3. do it: reply once, reconcile, cancel, or open the vote;
 * 4. tally a ballot the same comment holds.
 */
export async function runVoteCommand(params: { target: ThreadTarget; event: CommandEvent; deps: GavelDeps }): Promise<void> {
  const { target, event, deps } = params;
  await deps.locks.exclusive({
    key: itemKey(target.item),
    task: async () => {
      let state = await readThread({ target, deps });
      if (needsRepair(state.votes) || labelsDisagree({ current: state.votes.current, labels: state.thread.labels })) {
        await reconcileThread({ target, deps, state });
        state = await readThread({ target, deps });
      }
      const decide = (maintainers: Maintainers | null) =>
        decideVoteCommand({
          request: event,
          current: state.votes.current,
          votes: state.votes.votes,
          maintainers,
          nextSeq: state.votes.nextSeq,
          limits: VOTE_RECORD_LIMITS,
          now: deps.now(),
        });
      const first = decide(null);
      const decision = first.kind === "need-maintainers" ? decide(await currentMaintainers({ target })) : first;
      await carryOut({ target, deps, state, event, decision });
      if (event.alsoBallot && event.command.kind !== "ballot") await reconcileThread({ target, deps });
      deps.schedule.sawOwnWrites({ item: target.item, at: target.gateway.lastWrite(target.item.number) });
    },
  });
}

async function carryOut(params: {
  target: ThreadTarget;
  deps: GavelDeps;
  state: ThreadState;
  event: CommandEvent;
  decision: VoteCommandDecision;
}): Promise<void> {
  const { target, deps, state, decision } = params;
  const { event } = params;
  const reply = (body: string, refused: boolean) =>
    replyOnce({ target, deps, state, to: event.commentId, body, refusal: refused ? { login: event.commenter, writtenAt: event.createdAt } : null });
  switch (decision.kind) {
    case "reply":
      return reply(decision.reply, decision.refusal);
    case "reconcile":
      await reconcileThread({ target, deps, state });
      if (decision.reply) await reply(decision.reply, false);
      return;
    case "cancel":
      return reconcileThread({ target, deps, state, cancel: { by: decision.by } });
    case "open":
      return openVote({ target, deps, state, record: decision.record });
    case "need-maintainers":
      throw new Error(`deciding a /vote command on ${target.gateway.where(target.item.number)} needed the maintainers twice`);
  }
}

/** Posts a new vote's comment, arms its deadline, and labels the thread. */
async function openVote(params: { target: ThreadTarget; deps: GavelDeps; state: ThreadState; record: VoteRecord }): Promise<void> {
  const { target, deps, state, record } = params;
  const { gateway, item } = target;
  const tally = tallyVote({ vote: record, ballots: [], now: deps.now(), voteCommentId: Number.MAX_SAFE_INTEGER });
  const marker = voteMarker({ key: deps.markerKey, scope: { threadId: state.thread.id }, record, writtenAt: deps.now().toISOString() });
  await gateway.postComment({ number: item.number, body: voteComment({ question: state.thread.title, record, tally, marker }) });
  // The timer first: if labelling fails, the deadline still comes, and the next event repairs the label.
  deps.schedule.record({ item, nextWakeAt: record.deadline, seenUntil: state.seenUntil });
  await syncVoteLabels({ target, status: "open", current: state.thread.labels });
}

/** The maintainers now, from the default branch; a config or maintainers file Gavel can't use is answered with the reason. */
async function currentMaintainers(params: { target: ThreadTarget }): Promise<Maintainers> {
  const { gateway } = params.target;
  const config = await gateway.loadConfig();
  if (!config.ok) {
    const first = config.problems[0];
    return {
      ok: false,
      reply: voteReplies.configError(first ? `${first.file}${first.line ? ` line ${first.line}` : ""}: ${first.message}` : "unknown problem"),
    };
  }
  const loaded = await gateway.loadElectorate(config.config.maintainers);
  if (loaded.kind === "unusable") {
    return {
      ok: false,
      reply: voteReplies.electorateError(
        `\`${loaded.file.path}\` can't be used: ${describeUnusableFile(loaded.file)}. Fix it on the default branch, then ask again.`,
      ),
    };
  }
  const problem = loaded.electorate.problems[0];
  if (problem) return { ok: false, reply: voteReplies.electorateError(problem) };
  return { ok: true, voters: loaded.electorate.voters, votes: config.config.votes };
}
