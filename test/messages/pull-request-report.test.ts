import { describe, expect, it } from "@jest/globals";
import { configErrorReport, evaluationErrorReport, unusableFileReport } from "../../src/messages/error-report.js";
import { pullRequestReport } from "../../src/messages/pull-request-report.js";
import { at, charter, HEAD, OLD, prFacts, review, SEVEN, supporting, evaluate } from "../helpers/facts.js";

const rules = [charter, supporting];
/** Where the rules come from: each kind's line has its own snapshots (rules-source-line.test.ts). */
const OWN = { kind: "own", file: ".github/governance.yml" } as const;

describe("pullRequestReport", () => {
  const scenarios = {
    "no governed files": prFacts({ files: [{ path: "README.md", previousPath: null }] }),
    "waiting for approvals and time": prFacts({
      files: [
        { path: "GOVERNANCE.md", previousPath: null },
        { path: "MAINTAINERS.md", previousPath: null },
      ],
      reviews: [
        review({ by: "alice", state: "APPROVED" }),
        review({ by: "bob", state: "APPROVED", on: OLD }),
        review({ by: "carol", state: "CHANGES_REQUESTED" }),
      ],
      changesSince: { [OLD]: ["GOVERNANCE.md"] },
      electorate: { voters: SEVEN, sources: ["MAINTAINERS.md"], leftOut: [{ login: "renovate[bot]", reason: "bot" }], problems: [] },
    }),
    "approved, discussion still open": prFacts({ reviews: SEVEN.slice(0, 5).map((by) => review({ by, state: "APPROVED", on: HEAD })) }),
    "met after the discussion": prFacts({ author: "alice", reviews: SEVEN.slice(1, 5).map((by) => review({ by, state: "APPROVED", on: HEAD })) }),
    "blocked: unreachable": prFacts({ reviews: SEVEN.slice(0, 3).map((by) => review({ by, state: "CHANGES_REQUESTED" })) }),
    "draft, not announced": prFacts({ draft: true, announcements: [] }),
    "incomplete file list": prFacts({ files: [], filesComplete: false }),
    tampered: prFacts({ tamperedAnnouncements: [77] }),
  };

  it.each(Object.entries(scenarios))("%s", (_name, facts) => {
    const report = pullRequestReport({ evaluation: evaluate({ rules, facts, now: _name.startsWith("met") ? at(15) : at(3) }), rules: OWN });
    expect(report).toMatchSnapshot();
  });

  it("says what is missing in the title", () => {
    const report = pullRequestReport({ evaluation: evaluate({ rules: [charter], facts: prFacts({ reviews: [review({ by: "alice", state: "APPROVED" })] }), now: at(3) }), rules: OWN });
    expect(report.title).toBe("1 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
    expect(report.state).toBe("waiting");
  });

  it("a discussion that is over is not shown as a deadline", () => {
    const report = pullRequestReport({ evaluation: evaluate({ rules: [charter], facts: prFacts({ reviews: [review({ by: "alice", state: "APPROVED" })] }), now: at(20) }), rules: OWN });
    expect(report.title).toBe("1 of 5 approvals · discussion over");
  });

  it("says which rules apply and why, right after the headline, and on a pull request no rule covers", () => {
    const org = { kind: "defaults", why: { kind: "org-not-governed", orgRepo: "acme/.github" } } as const;
    const governed = pullRequestReport({ evaluation: evaluate({ rules: [charter], facts: prFacts(), now: at(3) }), rules: org });
    expect(governed.summary.split("\n\n")[1]).toMatch(/^\*\*Rules:\*\* Gavel's defaults\. acme\/\.github has a/);
    const none = pullRequestReport({ evaluation: evaluate({ rules: [charter], facts: prFacts({ files: [{ path: "README.md", previousPath: null }] }), now: at(3) }), rules: org });
    expect(none.summary).toContain("**Rules:** Gavel's defaults. acme/.github has a");
    // `gavel explain` reads a local file, and says nothing of what GitHub would fall back to.
    expect(pullRequestReport({ evaluation: evaluate({ rules: [charter], facts: prFacts(), now: at(3) }), rules: null }).summary).not.toContain("**Rules:**");
  });

  it("names an impossible count", () => {
    const report = pullRequestReport({ evaluation: evaluate({ rules: [{ ...charter, approvals: { kind: "count", count: 9 } }], facts: prFacts(), now: at(3) }), rules: OWN });
    expect(report.title).toBe("Blocked: charter needs 9 approvals but there are only 7 eligible maintainers");
    expect(report.state).toBe("failure");
  });
});

describe("error reports", () => {
  it("config error names the file and line", () => {
    const report = configErrorReport([
      { file: ".github/governance.yml", line: 4, key: "rules[0].approvals", message: "`3/2` is more than all maintainers" },
      { file: ".github/governance.yml", line: 9, key: "votes.duraton", message: "unknown key; did you mean `duration`?" },
    ]);
    expect(report.title).toBe("Configuration error in .github/governance.yml line 4");
    expect(report).toMatchSnapshot();
  });

  it("evaluation error says it will retry", () => {
    expect(evaluationErrorReport(new Error("listing reviews of acme/widgets#7: 502 Bad Gateway"))).toMatchSnapshot();
  });

  it.each([
    { name: "too large", file: { path: "MAINTAINERS.md", problem: "too-large", bytes: 1_000_001, limit: 1_000_000 } as const, title: "MAINTAINERS.md is too large: 1000001 bytes, the limit is 1000000" },
    { name: "a directory", file: { path: "docs/MAINTAINERS.md", problem: "not-a-file", type: "dir" } as const, title: "docs/MAINTAINERS.md is not a file" },
    { name: "a submodule", file: { path: "OWNERS.md", problem: "not-a-file", type: "submodule" } as const, title: "OWNERS.md is not a file" },
  ])("an unusable file ($name) fails closed, names the file and the limit, and says that only a fix helps", ({ file, title }) => {
    const report = unusableFileReport(file);
    expect({ state: report.state, title: report.title }).toEqual({ state: "failure", title });
    expect(report.summary).toContain("Gavel does not retry on its own");
    expect(report).toMatchSnapshot();
  });
});
