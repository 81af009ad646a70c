import { pullRequestReport } from "../messages/pull-request-report.js";
import { evaluatePullRequest } from "../policy/evaluate-pull-request.js";
import { matchRules } from "../policy/match-rules.js";
import type { Electorate, PullRequestFacts, ReviewFact } from "../policy/types.js";
import type { PullVote, VoteStatus } from "../policy/vote-types.js";
import { loadLocalProject, type ReadLocalFile } from "./local-project.js";
import type { CommandResult } from "./validate-command.js";

export interface ExplainInput {
  configPath?: string;
  changed: string[];
  approved: string[];
  /** Maintainers whose latest review requests changes. */
  objected: string[];
  author: string;
  labels: string[];
  /** Days since Gavel's announcement on the PR; 0 means it is announced now. */
  daysSinceAnnouncement: number;
  draft: boolean;
  now: Date;
  /** A vote a maintainer demanded on the PR, with its outcome and ballots, or null. */
  vote: ExplainVote | null;
}

/** `--vote <outcome>` with `--vote-yes` and `--vote-no`: a vote on the PR over the local electorate, opened a day before `now` on the head. */
export interface ExplainVote {
  outcome: VoteStatus;
  yes: string[];
  no: string[];
}

const HEAD = "0000000000000000000000000000000000000000";
const DAY_MS = 86_400_000;

/**
 * `gavel explain`: the check Gavel would post on a pull request with these
 * changed paths and reviews, from a local config and MAINTAINERS.md, through
 * the same pure evaluation and message as the app. Exit 0 with the verdict;
 * 1 when the config is invalid (then the verdict is that error).
 */
export function explainCommand(params: { read: ReadLocalFile; input: ExplainInput }): CommandResult {
  const { input } = params;
  const project = loadLocalProject({ read: params.read, configPath: input.configPath });
  if (!project.config.ok || !project.electorate) {
    const problems = project.config.ok ? [] : project.config.problems;
    const lines = problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`);
    return { exitCode: 1, output: [`failure: Configuration error in ${project.configPath}`, ...lines, ""].join("\n") };
  }
  const { config } = project.config;
  const files = input.changed.map((path) => ({ path, previousPath: null }));
  const matches = matchRules({ rules: config.rules, files, filesComplete: true, labels: input.labels });
  const announcedAt = new Date(input.now.getTime() - input.daysSinceAnnouncement * DAY_MS).toISOString();
  const review = (author: string, state: ReviewFact["state"], id: number): ReviewFact => ({
    id,
    author,
    authorIsBot: false,
    state,
    commitId: HEAD,
    submittedAt: input.now.toISOString(),
    url: `#review-${id}`,
  });
  const facts: PullRequestFacts = {
    number: 1,
    author: input.author,
    authorIsBot: false,
    draft: input.draft,
    headSha: HEAD,
    baseRef: "main",
    labels: input.labels,
    files,
    filesComplete: true,
    reviews: [
      ...input.approved.map((a, i) => review(a, "APPROVED", i + 1)),
      ...input.objected.map((a, i) => review(a, "CHANGES_REQUESTED", input.approved.length + i + 1)),
    ],
    changesSince: {},
    announcements:
      matches.length > 0 && !input.draft
        ? [
            {
              commentId: 1,
              createdAt: announcedAt,
              starts: matches.map((m) => m.rule.name),
              headSha: HEAD,
              url: "#announcement",
              base: null,
              baseChanged: false,
            },
          ]
        : [],
    tamperedAnnouncements: [],
    links: [],
    electorate: project.electorate,
    vote: input.vote ? explainedVote({ vote: input.vote, electorate: project.electorate, starter: input.vote.yes[0] ?? input.author, now: input.now }) : null,
  };
  const report = pullRequestReport({ evaluation: evaluatePullRequest({ matches, facts, now: input.now }), rules: null });
  const notes =
    project.teams.length > 0
      ? [`(Teams ${project.teams.map((t) => `@${t}`).join(", ")} are read on GitHub; their members are not in this electorate.)`, ""]
      : [];
  return { exitCode: 0, output: [`${report.state}: ${report.title}`, "", ...notes, report.summary, ""].join("\n") };
}

/** The vote `gavel explain` was told of: default type, a majority of the local electorate, with those ballots, on the head. */
function explainedVote(params: { vote: ExplainVote; electorate: Electorate; starter: string; now: Date }): PullVote {
  const { vote, now } = params;
  const openedAt = new Date(now.getTime() - DAY_MS).toISOString();
  const closed = vote.outcome !== "open";
  const ballots = [...vote.yes.map((voter) => ({ voter, choice: "yes" as const })), ...vote.no.map((voter) => ({ voter, choice: "no" as const }))];
  return {
    status: vote.outcome,
    url: "#vote",
    recordUrl: closed ? "#decision-record" : null,
    record: {
      seq: 0,
      type: "default",
      subject: null,
      recused: false,
      threshold: { kind: "majority" },
      electorate: params.electorate.voters,
      starter: params.starter,
      requestUrl: "#request",
      openedAt,
      deadline: new Date(now.getTime() + 6 * DAY_MS).toISOString(),
      minDurationMs: 0,
      closeEarly: true,
      status: vote.outcome,
      closedAt: closed ? now.toISOString() : null,
      cancelledBy: vote.outcome === "cancelled" ? params.starter : null,
      counted: ballots.map((b, i) => ({ ...b, commentId: i + 1 })),
      pullHead: HEAD,
    },
  };
}
