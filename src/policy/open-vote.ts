import type { VotesConfig } from "../config/types.js";
import { CONFIG_PATH } from "../constants.js";
import { normalizeLogin } from "./same-login.js";
import type { Login } from "./types.js";
import type { RecordLimits, VoteRecord } from "./vote-types.js";

export type OpenVoteResult = { ok: true; record: VoteRecord } | { ok: false; reason: string };

/**
 * A new vote's record, or why it can't open. The electorate is snapshotted
 * now and never changes; a type with `recuse_subject` (removal) leaves its
 * subject out of it. A removal's subject must be a voter; a nomination's must
 * not be one already. The whole snapshot must fit the vote's signed marker
 * inside one GitHub comment: a larger electorate is refused now, with the
 * limit, rather than left with a vote comment GitHub won't take. Pure.
 */
export function openVote(params: {
  votes: VotesConfig;
  type: string | null;
  subject: Login | null;
  starter: Login;
  voters: Login[];
  requestUrl: string;
  seq: number;
  now: Date;
  limits: RecordLimits;
}): OpenVoteResult {
  const typeName = params.type ?? "default";
  const type = Object.hasOwn(params.votes.types, typeName) ? params.votes.types[typeName] : undefined;
  if (!type) {
    const known = Object.keys(params.votes.types)
      .map((t) => `\`${t}\``)
      .join(", ");
    return { ok: false, reason: `there is no vote type \`${typeName}\`; this repository has ${known}` };
  }
  const subject = params.subject;
  const isVoter = subject !== null && params.voters.some((v) => normalizeLogin(v) === normalizeLogin(subject));
  if (type.recuseSubject && subject === null) return { ok: false, reason: `a \`${typeName}\` vote needs a subject: \`/vote ${typeName} @handle\`` };
  if (type.recuseSubject && !isVoter) return { ok: false, reason: `@${subject} is not one of the maintainers, so there is nobody to remove` };
  if (typeName === "nomination" && subject !== null && isVoter) return { ok: false, reason: `@${subject} is a maintainer already` };
  const electorate = type.recuseSubject && subject !== null ? params.voters.filter((v) => normalizeLogin(v) !== normalizeLogin(subject)) : [...params.voters];
  if (electorate.length === 0) return { ok: false, reason: "nobody would be left to vote" };
  if (type.approvals.kind === "count" && type.approvals.count > electorate.length) {
    return { ok: false, reason: `a \`${typeName}\` vote needs ${type.approvals.count} yes, but only ${electorate.length} maintainers would vote` };
  }
  const { limits } = params;
  if (electorate.length > limits.maxVoters) return { ok: false, reason: tooLarge({ voters: electorate.length, limit: `at most ${count(limits.maxVoters)}` }) };
  const record: VoteRecord = {
    seq: params.seq,
    type: typeName,
    subject,
    recused: type.recuseSubject && subject !== null,
    threshold: type.approvals,
    electorate,
    starter: params.starter,
    requestUrl: params.requestUrl,
    openedAt: params.now.toISOString(),
    deadline: new Date(params.now.getTime() + type.durationMs).toISOString(),
    minDurationMs: type.minDurationMs,
    closeEarly: params.votes.closeEarly,
    status: "open",
    closedAt: null,
    cancelledBy: null,
    counted: [],
  };
  const size = limits.size(record);
  if (size > limits.maxChars) {
    return {
      ok: false,
      reason: tooLarge({
        voters: electorate.length,
        limit: `with logins this long, its signed record would take ${count(size)} characters, at most ${count(limits.maxChars)}`,
      }),
    };
  }
  return { ok: true, record };
}

function tooLarge(params: { voters: number; limit: string }): string {
  return `this electorate of ${count(params.voters)} voters is too large to record in a GitHub comment; ${params.limit}. A smaller electorate can be set under \`maintainers:\` in \`${CONFIG_PATH}\``;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}
