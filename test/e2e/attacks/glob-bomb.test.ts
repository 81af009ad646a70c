import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { CHARTER, MAINTAINERS, startStory } from "../story.js";

/**
 * Issue 14, guarantee 7: a glob in the config is code Gavel runs on every
 * changed path. `{a,b}` written 11 times expands to 2,048 patterns, which
 * blocked the event loop for most of a minute on a 3,000-file PR (compiled
 * again for every path); written 13 times (12 with longer alternatives) it
 * made minimatch throw, and every PR got "Evaluation error, will retry"
 * instead of a configuration error. A
 * glob's size and complexity are checked when the config is read, with a
 * configuration error on its line, and globs are compiled once.
 */
const CONFIG = ".github/governance.yml";
const config = (glob: string) => `rules:\n  - name: charter\n    paths: [GOVERNANCE.md, '${glob}']\n    approvals: 2/3\n`;
const manyFiles = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`src/module-${String(i).padStart(4, "0")}.ts`, `export const n = ${i};\n`]));

describe("attack: a glob that explodes", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });

  async function pr(params: { repo: string; glob: string; files: Record<string, string> }): Promise<{ repo: string; number: number }> {
    local.github.createRepo({ repo: params.repo, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER, [CONFIG]: config(params.glob) } });
    const number = local.github.openPullRequest({ repo: params.repo, author: "zoe", title: "A large refactor", files: params.files });
    await local.settle();
    return { repo: params.repo, number };
  }

  it.each([
    { braces: 13, files: 1 },
    { braces: 11, files: 3_000 },
  ])(
    "`{a,b}` × $braces on a $files-file PR: a configuration error naming its line, at once",
    async ({ braces, files }) => {
      const thread = await pr({ repo: `acme/globs-${braces}`, glob: "{a,b}".repeat(braces), files: manyFiles(files) });
      const check = local.github.latestCheck(thread);
      expect({ conclusion: check?.conclusion, title: check?.output.title }).toEqual({
        conclusion: "failure",
        title: `Configuration error in ${CONFIG} line 3`,
      });
      expect(check?.output.summary).toContain("expands to more than 32 patterns");
      expect(
        local.runtime
          .scheduler()
          .armed()
          .filter((item) => item.repo === thread.repo.split("/")[1]),
      ).toEqual([]);
    },
    120_000,
  );

  it("the most complex glob allowed governs a 3,000-file PR that touches it", async () => {
    const worst = "**/{aa,bb}/**/{cc,dd}/**/{ee,ff}/**/{gg,hh}/{ii,jj}*.md";
    const thread = await pr({ repo: "acme/globs-worst", glob: worst, files: { ...manyFiles(2_999), "x/bb/y/cc/z/ff/w/hh/jj-notes.md": "# notes\n" } });
    expect(local.github.latestCheck(thread)?.output.title).toBe("0 of 5 approvals");
  });
});
