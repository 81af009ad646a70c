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
      electorate: {
        voters: SEVEN,
        sources: ["MAINTAINERS.md", "team @acme/core"],
        leftOut: [
          { login: "renovate[bot]", source: "team @acme/core", line: null, reason: "bot" },
          { login: "oscar", source: "MAINTAINERS.md", line: 14, reason: "in section “Emeritus”" },
          { login: "dora", source: "MAINTAINERS.md", line: 21, reason: "inside a <details> block" },
          { login: "kid", source: "team @acme/core", line: null, reason: "a member of a child team of @acme/core, not of the team itself" },
        ],
        problems: [],
      },
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
    const report = pullRequestReport({
      evaluation: evaluate({ rules: [charter], facts: prFacts({ reviews: [review({ by: "alice", state: "APPROVED" })] }), now: at(3) }),
      rules: OWN,
    });
    expect(report.title).toBe("1 of 5 approvals · discussion ends 2026-12-06 10:00 UTC");
    expect(report.state).toBe("waiting");
  });

  it("a discussion that is over is not shown as a deadline", () => {
    const report = pullRequestReport({
      evaluation: evaluate({ rules: [charter], facts: prFacts({ reviews: [review({ by: "alice", state: "APPROVED" })] }), now: at(20) }),
      rules: OWN,
    });
    expect(report.title).toBe("1 of 5 approvals · discussion over");
  });

  it("says which rules apply and why, right after the headline, and on a pull request no rule covers", () => {
    const org = { kind: "defaults", why: { kind: "org-not-governed", orgRepo: "acme/.github" } } as const;
    const governed = pullRequestReport({ evaluation: evaluate({ rules: [charter], facts: prFacts(), now: at(3) }), rules: org });
    expect(governed.summary.split("\n\n")[1]).toMatch(/^\*\*Rules:\*\* Gavel's defaults\. acme\/\.github has a/);
    const none = pullRequestReport({
      evaluation: evaluate({ rules: [charter], facts: prFacts({ files: [{ path: "README.md", previousPath: null }] }), now: at(3) }),
      rules: org,
    });
    expect(none.summary).toContain("**Rules:** Gavel's defaults. acme/.github has a");
    // `gavel explain` reads a local file, and says nothing of what GitHub would fall back to.
    expect(pullRequestReport({ evaluation: evaluate({ rules: [charter], facts: prFacts(), now: at(3) }), rules: null }).summary).not.toContain("**Rules:**");
  });

  it("names an impossible count", () => {
    const report = pullRequestReport({
      evaluation: evaluate({ rules: [{ ...charter, approvals: { kind: "count", count: 9 } }], facts: prFacts(), now: at(3) }),
      rules: OWN,
    });
    expect(report.title).toBe("Blocked: charter needs 9 approvals but there are only 7 eligible maintainers");
    expect(report.state).toBe("failure");
  });
});

describe("the electorate section", () => {
  const section = (summary: string) => summary.slice(summary.indexOf("### Electorate"));

  it("names everyone left out with where and why, and what a maintainers file wrote can't open HTML or a table", () => {
    const leftOut = [
      { login: "oscar", source: "MAINTAINERS.md", line: 14, reason: "in section “Emeritus <!-- gavel:vote -->”" },
      { login: "pipe", source: "MAINTAINERS.md", line: 15, reason: "listed under “a | b\nc”" },
    ];
    const report = pullRequestReport({
      evaluation: evaluate({
        rules: [charter],
        facts: prFacts({ electorate: { voters: ["alice"], sources: ["MAINTAINERS.md"], leftOut, problems: [] } }),
        now: at(3),
      }),
      rules: OWN,
    });
    expect(section(report.summary)).toBe(
      [
        "### Electorate: 1 eligible maintainer",
        "",
        "Read from the default branch (MAINTAINERS.md), never from this pull request.",
        "",
        "@alice",
        "",
        "Left out (2), named there but not counted:",
        "",
        "- @oscar — MAINTAINERS.md line 14: in section “Emeritus &lt;!-- gavel:vote -->”",
        "- @pipe — MAINTAINERS.md line 15: listed under “a \\| b c”",
      ].join("\n"),
    );
  });

  it("a file naming thousands: every list is shortened, the counts stay exact, the section is never cut, and the summary fits GitHub's limit", () => {
    const voters = Array.from({ length: 3_000 }, (_, i) => `maintainer-${String(i).padStart(4, "0")}-${"x".repeat(23)}`);
    const leftOut = Array.from({ length: 5_000 }, (_, i) => ({
      login: `former-${i}`,
      source: "MAINTAINERS.md",
      line: i + 1,
      reason: `in section “${"Emeritus ".repeat(20)}”`,
    }));
    const report = pullRequestReport({
      evaluation: evaluate({ rules: [charter], facts: prFacts({ electorate: { voters, sources: ["MAINTAINERS.md"], leftOut, problems: [] } }), now: at(3) }),
      rules: OWN,
    });
    expect(report.summary.length).toBeLessThanOrEqual(65_535);
    expect(report.summary).toContain("⌈2/3 × 3000⌉ = 2000 of 3000 eligible maintainers");
    expect(report.summary).toContain("…(cut: the full summary exceeded GitHub's limit)\n\n### Electorate: 3000 eligible maintainers");
    const shown = section(report.summary);
    expect(shown).toContain(`@${voters[0] ?? ""}, `);
    expect(shown).toMatch(/, and 2,\d{3} more\n\nLeft out \(5,000\), named there but not counted:\n\n- @former-0 — MAINTAINERS.md line 1: /);
    expect(shown).toMatch(/\n- …and 4,9\d\d more$/);
    expect(shown.length).toBeLessThan(22_000);
  });

  it.each([100, 144, 145, 146, 147, 200, 400])("with reasons of %d characters, every one left out is shown or counted in “…and N more”, once", (length) => {
    const leftOut = Array.from({ length: 60 }, (_, i) => ({ login: `p${String(i).padStart(2, "0")}`, source: "M.md", line: null, reason: "r".repeat(length) }));
    const report = pullRequestReport({
      evaluation: evaluate({ rules: [charter], facts: prFacts({ electorate: { voters: ["alice"], sources: ["M.md"], leftOut, problems: [] } }), now: at(3) }),
      rules: OWN,
    });
    const lines = section(report.summary).split("\n");
    const shown = lines.filter((l) => l.startsWith("- @")).length;
    const more = lines.filter((l) => l.startsWith("- …and ")).map((l) => Number(/\d+/.exec(l)?.[0]));
    expect(more).toHaveLength(1);
    expect(shown + (more[0] ?? 0)).toBe(60);
  });

  it("a maintainers file naming thousands under a heading 100 KB long: only what is shown is formatted, and each reason is cut", () => {
    const heading = "Former ".repeat(15_000);
    const leftOut = Array.from({ length: 20_000 }, (_, i) => ({
      login: `former-${i}`,
      source: "MAINTAINERS.md",
      line: i + 3,
      reason: `in section “${heading}”`,
    }));
    const started = performance.now();
    const report = pullRequestReport({
      evaluation: evaluate({
        rules: [charter],
        facts: prFacts({ electorate: { voters: ["alice"], sources: ["MAINTAINERS.md"], leftOut, problems: [] } }),
        now: at(3),
      }),
      rules: OWN,
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    const lines = section(report.summary)
      .split("\n")
      .filter((l) => l.startsWith("- "));
    expect(lines[0]).toBe(`- @former-0 — MAINTAINERS.md line 3: ${`in section “${heading}”`.slice(0, 199)}…`);
    expect(lines.at(-1)).toMatch(/^- …and 19,9\d\d more$/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(260);
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
    {
      name: "too large",
      file: { path: "MAINTAINERS.md", problem: "too-large", bytes: 1_000_001, limit: 1_000_000 } as const,
      title: "MAINTAINERS.md is too large: 1000001 bytes, the limit is 1000000",
    },
    { name: "a directory", file: { path: "docs/MAINTAINERS.md", problem: "not-a-file", type: "dir" } as const, title: "docs/MAINTAINERS.md is not a file" },
    { name: "a submodule", file: { path: "OWNERS.md", problem: "not-a-file", type: "submodule" } as const, title: "OWNERS.md is not a file" },
  ])("an unusable file ($name) fails closed, names the file and the limit, and says that only a fix helps", ({ file, title }) => {
    const report = unusableFileReport(file);
    expect({ state: report.state, title: report.title }).toEqual({ state: "failure", title });
    expect(report.summary).toContain("Gavel does not retry on its own");
    expect(report).toMatchSnapshot();
  });
});
