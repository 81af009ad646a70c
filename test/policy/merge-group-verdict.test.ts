import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { mergeGroupReport } from "../../src/messages/merge-group-report.js";
import { decideMergeGroup, queuedPullNumber, type QueuedPull } from "../../src/policy/merge-group-verdict.js";
import type { ChangedFile, ExistingCheck } from "../../src/policy/types.js";

const SHA = "a".repeat(40);
const file = (path: string, blobSha: string | null, status = "modified", previousPath: string | null = null): ChangedFile => ({
  path,
  previousPath,
  change: { status, blobSha, patchDigest: null },
});
const check = (conclusion: string | null, status = "completed"): ExistingCheck => ({
  id: 1,
  status,
  conclusion,
  title: conclusion === "success" ? "Approved: charter" : "2 of 5 approvals",
  summary: null,
  startedAt: null,
  confirmed: true,
});
const pull = (over: Partial<QueuedPull> = {}): QueuedPull => ({
  number: 7,
  open: true,
  headSha: "b".repeat(40),
  files: [file("GOVERNANCE.md", "g1"), file("src/a.ts", "s1")],
  filesComplete: true,
  check: check("success"),
  ...over,
});
const rules = DEFAULT_CONFIG.rules;

describe("queuedPullNumber", () => {
  it.each([
    [`refs/heads/gh-readonly-queue/main/pr-123-${SHA}`, 123],
    [`refs/heads/gh-readonly-queue/release/v2/pr-9-${SHA}`, 9],
    ["refs/heads/gh-readonly-queue/main/pr-123", null],
    [`refs/heads/feature/pr-1-${SHA}`, null],
    [`refs/heads/gh-readonly-queue/main/pr-0-${SHA}`, null],
  ])("%s → %s", (ref, number) => {
    expect(queuedPullNumber(ref)).toBe(number);
  });
});

describe("decideMergeGroup", () => {
  it.each<[string, Parameters<typeof decideMergeGroup>[0], string]>([
    ["nothing governed", { pullNumber: 7, files: [file("src/a.ts", "s2")], rules, pull: null }, "ungoverned"],
    ["files GitHub can't list", { pullNumber: 7, files: null, rules, pull: null }, "unknown-files"],
    ["governed, no queue ref", { pullNumber: null, files: [file("GOVERNANCE.md", "g1")], rules, pull: null }, "not-a-queue"],
    ["governed, the PR closed", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1")], rules, pull: pull({ open: false }) }, "pull-not-open"],
    [
      "governed, the PR waiting",
      { pullNumber: 7, files: [file("GOVERNANCE.md", "g1")], rules, pull: pull({ check: check(null, "in_progress") }) },
      "pull-not-passing",
    ],
    ["governed, the PR failing", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1")], rules, pull: pull({ check: check("failure") }) }, "pull-not-passing"],
    ["governed, the PR has no check", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1")], rules, pull: pull({ check: null }) }, "pull-not-passing"],
    ["governed, the same blob", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1"), file("src/a.ts", "s9")], rules, pull: pull() }, "approved"],
    ["governed, another blob", { pullNumber: 7, files: [file("GOVERNANCE.md", "g2")], rules, pull: pull() }, "differs"],
    ["governed, a status the PR doesn't have", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1", "added")], rules, pull: pull() }, "differs"],
    ["governed, a file the PR doesn't change", { pullNumber: 7, files: [file("SECURITY.md", "x1")], rules, pull: pull() }, "differs"],
    ["governed, the PR's list incomplete", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1")], rules, pull: pull({ filesComplete: false }) }, "differs"],
    [
      "a governed file renamed away, as the PR does",
      {
        pullNumber: 7,
        files: [file("OLD.md", "o1", "renamed", "GOVERNANCE.md")],
        rules,
        pull: pull({ files: [file("OLD.md", "o1", "renamed", "GOVERNANCE.md")] }),
      },
      "approved",
    ],
    [
      "a governed file removed, as the PR does",
      { pullNumber: 7, files: [file("SECURITY.md", null, "removed")], rules, pull: pull({ files: [file("SECURITY.md", "s0", "removed")] }) },
      "approved",
    ],
  ])("%s → %s", (_name, facts, kind) => {
    expect(decideMergeGroup(facts).kind).toBe(kind);
  });
});

describe("mergeGroupReport", () => {
  const repoUrl = "https://github.com/acme/community";
  it.each<[string, Parameters<typeof decideMergeGroup>[0]]>([
    ["ungoverned", { pullNumber: 7, files: [file("src/a.ts", "s2")], rules, pull: null }],
    ["approved", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1")], rules, pull: pull() }],
    ["unknown files", { pullNumber: 7, files: null, rules, pull: null }],
    ["not a queue", { pullNumber: null, files: [file("GOVERNANCE.md", "g1")], rules, pull: null }],
    ["not open", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1")], rules, pull: pull({ open: false }) }],
    ["not passing", { pullNumber: 7, files: [file("GOVERNANCE.md", "g1")], rules, pull: pull({ check: check(null, "in_progress") }) }],
    ["differs", { pullNumber: 7, files: [file("GOVERNANCE.md", "g2")], rules, pull: pull() }],
  ])("%s", (_name, facts) => {
    expect(mergeGroupReport({ verdict: decideMergeGroup(facts), repoUrl })).toMatchSnapshot();
  });
});
