import { describe, expect, it } from "@jest/globals";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRepository, remoteOwner } from "../../src/cli/git-repository.js";

describe("findRepository", () => {
  // A tree of folders and files, by absolute path.
  const tree = (entries: Record<string, string | "dir">) => ({
    isDirectory: (path: string) => entries[path] === "dir",
    readText: (path: string) => {
      const entry = entries[path];
      return entry === undefined || entry === "dir" ? null : entry;
    },
  });
  it.each([
    ["the root itself", "/src/acme", { "/src/acme/.git": "dir" }, { root: "/src/acme", configPath: "/src/acme/.git/config" }],
    ["a subdirectory", "/src/acme/docs/a", { "/src/acme/.git": "dir" }, { root: "/src/acme", configPath: "/src/acme/.git/config" }],
    [
      "a worktree: .git is a file, its commondir leads to the shared config",
      "/wt/x/src",
      { "/wt/x/.git": "gitdir: /src/acme/.git/worktrees/x\n", "/src/acme/.git/worktrees/x/commondir": "../..\n" },
      { root: "/wt/x", configPath: "/src/acme/.git/config" },
    ],
    [
      "a submodule: .git names its own git folder",
      "/src/acme/vendor/lib",
      { "/src/acme/vendor/lib/.git": "gitdir: ../../.git/modules/lib\n", "/src/acme/.git": "dir" },
      { root: "/src/acme/vendor/lib", configPath: "/src/acme/.git/modules/lib/config" },
    ],
    ["outside any repository", "/tmp/x", {}, null],
  ])("%s", (_name, start, entries, expected) => {
    expect(findRepository({ start, ...tree(entries) })).toEqual(expected);
  });
});

describe("remoteOwner", () => {
  const config = (remotes: string) => `[core]\n\tbare = false\n${remotes}[branch "main"]\n\tremote = origin\n`;
  it.each([
    ["https", config('[remote "origin"]\n\turl = https://github.com/kitops-ml/kitops.git\n'), "kitops-ml"],
    ["ssh shorthand", config('[remote "origin"]\n\turl = git@github.com:Acme-Corp/gov\n'), "Acme-Corp"],
    ["ssh URL", config('[remote "origin"]\n\turl = ssh://git@github.com/acme/gov.git\n'), "acme"],
    [
      "origin first, whatever the order",
      config('[remote "fork"]\n\turl = https://github.com/me/gov\n[remote "origin"]\n\turl = https://github.com/acme/gov\n'),
      "acme",
    ],
    ["no origin: the first GitHub remote", config('[remote "upstream"]\n\turl = https://github.com/acme/gov\n'), "acme"],
    ["not GitHub", config('[remote "origin"]\n\turl = https://gitlab.com/acme/gov\n'), null],
    ["no remote", config(""), null],
  ])("%s", (_name, text, expected) => {
    expect(remoteOwner(text)).toBe(expected);
  });
});

describe("the gavel command", () => {
  it("run from a subdirectory, reads the repository root and flags _extends to another owner than the remote's", () => {
    const root = mkdtempSync(join(tmpdir(), "gavel-cli-"));
    execFileSync("git", ["init", "-q", root]);
    execFileSync("git", ["-C", root, "remote", "add", "origin", "https://github.com/acme/community.git"]);
    mkdirSync(join(root, ".github"));
    mkdirSync(join(root, "docs", "deep"), { recursive: true });
    writeFileSync(join(root, ".github", "governance.yml"), "_extends: other/policies\nmaintainers:\n  users: [alice]\n  file: null\n");
    const cli = new URL("../../src/cli/main.ts", import.meta.url).pathname;
    const tsx = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;
    const run = spawnSync(tsx, [cli, "validate"], { cwd: join(root, "docs", "deep"), encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(".github/governance.yml:1: `_extends` may only name a repository of acme");
    expect(execFileSync(tsx, [cli, "--version"], { cwd: root, encoding: "utf8" })).toMatch(/^gavel \d+\.\d+\.\d+/);
  }, 30_000);
});
