import { describe, expect, it } from "@jest/globals";
import type { Rule } from "../../src/config/types.js";
import type { PullRequestFacts, Verdict } from "../../src/policy/types.js";
import { at, charter, HEAD, iso, OLD, prFacts, review, SEVEN, supporting, evaluate } from "../helpers/facts.js";

const approvals = (logins: string[], on = HEAD) => logins.map((by) => review({ by, state: "APPROVED", on }));
const rules = [charter, supporting];

interface Case {
  name: string;
  facts: PullRequestFacts;
  now: Date;
  verdict: Verdict;
  yes?: number;
  rules?: Rule[];
}

const cases: Case[] = [
  { name: "no governed file: success", facts: prFacts({ files: [{ path: "README.md", previousPath: null }] }), now: at(1), verdict: "success" },
  { name: "5 of 7 on day 3: waits for the discussion", facts: prFacts({ reviews: approvals(SEVEN.slice(0, 5)) }), now: at(3), verdict: "waiting", yes: 5 },
  { name: "5 of 7 on day 14 exactly: met", facts: prFacts({ reviews: approvals(SEVEN.slice(0, 5)) }), now: at(14), verdict: "success", yes: 5 },
  {
    name: "4 of 7 after the discussion: waits for approvals",
    facts: prFacts({ reviews: approvals(SEVEN.slice(0, 4)) }),
    now: at(20),
    verdict: "waiting",
    yes: 4,
  },
  {
    name: "3 no of 7: 2/3 unreachable",
    facts: prFacts({ reviews: ["alice", "bob", "carol"].map((by) => review({ by, state: "CHANGES_REQUESTED" })) }),
    now: at(20),
    verdict: "failure",
  },
  {
    name: "2 no of 7: still reachable",
    facts: prFacts({ reviews: ["alice", "bob"].map((by) => review({ by, state: "CHANGES_REQUESTED" })) }),
    now: at(20),
    verdict: "waiting",
  },
  {
    name: "approval on an old commit, GOVERNANCE.md changed since: stale",
    facts: prFacts({ reviews: approvals(SEVEN.slice(0, 5), OLD), changesSince: { [OLD]: ["GOVERNANCE.md"] } }),
    now: at(20),
    verdict: "waiting",
    yes: 0,
  },
  {
    name: "approval on an old commit, only README changed since: still counts",
    facts: prFacts({ reviews: approvals(SEVEN.slice(0, 5), OLD), changesSince: { [OLD]: ["README.md"] } }),
    now: at(20),
    verdict: "success",
    yes: 5,
  },
  {
    name: "approval on an old commit whose changes can't be read: stale",
    facts: prFacts({ reviews: approvals(SEVEN.slice(0, 5), OLD), changesSince: { [OLD]: null } }),
    now: at(20),
    verdict: "waiting",
    yes: 0,
  },
  {
    name: "keep: an old approval counts whatever changed",
    facts: prFacts({ reviews: approvals(SEVEN.slice(0, 5), OLD), changesSince: { [OLD]: ["GOVERNANCE.md"] } }),
    now: at(20),
    verdict: "success",
    yes: 5,
    rules: [{ ...charter, onChange: "keep" }],
  },
  {
    name: "a bot's approval is ignored",
    facts: prFacts({ reviews: [...approvals(SEVEN.slice(0, 4)), review({ by: "alice-bot[bot]", state: "APPROVED", bot: true })] }),
    now: at(20),
    verdict: "waiting",
    yes: 4,
  },
  {
    name: "a non-maintainer's approval is ignored",
    facts: prFacts({ reviews: approvals([...SEVEN.slice(0, 4), "mallory"]) }),
    now: at(20),
    verdict: "waiting",
    yes: 4,
  },
  {
    name: "approved, then dismissed: the vote is gone",
    facts: prFacts({ reviews: [...approvals(SEVEN.slice(0, 5)), review({ by: "alice", state: "DISMISSED", day: 2 })] }),
    now: at(20),
    verdict: "waiting",
    yes: 4,
  },
  {
    name: "approved, then commented: still yes",
    facts: prFacts({ reviews: [...approvals(SEVEN.slice(0, 5)), review({ by: "alice", state: "COMMENTED", day: 2 })] }),
    now: at(20),
    verdict: "success",
    yes: 5,
  },
  {
    name: "changes requested, then approved: yes",
    facts: prFacts({
      reviews: [
        review({ by: "alice", state: "CHANGES_REQUESTED", day: 1 }),
        ...approvals(SEVEN.slice(1, 5)),
        review({ by: "alice", state: "APPROVED", day: 2 }),
      ],
    }),
    now: at(20),
    verdict: "success",
    yes: 5,
  },
  {
    name: "handles compare case-insensitively",
    facts: prFacts({ reviews: approvals(["ALICE", "Bob", "carol", "dave", "erin"]) }),
    now: at(20),
    verdict: "success",
    yes: 5,
  },
  {
    name: "a maintainer author counts as yes",
    facts: prFacts({ author: "alice", reviews: approvals(["bob", "carol", "dave", "erin"]) }),
    now: at(20),
    verdict: "success",
    yes: 5,
  },
  {
    name: "author_counts false: the author doesn't count",
    facts: prFacts({ author: "alice", reviews: approvals(["bob", "carol", "dave", "erin"]) }),
    now: at(20),
    verdict: "waiting",
    yes: 4,
    rules: [{ ...charter, authorCounts: false }],
  },
  {
    name: "not announced yet: waits, however many approvals",
    facts: prFacts({ announcements: [], reviews: approvals(SEVEN) }),
    now: at(20),
    verdict: "waiting",
    yes: 7,
  },
  {
    name: "supporting documents: no discussion needed",
    facts: prFacts({ files: [{ path: "MAINTAINERS.md", previousPath: null }], reviews: approvals(SEVEN.slice(0, 5)) }),
    now: at(0),
    verdict: "success",
    yes: 5,
  },
  {
    name: "a rename away from GOVERNANCE.md is governed",
    facts: prFacts({ files: [{ path: "docs/old-governance.md", previousPath: "GOVERNANCE.md" }], reviews: approvals(SEVEN.slice(0, 4)) }),
    now: at(20),
    verdict: "waiting",
  },
  {
    name: "label adds the charter rule",
    facts: prFacts({ files: [{ path: "README.md", previousPath: null }], labels: ["Governance"], reviews: approvals(SEVEN.slice(0, 4)) }),
    now: at(20),
    verdict: "waiting",
  },
  {
    name: "incomplete file list: governed",
    facts: prFacts({ files: [{ path: "README.md", previousPath: null }], filesComplete: false }),
    now: at(20),
    verdict: "waiting",
  },
  { name: "paths match case-insensitively", facts: prFacts({ files: [{ path: "governance.md", previousPath: null }] }), now: at(20), verdict: "waiting" },
  {
    name: "a count above N can't pass",
    facts: prFacts({ reviews: approvals(SEVEN) }),
    now: at(20),
    verdict: "failure",
    rules: [{ ...charter, approvals: { kind: "count", count: 8 } }],
  },
  {
    name: "empty electorate: failure",
    facts: prFacts({ electorate: { voters: [], sources: [], leftOut: [], problems: [] } }),
    now: at(20),
    verdict: "failure",
  },
  {
    name: "electorate problem: failure",
    facts: prFacts({ reviews: approvals(SEVEN), electorate: { voters: SEVEN, sources: [], leftOut: [], problems: ["team gone"] } }),
    now: at(20),
    verdict: "failure",
  },
  { name: "tampered announcement: failure", facts: prFacts({ reviews: approvals(SEVEN), tamperedAnnouncements: [55] }), now: at(20), verdict: "failure" },
  {
    name: "lazy consensus: passes at the end with no objection",
    facts: prFacts(),
    now: at(3),
    verdict: "success",
    rules: [{ ...charter, approvals: { kind: "lazy-consensus" }, discussionMs: 3 * 86_400_000 }],
  },
  {
    name: "lazy consensus: waits before the end",
    facts: prFacts(),
    now: new Date(at(3).getTime() - 1),
    verdict: "waiting",
    rules: [{ ...charter, approvals: { kind: "lazy-consensus" }, discussionMs: 3 * 86_400_000 }],
  },
  {
    name: "lazy consensus: one objection blocks",
    facts: prFacts({ reviews: [review({ by: "carol", state: "CHANGES_REQUESTED" })] }),
    now: at(5),
    verdict: "failure",
    rules: [{ ...charter, approvals: { kind: "lazy-consensus" }, discussionMs: 3 * 86_400_000 }],
  },
];

describe("evaluatePullRequest", () => {
  it.each(cases)("$name", ({ facts, now, verdict, yes, rules: own }) => {
    const evaluation = evaluate({ rules: own ?? rules, facts, now });
    expect(evaluation.verdict).toBe(verdict);
    if (yes !== undefined) expect(evaluation.rules[0]?.yes).toBe(yes);
  });

  it("wakes at the end of the discussion, and not once it has passed", () => {
    const facts = prFacts({ reviews: approvals(SEVEN.slice(0, 5)) });
    expect(evaluate({ rules, facts, now: at(3) }).nextWakeAt).toBe(iso(14));
    expect(evaluate({ rules, facts, now: at(15) }).nextWakeAt).toBeNull();
  });

  it("restarted discussion counts from the latest announcement that starts the rule", () => {
    const facts = prFacts({
      reviews: approvals(SEVEN.slice(0, 5)),
      announcements: [
        { commentId: 1, createdAt: iso(0), starts: ["charter"], headSha: OLD, url: "u1", base: null, baseChanged: false },
        { commentId: 2, createdAt: iso(5), starts: ["charter"], headSha: HEAD, url: "u2", base: null, baseChanged: false },
      ],
    });
    const evaluation = evaluate({ rules: [charter], facts, now: at(15) });
    expect(evaluation.verdict).toBe("waiting");
    expect(evaluation.rules[0]?.discussionEndsAt).toBe(iso(19));
  });
});
