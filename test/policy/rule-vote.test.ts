import { describe, expect, it } from "@jest/globals";
import type { Rule } from "../../src/config/types.js";
import type { PullRequestFacts, RuleVote, Verdict } from "../../src/policy/types.js";
import { at, charter, evaluate, HEAD, iso, OLD, prFacts, review, SEVEN } from "../helpers/facts.js";
import { announcedBoth, processRule, pullVote as vote } from "../helpers/pull-vote.js";

/**
 * A vote demanded on a PR decides its rules (issue 16; policy/rule-vote.ts
 * and evaluatePullRequest): table tests at fixed instants. The PR is
 * announced at T0 (day 0); the charter rule needs ⌈2/3 × 7⌉ = 5 of the seven
 * after 14 days, the process rule no objection after 3.
 */
const objection = [review({ by: "bob", state: "CHANGES_REQUESTED" })];
const five = SEVEN.slice(0, 5);

interface Case {
  name: string;
  rules: Rule[];
  facts: Partial<PullRequestFacts>;
  day: number;
  verdict: Verdict;
  effect: RuleVote["effect"] | null;
  status?: string;
}

const cases: Case[] = [
  { name: "no vote: the objection blocks", rules: [processRule], facts: { reviews: objection }, day: 5, verdict: "failure", effect: null, status: "blocked" },
  {
    name: "an open vote: the objection waits for it",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "open", yes: ["alice"] }) },
    day: 5,
    verdict: "waiting",
    effect: "open",
  },
  {
    name: "an open vote holds a PR the reviews would pass",
    rules: [charter],
    facts: { reviews: SEVEN.map((by) => review({ by, state: "APPROVED" })), vote: vote({ status: "open" }) },
    day: 20,
    verdict: "waiting",
    effect: "open",
  },
  {
    name: "a passed vote overrules the objection, after the discussion",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: ["alice", "carol", "dave", "erin"] }) },
    day: 3,
    verdict: "success",
    effect: "satisfies",
  },
  {
    name: "a passed vote still waits for the discussion period",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: ["alice", "carol", "dave", "erin"] }) },
    day: 2,
    verdict: "waiting",
    effect: "satisfies",
  },
  {
    name: "a passed vote with 5 yes meets 2/3 of 7 without any approval",
    rules: [charter],
    facts: { vote: vote({ status: "passed", yes: five }) },
    day: 14,
    verdict: "success",
    effect: "satisfies",
  },
  {
    name: "a passed vote with 4 yes falls short of 2/3 of 7: the reviews decide",
    rules: [charter],
    facts: { vote: vote({ status: "passed", yes: five.slice(0, 4) }) },
    day: 14,
    verdict: "waiting",
    effect: "falls-short",
  },
  {
    name: "a vote over other maintainers falls short: the objection stands",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: five, electorate: SEVEN.slice(0, 6) }) },
    day: 5,
    verdict: "failure",
    effect: "falls-short",
  },
  {
    name: "the electorate compares case-insensitively",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: five, electorate: SEVEN.map((l) => l.toUpperCase()) }) },
    day: 5,
    verdict: "success",
    effect: "satisfies",
  },
  {
    name: "a passed vote whose state can't be read falls short",
    rules: [processRule],
    facts: { reviews: objection, vote: { status: "passed", record: null, url: null, recordUrl: "#record" } },
    day: 5,
    verdict: "failure",
    effect: "falls-short",
  },
  {
    name: "a failed vote blocks a PR the reviews would pass",
    rules: [charter],
    facts: { reviews: SEVEN.map((by) => review({ by, state: "APPROVED" })), vote: vote({ status: "failed", yes: ["alice"] }) },
    day: 20,
    verdict: "failure",
    effect: "rejected",
    status: "blocked",
  },
  { name: "a cancelled vote blocks", rules: [processRule], facts: { vote: vote({ status: "cancelled" }) }, day: 5, verdict: "failure", effect: "rejected" },
  { name: "a voided vote blocks", rules: [processRule], facts: { vote: vote({ status: "void" }) }, day: 5, verdict: "failure", effect: "rejected" },
  {
    name: "a failed vote blocks even after a push: a rejection never goes stale",
    rules: [processRule],
    facts: { vote: vote({ status: "failed", pullHead: OLD }), changesSince: { [OLD]: ["GOVERNANCE.md"] } },
    day: 5,
    verdict: "failure",
    effect: "rejected",
  },
  {
    name: "a governed push since the vote opened makes it stale: the objection stands",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: five, pullHead: OLD }), changesSince: { [OLD]: ["GOVERNANCE.md"] } },
    day: 5,
    verdict: "failure",
    effect: "stale",
  },
  {
    name: "an ungoverned push since leaves it standing",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: five, pullHead: OLD }), changesSince: { [OLD]: ["README.md"] } },
    day: 5,
    verdict: "success",
    effect: "satisfies",
  },
  {
    name: "changes since that could not be read make it stale (fail closed)",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: five, pullHead: OLD }), changesSince: { [OLD]: null } },
    day: 5,
    verdict: "failure",
    effect: "stale",
  },
  {
    name: "under on_change: keep, a governed push leaves it standing",
    rules: [{ ...processRule, onChange: "keep" }],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: five, pullHead: OLD }), changesSince: { [OLD]: ["GOVERNANCE.md"] } },
    day: 5,
    verdict: "success",
    effect: "satisfies",
  },
  {
    name: "a vote that recorded no head is stale (fail closed)",
    rules: [processRule],
    facts: { reviews: objection, vote: vote({ status: "passed", yes: five, pullHead: null }) },
    day: 5,
    verdict: "failure",
    effect: "stale",
  },
  {
    name: "a base change after it opened makes it stale",
    rules: [processRule],
    facts: {
      reviews: objection,
      vote: vote({ status: "passed", yes: five, openedDay: 1 }),
      announcements: [
        { commentId: 1, createdAt: iso(0), starts: ["process"], headSha: HEAD, url: "#a1", base: null, baseChanged: false },
        { commentId: 2, createdAt: iso(2), starts: ["process"], headSha: HEAD, url: "#a2", base: null, baseChanged: true },
      ],
    },
    day: 6,
    verdict: "failure",
    effect: "stale",
  },
  {
    name: "a vote after the base change stands",
    rules: [processRule],
    facts: {
      reviews: objection,
      vote: vote({ status: "passed", yes: five, openedDay: 3 }),
      announcements: [
        { commentId: 1, createdAt: iso(0), starts: ["process"], headSha: HEAD, url: "#a1", base: null, baseChanged: false },
        { commentId: 2, createdAt: iso(2), starts: ["process"], headSha: HEAD, url: "#a2", base: null, baseChanged: true },
      ],
    },
    day: 6,
    verdict: "success",
    effect: "satisfies",
  },
  {
    name: "the author's yes counts where the author counts (charter: author_counts)",
    rules: [charter],
    facts: { author: "alice", vote: vote({ status: "passed", yes: five }) },
    day: 14,
    verdict: "success",
    effect: "satisfies",
  },
  {
    name: "the author's yes doesn't count where the author can't approve their own PR: 4 of the 5 needed",
    rules: [{ ...charter, authorCounts: false }],
    facts: { author: "Alice", vote: vote({ status: "passed", yes: five }) },
    day: 14,
    verdict: "waiting",
    effect: "falls-short",
  },
  {
    name: "a threshold larger than the electorate stays impossible, vote or not",
    rules: [{ ...charter, approvals: { kind: "count", count: 9 } }],
    facts: { vote: vote({ status: "passed", yes: SEVEN }) },
    day: 20,
    verdict: "failure",
    effect: "falls-short",
    status: "blocked",
  },
];

describe("a vote demanded on a PR decides its rules", () => {
  it.each(cases)("$name", ({ rules, facts, day, verdict, effect, status }) => {
    const evaluation = evaluate({ rules, facts: prFacts({ announcements: announcedBoth, ...facts }), now: at(day) });
    expect(evaluation.verdict).toBe(verdict);
    expect(evaluation.rules[0]?.vote?.effect ?? null).toBe(effect);
    if (status) expect(evaluation.rules[0]?.status).toBe(status);
  });

  it("a stale vote says what changed, as an approval would", () => {
    const facts = prFacts({ vote: vote({ status: "passed", yes: five, pullHead: OLD }), changesSince: { [OLD]: ["GOVERNANCE.md"] } });
    expect(evaluate({ rules: [processRule], facts, now: at(5) }).rules[0]?.vote).toEqual({ effect: "stale", why: "GOVERNANCE.md changed since" });
  });

  it("says when the author's yes was left out", () => {
    const facts = prFacts({ author: "alice", vote: vote({ status: "passed", yes: SEVEN.slice(0, 6) }) });
    expect(evaluate({ rules: [{ ...charter, authorCounts: false }], facts, now: at(14) }).rules[0]?.vote).toEqual({
      effect: "satisfies",
      yes: 5,
      authorLeftOut: true,
    });
  });

  it("the evaluation carries the vote only when a rule applies", () => {
    const v = vote({ status: "failed" });
    expect(evaluate({ rules: [processRule], facts: prFacts({ vote: v }), now: at(5) }).vote).toBe(v);
    const ungoverned = prFacts({ vote: v, files: [{ path: "README.md", previousPath: null }] });
    const evaluation = evaluate({ rules: [processRule], facts: ungoverned, now: at(5) });
    expect(evaluation).toMatchObject({ vote: null, verdict: "success" });
  });
});
