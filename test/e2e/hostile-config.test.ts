import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { maintainersFile } from "../../sandbox/driver.js";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { CHARTER, MAINTAINERS, startStory } from "./story.js";

/**
 * Hostile or broken files on the default branch (issue #8): each fails the
 * `governance` check closed with a message that says why, posts nothing
 * else, and the app keeps serving: fixing the file re-evaluates the open PR.
 * Every case has its own repository on one shared sandbox.
 */
const CONFIG = ".github/governance.yml";
const CONTENTS = "GET /repos/{owner}/{repo}/contents/{path}";
const VALID = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n";
const rule = (extra: string) => `rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n${extra}`;

/** A small YAML file whose aliases expand to 10^9 strings if a parser follows them. */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((name, i) => {
    const prev = "abcdefgh"[i] ?? "a";
    return `${name}: &${name} [${Array.from({ length: 10 }, () => `*${prev}`).join(",")}]`;
  }),
  "maintainers:\n  users: *i",
].join("\n");

const CONFIG_CASES: Array<{ name: string; yaml: string; title: string; message: string }> = [
  { name: "malformed YAML", yaml: "rules:\n  - name: charter\n    paths: [GOVERNANCE.md\n    approvals: 2/3\n", title: "line 4", message: "invalid YAML:" },
  { name: "a YAML alias bomb", yaml: BILLION_LAUGHS, title: "line 2", message: "YAML aliases (`*name`) are not allowed in a governance config" },
  // Over 1 MB, GitHub refuses the file with 403 `too_large`, without its size.
  {
    name: "a config over 1 MB",
    yaml: `${VALID}${"#".repeat(1_100_000)}\n`,
    title: "",
    message: "the file is over 1 MB; a governance config may be at most 65536 bytes (64 KiB)",
  },
  {
    name: "a config over 64 KiB",
    yaml: `${VALID}${"# padding padding padding padding padding padding padding padding\n".repeat(1100)}`,
    title: "",
    message: "a governance config may be at most 65536 bytes (64 KiB)",
  },
  { name: "an unknown key", yaml: rule("    aprovals: 2/3\n"), title: "line 4", message: "unknown key `aprovals` in `rules[0]`. Did you mean `approvals`?" },
  { name: "threshold 0", yaml: rule("    approvals: 0\n"), title: "line 4", message: "`0` votes would pass without anyone agreeing" },
  { name: "threshold 3/2", yaml: rule("    approvals: 3/2\n"), title: "line 4", message: "`3/2` asks for more than all maintainers" },
  { name: "threshold -1", yaml: rule("    approvals: -1\n"), title: "line 4", message: "`-1` votes would pass without anyone agreeing" },
  { name: "threshold abc", yaml: rule("    approvals: abc\n"), title: "line 4", message: "`abc` is not a threshold" },
  { name: "votes.duration 0d", yaml: "votes:\n  duration: 0d\n", title: "line 2", message: "`votes.duration` must be longer than zero" },
  { name: "discussion 99999y", yaml: rule("    discussion: 99999y\n"), title: "line 4", message: "`99999y` has an unknown unit `y`" },
  { name: "discussion 99999d", yaml: rule("    discussion: 99999d\n"), title: "line 4", message: "`99999d` is longer than a year (365d)" },
  {
    name: "_extends to another owner",
    yaml: `_extends: mallory/.github\n${VALID}`,
    title: "line 1",
    message: "`_extends` may only name a repository of acme, not mallory",
  },
];

describe("e2e: hostile or broken input on the default branch", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
    // A permissive config another owner controls: following `_extends` to it would let mallory change acme's rules.
    local.github.createRepo({ repo: "mallory/.github", files: { [CONFIG]: "rules:\n  - name: charter\n    paths: [NOTHING.md]\n" } });
  });
  afterAll(async () => {
    await local.stop();
  });

  /** A repository with the story's maintainers and `files`, and a README-only PR, which would pass under any valid config. */
  async function repoWithReadmePr(params: { repo: string; files: Record<string, string> }): Promise<number> {
    local.github.createRepo({ repo: params.repo, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER, ...params.files } });
    const number = local.github.openPullRequest({ repo: params.repo, author: "zoe", title: "Fix a typo", files: { "README.md": "# fixed\n" } });
    await local.settle();
    return number;
  }

  it.each(CONFIG_CASES.map((c, i) => ({ ...c, repo: `acme/config-${i}` })))(
    "$name fails every PR closed, naming the file, and a fixed config recovers it",
    async ({ repo, yaml, title, message }) => {
      const number = await repoWithReadmePr({ repo, files: { [CONFIG]: yaml } });
      const thread = { repo, number };
      const failed = local.github.latestCheck(thread);
      expect({ status: failed?.status, conclusion: failed?.conclusion, title: failed?.output.title }).toEqual({
        status: "completed",
        conclusion: "failure",
        title: `Configuration error in ${CONFIG}${title ? ` ${title}` : ""}`,
      });
      expect(failed?.output.summary).toContain(message);
      expect(failed?.output.summary).toContain("Fix it there");
      // Nothing else happened: no announcement, no label.
      expect(local.github.comments(thread)).toEqual([]);
      expect(local.github.labels(thread)).toEqual([]);
      // Reading the config again would give the same answer: no retry is armed, the fix's push re-evaluates.
      expect(
        local.runtime
          .scheduler()
          .armed()
          .filter((item) => `${item.owner}/${item.repo}` === repo),
      ).toEqual([]);

      local.github.pushToDefaultBranch({ repo, author: "alice", files: { [CONFIG]: VALID } });
      await local.settle();
      const fixed = local.github.latestCheck(thread);
      expect(`${fixed?.conclusion}: ${fixed?.output.title}`).toBe("success: No governed files changed");
    },
  );

  it("a /vote under a broken config gets a reply saying why, and opens nothing", async () => {
    const repo = "acme/config-votes";
    local.github.createRepo({ repo, maintainers: MAINTAINERS, files: { [CONFIG]: "votes:\n  duration: 0d\n" } });
    const issue = local.github.openIssue({ repo, author: "alice", title: "Adopt a release policy" });
    local.github.comment({ repo, number: issue, user: "alice", body: "/vote" });
    await local.settle();
    const replies = local.github.appComments({ repo, number: issue }).map((c) => c.body);
    expect(replies).toEqual([
      expect.stringContaining(
        "Nothing was changed: this repository's governance config can't be read (.github/governance.yml line 2: `votes.duration` must be longer than zero, e.g. `7d`). Fix it on the default branch, then ask again.",
      ),
    ]);
    expect(local.github.labels({ repo, number: issue })).toEqual([]);

    local.github.pushToDefaultBranch({ repo, author: "alice", files: { [CONFIG]: "votes:\n  duration: 7d\n" } });
    local.github.comment({ repo, number: issue, user: "alice", body: "/vote" });
    await local.settle();
    expect(local.github.labels({ repo, number: issue })).toEqual(["vote: open"]);
  });
});

describe("e2e: hostile MAINTAINERS.md, and files Gavel can't read", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });
  const check = (thread: { repo: string; number: number }) => {
    const run = local.github.latestCheck(thread);
    return run ? `${run.status}/${run.conclusion ?? "-"}: ${run.output.title ?? ""}` : "no check";
  };
  async function charterPr(params: { repo: string; files: Record<string, string> }): Promise<{ repo: string; number: number }> {
    local.github.createRepo({ repo: params.repo, files: { "GOVERNANCE.md": CHARTER, ...params.files } });
    const number = local.github.openPullRequest({
      repo: params.repo,
      author: "alice",
      title: "Releases need two maintainers",
      files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` },
    });
    await local.settle();
    return { repo: params.repo, number };
  }

  /** The items of `repo` with an armed wake-up timer. */
  const armed = (repo: string) =>
    local.runtime
      .scheduler()
      .armed()
      .filter((item) => `${item.owner}/${item.repo}` === repo)
      .map((item) => `${item.kind} #${item.number}`);

  it("rules broken in the org's .github repository fail the PR closed, and it is tried again hourly, since no push here says they were fixed", async () => {
    local.github.createRepo({ repo: "globex/.github", files: { ".github/governance.yml": "rules: [oops\n" } });
    const thread = await charterPr({ repo: "globex/site", files: { "MAINTAINERS.md": maintainersFile(MAINTAINERS) } });
    expect(check(thread)).toMatch(/^completed\/failure: Configuration error in globex\/\.github:\.github\/governance\.yml line 2/);
    expect(local.github.labels(thread)).toEqual(["governance: waiting"]);
    expect(armed("globex/site")).toEqual([`pull #${thread.number}`]);

    local.github.pushToDefaultBranch({
      repo: "globex/.github",
      author: "alice",
      files: { ".github/governance.yml": "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n" },
    });
    await local.settle();
    expect(check(thread)).toMatch(/^completed\/failure: Configuration error/);
    await local.advance(60 * 60_000);
    expect(check(thread)).toMatch(/^in_progress\/-: 1 of 5 approvals$/);
  });

  // The sandbox, like GitHub, refuses a file over 1 MiB with 403 `too_large` (no size); a smaller one comes whole, with its size.
  it.each([1_000_001, 10_000_000])(
    "a MAINTAINERS.md of %d bytes fails the check for good, saying why: no waiting label, no retry; the push that fixes it recovers",
    async (size) => {
      const repo = `acme/huge-${size}`;
      const thread = await charterPr({ repo, files: { "MAINTAINERS.md": maintainersFile(MAINTAINERS) } });
      expect(check(thread)).toMatch(/^in_progress\/-: 1 of 5 approvals · discussion ends /);
      expect(local.github.labels(thread)).toEqual(["governance: waiting"]);
      expect(armed(repo)).toEqual([`pull #${thread.number}`]);
      const announced = local.github.appComments(thread);

      local.github.pushToDefaultBranch({ repo, author: "mallory", files: { "MAINTAINERS.md": maintainersFile(MAINTAINERS).padEnd(size, "\n") } });
      await local.settle();
      const told = size > 1024 * 1024 ? "over 1 MB" : `${size} bytes`;
      expect(check(thread)).toBe(`completed/failure: MAINTAINERS.md is too large: ${told}, the limit is 1000000`);
      expect(local.github.latestCheck(thread)?.output.summary).toContain(
        `- \`MAINTAINERS.md\`: it is ${told}; Gavel reads governance files up to 1000000 bytes.`,
      );
      expect(local.github.labels(thread)).toEqual([]);
      expect(armed(repo)).toEqual([]);
      expect(local.github.appComments(thread)).toEqual(announced);
      // Time alone changes nothing, so nothing is read again: only a push to the default branch can help.
      local.github.resetRequestCounts();
      await local.advance(60 * 60_000);
      expect(local.github.requestCounts()).toEqual({});
      // A vote can't open on an electorate Gavel can't read: the maintainer is told why.
      const issue = local.github.openIssue({ repo, author: "alice", title: "Nominate @heidi" });
      local.github.comment({ repo, number: issue, user: "alice", body: "/vote nomination @heidi" });
      await local.settle();
      expect(local.github.appComments({ repo, number: issue }).map((c) => c.body)).toEqual([
        expect.stringContaining(
          `Nothing was changed: \`MAINTAINERS.md\` can't be used: it is ${told}; Gavel reads governance files up to 1000000 bytes. Fix it on the default branch, then ask again.`,
        ),
      ]);

      local.github.pushToDefaultBranch({ repo, author: "alice", files: { "MAINTAINERS.md": maintainersFile(MAINTAINERS) } });
      await local.settle();
      expect(check(thread)).toMatch(/^in_progress\/-: 1 of 5 approvals · discussion ends /);
      expect(local.github.labels(thread)).toEqual(["governance: waiting"]);
      expect(armed(repo)).toEqual([`pull #${thread.number}`]);
      expect(local.github.appComments(thread)).toEqual(announced);
    },
  );

  it("a MAINTAINERS.md that is a directory fails a new PR for good, posting nothing; pointing the config at the file recovers it", async () => {
    const repo = "acme/maintainers-dir";
    const thread = await charterPr({ repo, files: { "MAINTAINERS.md/README.md": maintainersFile(MAINTAINERS) } });
    expect(check(thread)).toBe("completed/failure: MAINTAINERS.md is not a file");
    expect(local.github.latestCheck(thread)?.output.summary).toContain("- `MAINTAINERS.md`: it is a directory on the default branch, not a file.");
    expect(local.github.appComments(thread)).toEqual([]);
    expect(local.github.labels(thread)).toEqual([]);
    expect(armed(repo)).toEqual([]);

    local.github.pushToDefaultBranch({ repo, author: "alice", files: { [CONFIG]: "maintainers:\n  file: MAINTAINERS.md/README.md\n" } });
    await local.settle();
    expect(check(thread)).toMatch(/^in_progress\/-: 1 of 5 approvals · discussion ends /);
    expect(local.github.labels(thread)).toEqual(["governance: waiting"]);
    expect(armed(repo)).toEqual([`pull #${thread.number}`]);
  });

  it("3,000 maintainers with the longest handles GitHub allows: the check works and every message fits GitHub's limits", async () => {
    // 39 characters, the longest a GitHub login can be; the announcement used to list them all and was refused (422).
    const handles = ["alice", ...Array.from({ length: 2999 }, (_, i) => `maintainer-${String(i).padStart(4, "0")}-${"x".repeat(23)}`)];
    const thread = await charterPr({ repo: "acme/crowd", files: { "MAINTAINERS.md": maintainersFile(handles) } });
    expect(check(thread)).toMatch(/^in_progress\/-: 1 of 2000 approvals · discussion ends /);
    const summary = local.github.latestCheck(thread)?.output.summary ?? "";
    expect(summary).toContain("⌈2/3 × 3000⌉ = 2000 of 3000");
    expect(summary.length).toBeLessThanOrEqual(65_535);
    const [announcement, ...others] = local.github.appComments(thread).map((c) => c.body);
    expect(others).toEqual([]);
    expect(announcement).toContain(`, @${handles[299] ?? ""}, and 2,700 more.`);
    expect(announcement?.length).toBeLessThanOrEqual(65_536);
    expect(local.sandbox.problems).toEqual([]);
  });

  it("a PR changing 2,000 governed files still gets its announcement and a waiting check", async () => {
    const repo = "acme/mass-edit";
    local.github.createRepo({ repo, maintainers: MAINTAINERS, files: { [CONFIG]: "rules:\n  - name: docs\n    paths: ['docs/**']\n" } });
    const files = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`docs/reference/chapter-${String(i).padStart(4, "0")}.md`, `# ${i}\n`]));
    const number = local.github.openPullRequest({ repo, author: "zoe", title: "Reformat the docs", files });
    await local.settle();
    expect(check({ repo, number })).toBe("in_progress/-: 0 of 5 approvals");
    const [announcement] = local.github.appComments({ repo, number }).map((c) => c.body);
    expect(announcement).toContain("`docs/reference/chapter-0019.md`, and 1,980 more |");
  });

  it("look-alike handles (Cyrillic а, е) in MAINTAINERS.md never make the real maintainer eligible", async () => {
    const file = [
      "# Maintainers",
      "",
      "| Name | GitHub |",
      "| --- | --- |",
      "| Alice | аlice |",
      "| Alice | @alicе |",
      "| Bob | @bob |",
      "| Carol | @carol |",
      "",
      "See also https://github.com/аlice.",
      "",
    ].join("\n");
    local.github.createRepo({ repo: "acme/lookalike", files: { "GOVERNANCE.md": CHARTER, "MAINTAINERS.md": file } });
    const number = local.github.openPullRequest({
      repo: "acme/lookalike",
      author: "zoe",
      title: "Charter tweak",
      files: { "GOVERNANCE.md": `${CHARTER}\nTweak.\n` },
    });
    await local.settle();
    const thread = { repo: "acme/lookalike", number };
    local.github.review({ ...thread, user: "alice", state: "APPROVE" });
    await local.settle();
    expect(check(thread)).toMatch(/^in_progress\/-: 0 of 2 approvals · discussion ends /);
    expect(local.github.latestCheck(thread)?.output.summary).toContain(
      "### Electorate: 2 eligible maintainers\n\nRead from the default branch (MAINTAINERS.md), never from this pull request.\n\n@bob, @carol",
    );
  });

  it.each([
    { status: 500, recover: "a re-run" },
    { status: 403, recover: "the next event" },
  ])("a $status reading the config fails the check with an evaluation error, never success, and $recover recovers", async ({ status }) => {
    // README.md is governed only by this config: falling back to the defaults would wrongly pass the PR.
    const repo = `acme/unreadable-${status}`;
    local.github.createRepo({ repo, maintainers: MAINTAINERS, files: { [CONFIG]: "rules:\n  - name: readme\n    paths: [README.md]\n" } });
    const heal = local.github.injectFault({ route: CONTENTS, status });
    const number = local.github.openPullRequest({ repo, author: "zoe", title: "Rewrite the README", files: { "README.md": "# new\n" } });
    await local.settle();
    const thread = { repo, number };
    expect(check(thread)).toBe("completed/failure: Evaluation error, will retry");
    expect(local.github.latestCheck(thread)?.output.summary).toContain(`reading ${repo}:${CONFIG}: `);
    expect(local.github.appComments(thread)).toEqual([]);
    // A failed read may succeed later: it is retried, and the label lets the sweep find it after a restart.
    expect(armed(repo)).toEqual([`pull #${number}`]);
    expect(local.github.labels(thread)).toEqual(["governance: waiting"]);
    heal();

    if (status === 500) local.github.rerequestCheck({ repo, checkRunId: local.github.latestCheck(thread)?.id ?? 0, user: "zoe" });
    else local.github.push({ ...thread, author: "zoe", files: { "README.md": "# newer\n" } });
    await local.settle();
    expect(check(thread)).toBe("in_progress/-: 0 of 5 approvals");
  });
});
