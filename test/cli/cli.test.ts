import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { runCli } from "../../src/cli/run-cli.js";

/**
 * Golden outputs of `gavel validate` and `gavel explain` on good and broken
 * projects (jest snapshots are the golden files: a change in wording shows up
 * in review). Files come from an in-memory tree, as from a repository root.
 */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/maintainers/${name}`, import.meta.url), "utf8");
const NOW = new Date("2026-12-01T10:00:00Z");

function run(params: { argv: string[]; files: Record<string, string>; remoteOwner?: string }) {
  return runCli({ argv: params.argv, read: (path) => params.files[path] ?? null, now: NOW, version: "1.2.3", remoteOwner: params.remoteOwner ?? null });
}

const CHARTER_CONFIG = `# yaml-language-server: $schema=https://raw.githubusercontent.com/gavel-governance/gavel/main/schema/governance.schema.json
maintainers:
  file: MAINTAINERS.md
  exclude: [bmicklea]
rules:
  - name: charter
    paths: [GOVERNANCE.md, CHARTER.md]
    labels: [governance]
    approvals: 2/3
    discussion: 14d
  - name: security
    paths: [SECURITY.md]
    approvals: majority
votes:
  types:
    removal: { approvals: 3/4 }
`;

describe("gavel validate", () => {
  const cases: Array<{ name: string; argv: string[]; files: Record<string, string>; exitCode: number; remoteOwner?: string }> = [
    {
      name: "a good config and KitOps' MAINTAINERS.md",
      argv: ["validate"],
      files: { ".github/governance.yml": CHARTER_CONFIG, "MAINTAINERS.md": fixture("kitops.md") },
      exitCode: 0,
    },
    { name: "no config: the defaults, over Jaeger's MAINTAINERS.md", argv: ["validate"], files: { "MAINTAINERS.md": fixture("jaeger.md") }, exitCode: 0 },
    {
      name: "a config at another path, with a section and teams",
      argv: ["validate", "gov.yml"],
      files: {
        "gov.yml": "maintainers:\n  file: OWNERS.md\n  section: Maintainers\n  teams: [core]\n",
        "OWNERS.md": "# Maintainers\n\n- @alice\n- @bob\n\n# Emeritus\n\n- @carol\n",
      },
      exitCode: 0,
    },
    {
      name: "a broken config: every problem, with lines",
      argv: ["validate"],
      files: {
        ".github/governance.yml":
          "rules:\n  - name: charter\n    paths: GOVERNANCE.md\n    approvals: 67%\n    discussion: 2 weeks\n  - nme: other\nvotes:\n  duration: 0d\nmaintainer: {}\n",
        "MAINTAINERS.md": "- @alice\n",
      },
      exitCode: 1,
    },
    { name: "YAML that doesn't parse", argv: ["validate"], files: { ".github/governance.yml": "rules: [\n  name: x\n" }, exitCode: 1 },
    { name: "a maintainers file that is missing", argv: ["validate"], files: { ".github/governance.yml": "maintainers:\n  file: PEOPLE.md\n" }, exitCode: 1 },
    {
      name: "a section that is missing",
      argv: ["validate"],
      files: { ".github/governance.yml": "maintainers:\n  section: Steering Committee\n", "MAINTAINERS.md": fixture("keda.md") },
      exitCode: 1,
    },
    {
      name: "a hostile MAINTAINERS.md: everyone it names but doesn't count, with the line and why",
      argv: ["validate"],
      files: {
        "MAINTAINERS.md": [
          "# Maintainers",
          "",
          "| Name | GitHub | Status |",
          "| --- | --- | --- |",
          "| Alice | @alice | Active |",
          "| Bob | @bob | Active |",
          "| Oscar | @oscar | Emeritus |",
          "",
          "- @carol",
          "- ~~@sam~~ (stepped down)",
          "- @xavier — emeritus since 2024",
          "",
          "<details>",
          "<summary>Past</summary>",
          "",
          "- @dora",
          "",
          "</details>",
          "",
          "Thanks to @trent for the logo.",
          "",
          "## Contributors",
          "",
          "- @zed",
          "",
        ].join("\n"),
      },
      exitCode: 0,
    },
    {
      name: "_extends, not followed locally",
      argv: ["validate"],
      files: { ".github/governance.yml": "_extends: .github\nmaintainers:\n  users: [alice, bob, carol]\n  file: null\n" },
      exitCode: 0,
    },
    {
      name: "_extends to another owner than the git remote's: on its line",
      argv: ["validate"],
      files: { ".github/governance.yml": "maintainers:\n  users: [alice, bob, carol]\n  file: null\n_extends: other-org/policies\n" },
      remoteOwner: "acme",
      exitCode: 1,
    },
    {
      name: "_extends to the git remote's own owner, in another case",
      argv: ["validate"],
      files: { ".github/governance.yml": "_extends: ACME/.github\nmaintainers:\n  users: [alice, bob, carol]\n  file: null\n" },
      remoteOwner: "acme",
      exitCode: 0,
    },
  ];
  it.each(cases)("$name", ({ argv, files, exitCode, remoteOwner }) => {
    const result = run({ argv, files, ...(remoteOwner ? { remoteOwner } : {}) });
    expect(result.exitCode).toBe(exitCode);
    expect(result.output).toMatchSnapshot();
  });
});

describe("gavel explain", () => {
  const files = { ".github/governance.yml": CHARTER_CONFIG, "MAINTAINERS.md": fixture("kitops.md") };
  const cases: Array<{ name: string; argv: string[]; exitCode: number; first: string }> = [
    {
      name: "a charter change with 2 of 3 approvals, on day 3",
      argv: ["explain", "--changed", "GOVERNANCE.md,README.md", "--approved", "gorkem,amisevsk", "--days", "3"],
      exitCode: 0,
      first: "waiting: 2 of 3 approvals · discussion ends 2026-12-12 10:00 UTC",
    },
    {
      name: "enough approvals after the discussion period",
      argv: ["explain", "--changed", "GOVERNANCE.md", "--approved", "@gorkem", "--approved", "amisevsk,nida-hasan", "--days", "14"],
      exitCode: 0,
      first: "success: Approved: charter",
    },
    {
      name: "an objection does not block a threshold rule",
      argv: ["explain", "--changed", "SECURITY.md", "--approved", "gorkem,amisevsk,nida-hasan", "--objected", "javisperez"],
      exitCode: 0,
      first: "success: Approved: security",
    },
    { name: "nothing governed", argv: ["explain", "--changed", "src/main.go"], exitCode: 0, first: "success: No governed files changed" },
    {
      name: "the governance label adds the charter rule",
      argv: ["explain", "--changed", "README.md", "--labels", "governance", "--days", "20", "--approved", "gorkem"],
      exitCode: 0,
      first: "waiting: 1 of 3 approvals",
    },
    { name: "a draft", argv: ["explain", "--changed", "GOVERNANCE.md", "--draft"], exitCode: 0, first: "discussion starts when ready for review" },
  ];
  it.each(cases)("$name", ({ argv, exitCode, first }) => {
    const result = run({ argv, files });
    expect(result.exitCode).toBe(exitCode);
    expect(result.output.split("\n")[0]).toContain(first);
    expect(result.output).toMatchSnapshot();
  });

  it("a broken config: the configuration error, exit 1", () => {
    const result = run({ argv: ["explain", "--changed", "GOVERNANCE.md"], files: { ".github/governance.yml": "rules: 3\n" } });
    expect(result.exitCode).toBe(1);
    expect(result.output).toMatchSnapshot();
  });
});

describe("gavel explain: a PR decided by a vote (issue 16)", () => {
  // KitOps: "most business is conducted by lazy consensus … any Maintainer may demand a vote".
  const files = {
    ".github/governance.yml": "rules:\n  - name: process\n    paths: [PROCESS.md]\n    approvals: lazy-consensus\n    discussion: 72h\n",
    "MAINTAINERS.md": fixture("kitops.md"),
  };
  const objected = ["explain", "--changed", "PROCESS.md", "--objected", "javisperez", "--days", "4"];
  const cases: Array<{ name: string; argv: string[]; first: string }> = [
    { name: "an objection, no vote: blocked", argv: objected, first: "failure: Blocked: process has an objection (1 request for changes)" },
    {
      name: "the vote demanded on it passed: the objection is overruled",
      argv: [...objected, "--vote", "passed", "--vote-yes", "gorkem,amisevsk,nida-hasan"],
      first: "success: Approved: process",
    },
    {
      name: "the vote is open: waiting for it",
      argv: [...objected, "--vote", "open", "--vote-yes", "gorkem"],
      first: "waiting: Waiting for the vote on this pull request",
    },
    {
      name: "the vote failed: blocked",
      argv: [...objected, "--vote", "failed", "--vote-no", "gorkem,amisevsk"],
      first: "failure: Blocked: the vote on this pull request failed",
    },
  ];
  it.each(cases)("$name", ({ argv, first }) => {
    const result = run({ argv, files });
    expect(result.exitCode).toBe(0);
    expect(result.output.split("\n")[0]).toContain(first);
    expect(result.output).toMatchSnapshot();
  });

  it("refuses an outcome it doesn't know", () => {
    expect(run({ argv: [...objected, "--vote", "won"], files })).toEqual({
      exitCode: 2,
      output: "--vote must be open, passed, failed or cancelled, not won.\n",
    });
  });
});

describe("usage", () => {
  it.each([
    { argv: [], exitCode: 2, starts: "Usage: gavel <command>" },
    { argv: ["frobnicate"], exitCode: 2, starts: "Unknown command `frobnicate`." },
    { argv: ["explain"], exitCode: 2, starts: "explain needs --changed" },
    { argv: ["explain", "--changed", "a.md", "--days", "soon"], exitCode: 2, starts: "--days must be" },
    { argv: ["explain", "--changed", "a.md", "--now", "tomorrow"], exitCode: 2, starts: "--now must be" },
    { argv: ["help"], exitCode: 0, starts: "Usage: gavel <command>" },
    { argv: ["--help"], exitCode: 0, starts: "Usage: gavel <command>" },
    { argv: ["-h"], exitCode: 0, starts: "Usage: gavel <command>" },
    { argv: ["--version"], exitCode: 0, starts: "gavel 1.2.3" },
    { argv: ["-V"], exitCode: 0, starts: "gavel 1.2.3" },
    { argv: ["validate", "--help"], exitCode: 0, starts: "gavel validate [config]" },
    { argv: ["help", "validate"], exitCode: 0, starts: "gavel validate [config]" },
    { argv: ["explain", "-h"], exitCode: 0, starts: "gavel explain --changed" },
  ])("$argv → exit $exitCode", ({ argv, exitCode, starts }) => {
    // No files: a command that ran (validate) would say "No .github/governance.yml".
    const result = run({ argv, files: {} });
    expect(result.exitCode).toBe(exitCode);
    expect(result.output.startsWith(starts)).toBe(true);
  });

  it("the usage text", () => {
    expect(run({ argv: ["--help"], files: {} }).output).toMatchSnapshot();
  });
});
