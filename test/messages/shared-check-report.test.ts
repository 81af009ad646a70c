import { describe, expect, it } from "@jest/globals";
import type { CheckReport } from "../../src/messages/check-report.js";
import { sharedCheckReport } from "../../src/messages/shared-check-report.js";

const passes: CheckReport = {
  state: "success",
  title: "No governed files changed",
  summary: "This pull request changes no file that a governance rule covers.",
};
const waits: CheckReport = {
  state: "waiting",
  title: "0 of 5 approvals · discussion ends 2026-03-16 09:01 UTC",
  summary: "**Waiting.** One governance rule applies.",
};
const blocked: CheckReport = {
  state: "failure",
  title: "Blocked: charter has an objection (1 request for changes)",
  summary: "**Blocked.** One governance rule applies.",
};

describe("sharedCheckReport: one check for every open PR on a commit", () => {
  it("one PR: its own report, unchanged", () => {
    expect(sharedCheckReport([{ number: 7, baseRef: "main", report: passes }])).toBe(passes);
  });

  it.each([
    { name: "a passing PR and a waiting one: waiting, naming the strict one", pulls: [passes, waits], state: "waiting", title: `#13: ${waits.title}` },
    { name: "the strictest is the PR evaluated: its own title", pulls: [waits, passes], state: "waiting", title: waits.title },
    { name: "blocked beats waiting", pulls: [passes, waits, blocked], state: "failure", title: `#14: ${blocked.title}` },
    { name: "all pass: passes", pulls: [passes, passes], state: "success", title: passes.title },
  ])("$name", ({ pulls, state, title }) => {
    const report = sharedCheckReport(pulls.map((r, i) => ({ number: 12 + i, baseRef: i === 0 ? "holder" : "main", report: r })));
    expect(report.state).toBe(state);
    expect(report.title).toBe(title);
    for (let i = 0; i < pulls.length; i++) expect(report.summary).toContain(`| #${12 + i} into`);
  });

  it("reads as a maintainer sees it", () => {
    const report = sharedCheckReport([
      { number: 13, baseRef: "holder|<!--", report: passes },
      { number: 12, baseRef: "main", report: waits },
    ]);
    expect(report).toMatchSnapshot();
    expect(report.summary).not.toContain("<!--");
  });
});
