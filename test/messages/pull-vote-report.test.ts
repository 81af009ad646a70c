import { describe, expect, it } from "@jest/globals";
import type { Rule } from "../../src/config/types.js";
import { decisionRecord } from "../../src/messages/decision-record.js";
import { pullRequestReport } from "../../src/messages/pull-request-report.js";
import { tallyVote } from "../../src/policy/tally-vote.js";
import type { PullRequestFacts } from "../../src/policy/types.js";
import { at, charter, evaluate, HEAD, iso, OLD, prFacts, review, SEVEN } from "../helpers/facts.js";
import { announcedBoth, PR_URL, processRule, pullVote as vote } from "../helpers/pull-vote.js";
import { voteRecord } from "../helpers/vote-record.js";

/**
 * What a PR's check says of the vote demanded on it (issue 16), and the
 * vote's decision record on a PR, which links the check: every message has a
 * snapshot.
 */
const OWN = { kind: "own", file: ".github/governance.yml" } as const;
const PR = PR_URL;
const objection = [review({ by: "bob", state: "CHANGES_REQUESTED" })];
const facts = (extra: Partial<PullRequestFacts>): PullRequestFacts => prFacts({ announcements: announcedBoth, reviews: objection, ...extra });
const five = SEVEN.slice(0, 5);

describe("the check of a PR with a vote", () => {
  const scenarios: Array<[string, Rule[], PullRequestFacts, number]> = [
    ["open: waits, naming the vote", [processRule], facts({ vote: vote({ status: "open", yes: ["alice"] }) }), 2],
    ["passed: overrules the objection, the discussion still running", [processRule], facts({ vote: vote({ status: "passed", yes: five }) }), 2],
    ["passed: met after the discussion", [processRule], facts({ vote: vote({ status: "passed", yes: five }) }), 4],
    ["passed: meets one rule, falls short of another", [processRule, charter], facts({ vote: vote({ status: "passed", yes: SEVEN.slice(0, 4) }) }), 15],
    [
      "passed but stale: the objection stands",
      [processRule],
      facts({ vote: vote({ status: "passed", yes: five, pullHead: OLD }), changesSince: { [OLD]: ["GOVERNANCE.md"] } }),
      4,
    ],
    [
      "passed, the author's yes left out",
      [{ ...charter, authorCounts: false }],
      facts({ author: "alice", reviews: [], vote: vote({ status: "passed", yes: SEVEN.slice(0, 5) }) }),
      15,
    ],
    ["failed: blocked", [processRule], facts({ vote: vote({ status: "failed", yes: ["alice"] }) }), 4],
    ["cancelled: blocked", [processRule], facts({ vote: vote({ status: "cancelled", yes: [], cancelledBy: "alice" }) }), 4],
    ["voided: blocked", [processRule], facts({ vote: vote({ status: "void", yes: [] }) }), 4],
    [
      "passed, its comment gone: the reviews decide",
      [processRule],
      facts({ vote: { status: "passed", record: null, url: null, recordUrl: `${PR}#issuecomment-70` } }),
      4,
    ],
  ];

  it.each(scenarios)("%s", (_name, rules, prFacts, day) => {
    expect(pullRequestReport({ evaluation: evaluate({ rules, facts: prFacts, now: at(day) }), rules: OWN })).toMatchSnapshot();
  });

  it("names and links the vote and its decision record", () => {
    const { summary, title } = pullRequestReport({
      evaluation: evaluate({ rules: [processRule], facts: facts({ vote: vote({ status: "failed", yes: [] }) }), now: at(4) }),
      rules: OWN,
    });
    expect(title).toBe("Blocked: the vote on this pull request failed");
    expect(summary).toContain(`[vote](${PR}#issuecomment-50)`);
    expect(summary).toContain(`[decision record](${PR}#issuecomment-70)`);
  });
});

describe("a vote's decision record on a PR", () => {
  it("links the PR's check", () => {
    const ballots = five.map((author, i) => ({
      commentId: 60 + i,
      author,
      choice: "yes" as const,
      createdAt: iso(1.5),
      updatedAt: iso(1.5),
      url: `${PR}#issuecomment-${60 + i}`,
    }));
    const record = voteRecord({ electorate: SEVEN, openedAt: iso(1), deadline: iso(8), status: "passed", closedAt: iso(2), pullHead: HEAD });
    const tally = tallyVote({ vote: record, ballots, now: at(2), voteCommentId: 50 });
    const body = decisionRecord({
      question: "Release every month",
      record,
      tally,
      voteUrl: `${PR}#issuecomment-50`,
      pullUrl: PR,
      marker: "<!-- gavel:decision test -->",
    });
    expect(body).toContain(`([checks](${PR}/checks)) |`);
    expect(body).toMatchSnapshot();
  });
});
