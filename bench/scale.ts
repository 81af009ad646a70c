import type { Rule } from "../src/config/types.js";
import { parseMaintainers } from "../src/electorate/parse-maintainers.js";
import { parseVoteCommands } from "../src/commands/parse-vote-commands.js";
import { evaluatePullRequest } from "../src/policy/evaluate-pull-request.js";
import { matchRules } from "../src/policy/match-rules.js";
import { tallyVote } from "../src/policy/tally-vote.js";
import type { PullRequestFacts, ReviewFact } from "../src/policy/types.js";
import type { Ballot, VoteRecord } from "../src/policy/vote-types.js";

export interface ScaleResult {
  name: string;
  /** Median milliseconds per run. */
  medianMs: number;
  targetMs: number;
  runs: number;
}

const NOW = new Date("2026-12-10T10:00:00Z");
const HEAD = "c0ffee0000000000000000000000000000000003";
const DAY = 86_400_000;

/** The pure work behind one event, timed alone: no I/O, so these are the floor under every latency. */
export function scaleCases(): ScaleResult[] {
  const seven = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"];
  const typical = facts({ files: paths(20, "docs/page"), voters: seven, reviews: 10 });
  typical.files[0] = { path: "GOVERNANCE.md", previousPath: null };
  const huge = facts({ files: paths(3000, "src/module"), voters: seven, reviews: 10 });
  const tenRules = Array.from({ length: 10 }, (_, i) => rule({ name: `rule-${i}`, paths: [`governance/${i}/**`, `**/*.policy-${i}.md`, `docs/${i}/*.yml`] }));
  // The most a config's globs may be (GLOB_LIMITS): 8 rules of one glob at every limit, 256 patterns in all.
  const worstGlob = (i: number) => `**/{a${i},bb}/**/{cc,dd}/**/{ee,ff}/**/{gg,hh}/{ii,jj}${"x".repeat(145 - String(i).length)}*.md`;
  const worstRules = Array.from({ length: 8 }, (_, i) => rule({ name: `worst-${i}`, paths: [worstGlob(i)] }));
  const maintainers500 = [
    "# Maintainers",
    "",
    "| Name | GitHub | Affiliation |",
    "| --- | --- | --- |",
    ...Array.from({ length: 500 }, (_, i) => `| Person ${i} | @user-${i} | Org ${i % 40} |`),
    "",
  ].join("\n");
  const vote = voteRecord({ electorate: Array.from({ length: 50 }, (_, i) => `user-${i}`) });
  const bodies = Array.from({ length: 2000 }, (_, i) =>
    i % 3 === 0 ? `/vote ${["yes", "no", "abstain"][i % 3]}` : `> quoted /vote no\n\nI think this is fine. Comment ${i}.\n\n\`\`\`\n/vote no\n\`\`\``,
  );
  return [
    time({
      name: "evaluate a typical PR (20 files, 7 maintainers, 10 reviews)",
      targetMs: 1,
      runs: 2000,
      fn: () =>
        evaluatePullRequest({
          matches: matchRules({ rules: [rule({ name: "charter", paths: ["GOVERNANCE.md"] })], files: typical.files, filesComplete: true, labels: [] }),
          facts: typical,
          now: NOW,
        }),
    }),
    time({
      name: "evaluate a 3,000-file PR against 10 rules",
      targetMs: 50,
      runs: 50,
      fn: () => evaluatePullRequest({ matches: matchRules({ rules: tenRules, files: huge.files, filesComplete: true, labels: [] }), facts: huge, now: NOW }),
    }),
    time({
      name: "match a 3,000-file PR against the most complex globs allowed (256 patterns)",
      targetMs: 50,
      runs: 20,
      fn: () => matchRules({ rules: worstRules, files: huge.files, filesComplete: true, labels: [] }),
    }),
    time({ name: "parse a MAINTAINERS.md of 500 people", targetMs: 5, runs: 200, fn: () => parseMaintainers({ markdown: maintainers500, section: null }) }),
    time({
      name: "tally a vote with 2,000 comments (parse each, then count)",
      targetMs: 20,
      runs: 50,
      fn: () => {
        const ballots: Ballot[] = [];
        bodies.forEach((body, i) => {
          const choice = parseVoteCommands(body)
            .flatMap((c) => (c.kind === "ballot" ? [c.choice] : []))
            .at(-1);
          if (choice)
            ballots.push({
              commentId: i,
              author: `user-${i % 60}`,
              choice,
              createdAt: new Date(Date.parse(vote.openedAt) + i * 1000).toISOString(),
              updatedAt: new Date(Date.parse(vote.openedAt) + i * 1000).toISOString(),
              url: `#${i}`,
            });
        });
        return tallyVote({ vote, ballots, now: NOW, voteCommentId: 0 });
      },
    }),
  ];
}

function time(params: { name: string; targetMs: number; runs: number; fn: () => unknown }): ScaleResult {
  for (let i = 0; i < Math.min(20, params.runs); i++) params.fn();
  const samples: number[] = [];
  for (let i = 0; i < params.runs; i++) {
    const start = performance.now();
    params.fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { name: params.name, medianMs: samples[Math.floor(samples.length / 2)] ?? 0, targetMs: params.targetMs, runs: params.runs };
}

function paths(count: number, prefix: string): PullRequestFacts["files"] {
  return Array.from({ length: count }, (_, i) => ({ path: `${prefix}-${i}.ts`, previousPath: null }));
}

function rule(params: { name: string; paths: string[] }): Rule {
  return {
    name: params.name,
    paths: params.paths,
    labels: [],
    approvals: { kind: "fraction", numerator: 2, denominator: 3 },
    discussionMs: 14 * DAY,
    authorCounts: true,
    onChange: "reset-approvals",
  };
}

function facts(params: { files: PullRequestFacts["files"]; voters: string[]; reviews: number }): PullRequestFacts {
  const states: ReviewFact["state"][] = ["APPROVED", "COMMENTED", "CHANGES_REQUESTED", "APPROVED", "DISMISSED"];
  const reviews: ReviewFact[] = Array.from({ length: params.reviews }, (_, i) => ({
    id: i,
    author: params.voters[i % params.voters.length] ?? "alice",
    authorIsBot: false,
    state: states[i % states.length] ?? "APPROVED",
    commitId: HEAD,
    submittedAt: new Date(NOW.getTime() - (params.reviews - i) * 3_600_000).toISOString(),
    url: `#${i}`,
  }));
  return {
    number: 7,
    author: "outsider",
    authorIsBot: false,
    draft: false,
    headSha: HEAD,
    baseRef: "main",
    labels: [],
    files: params.files,
    filesComplete: true,
    reviews,
    changesSince: {},
    announcements: [{ commentId: 1, createdAt: "2026-11-22T10:00:00Z", starts: ["charter"], headSha: HEAD, url: "#1", base: null, baseChanged: false }],
    tamperedAnnouncements: [],
    links: [],
    electorate: { voters: params.voters, sources: ["MAINTAINERS.md"], leftOut: [], problems: [] },
  };
}

function voteRecord(params: { electorate: string[] }): VoteRecord {
  return {
    seq: 0,
    type: "default",
    subject: null,
    recused: false,
    threshold: { kind: "fraction", numerator: 1, denominator: 2 },
    electorate: params.electorate,
    starter: params.electorate[0] ?? "alice",
    requestUrl: "#0",
    openedAt: "2026-12-01T10:00:00Z",
    deadline: "2026-12-08T10:00:00Z",
    minDurationMs: 0,
    closeEarly: false,
    status: "open",
    closedAt: null,
    cancelledBy: null,
    counted: [],
  };
}
