import type { Rule } from "../../src/config/types.js";
import type { Announcement } from "../../src/policy/types.js";
import type { PullVote, VoteStatus } from "../../src/policy/vote-types.js";
import { DAY, HEAD, iso, SEVEN } from "./facts.js";
import { voteRecord } from "./vote-record.js";

/** A lazy-consensus rule on GOVERNANCE.md with a 3-day discussion, as in "most business is conducted by lazy consensus". */
export const processRule: Rule = {
  name: "process",
  paths: ["GOVERNANCE.md"],
  labels: [],
  approvals: { kind: "lazy-consensus" },
  discussionMs: 3 * DAY,
  authorCounts: false,
  onChange: "reset-approvals",
};

export const PR_URL = "https://github.com/acme/widgets/pull/7";

/** Gavel's announcement at T0 (day 0), which starts the process and charter rules' discussions. */
export const announcedBoth: Announcement[] = [
  { commentId: 1, createdAt: iso(0), starts: ["process", "charter"], headSha: HEAD, url: `${PR_URL}#issuecomment-1`, base: null, baseChanged: false },
];

/**
 * The vote demanded on PR 7, as its evaluation reads it: by default opened by
 * alice on day 1 on the head, over the seven, for a week, with `yes` counted;
 * closed on day 2 unless open.
 */
export function pullVote(params: {
  status: VoteStatus | "void";
  yes?: string[];
  electorate?: string[];
  pullHead?: string | null;
  openedDay?: number;
  cancelledBy?: string;
}): PullVote {
  if (params.status === "void") return { status: "void", record: null, url: null, recordUrl: null };
  const opened = params.openedDay ?? 1;
  const closed = params.status !== "open";
  const record = voteRecord({
    electorate: params.electorate ?? SEVEN,
    starter: "alice",
    openedAt: iso(opened),
    deadline: iso(opened + 7),
    status: params.status,
    closedAt: closed ? iso(2) : null,
    cancelledBy: params.cancelledBy ?? null,
    counted: (params.yes ?? []).map((voter, i) => ({ voter, choice: "yes" as const, commentId: 60 + i })),
    pullHead: params.pullHead === undefined ? HEAD : params.pullHead,
  });
  return { status: params.status, record, url: `${PR_URL}#issuecomment-50`, recordUrl: closed ? `${PR_URL}#issuecomment-70` : null };
}
