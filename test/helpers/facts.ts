import type { Rule } from "../../src/config/types.js";
import { evaluatePullRequest } from "../../src/policy/evaluate-pull-request.js";
import { matchRules } from "../../src/policy/match-rules.js";
import type { Evaluation, PullRequestFacts, ReviewFact, RuleMatch } from "../../src/policy/types.js";

export const T0 = "2026-11-22T10:00:00.000Z";
export const DAY = 86_400_000;
export const at = (days: number, from = T0): Date => new Date(Date.parse(from) + days * DAY);
export const iso = (days: number, from = T0): string => at(days, from).toISOString();

export const HEAD = "c0ffee0000000000000000000000000000000003";
export const OLD = "c0ffee0000000000000000000000000000000001";

export const charter: Rule = {
  name: "charter",
  paths: ["GOVERNANCE.md", "CHARTER.md", ".github/governance.yml"],
  labels: ["governance"],
  approvals: { kind: "fraction", numerator: 2, denominator: 3 },
  discussionMs: 14 * DAY,
  authorCounts: true,
  onChange: "reset-approvals",
};

export const supporting: Rule = {
  name: "supporting-documents",
  paths: ["MAINTAINERS.md", "CODE-OF-CONDUCT.md", "SECURITY.md"],
  labels: [],
  approvals: { kind: "fraction", numerator: 2, denominator: 3 },
  discussionMs: 0,
  authorCounts: true,
  onChange: "reset-approvals",
};

export const SEVEN = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"];

let reviewId = 100;
export function review(params: { by: string; state: ReviewFact["state"]; on?: string; day?: number; bot?: boolean }): ReviewFact {
  const id = reviewId++;
  return {
    id,
    author: params.by,
    authorIsBot: params.bot ?? false,
    state: params.state,
    commitId: params.on ?? HEAD,
    submittedAt: iso(params.day ?? 1),
    url: `https://github.com/acme/widgets/pull/7#pullrequestreview-${id}`,
  };
}

/** A governed PR by a non-maintainer, announced at T0, touching GOVERNANCE.md. */
export function prFacts(overrides: Partial<PullRequestFacts> = {}): PullRequestFacts {
  return {
    number: 7,
    author: "outsider",
    authorIsBot: false,
    draft: false,
    headSha: HEAD,
    baseRef: "main",
    labels: [],
    files: [{ path: "GOVERNANCE.md", previousPath: null }],
    filesComplete: true,
    reviews: [],
    changesSince: {},
    announcements: [
      {
        commentId: 1,
        createdAt: T0,
        starts: ["charter", "supporting-documents"],
        headSha: HEAD,
        url: "https://github.com/acme/widgets/pull/7#issuecomment-1",
        base: null,
        baseChanged: false,
      },
    ],
    tamperedAnnouncements: [],
    links: [],
    electorate: { voters: SEVEN, sources: ["MAINTAINERS.md"], leftOut: [], problems: [] },
    vote: null,
    ...overrides,
  };
}

/** The rules that apply to `facts`, as the load step matches them. */
export function matchFacts(params: { rules: Rule[]; facts: PullRequestFacts }): RuleMatch[] {
  const { facts } = params;
  return matchRules({ rules: params.rules, files: facts.files, filesComplete: facts.filesComplete, labels: facts.labels });
}

/** Evaluates `facts` under `rules`, matched as the load step matches them. */
export function evaluate(params: { rules: Rule[]; facts: PullRequestFacts; now: Date }): Evaluation {
  return evaluatePullRequest({ matches: matchFacts({ rules: params.rules, facts: params.facts }), facts: params.facts, now: params.now });
}
