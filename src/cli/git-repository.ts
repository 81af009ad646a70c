import { dirname, join, resolve } from "node:path";

/**
 * Where a git repository's root and its config are, from any directory inside
 * it: the nearest ancestor holding `.git`, a folder or, in a worktree or
 * submodule, a file saying `gitdir: <path>` (whose `commondir` leads to the
 * shared config). Null outside a repository. File access is injected.
 * https://git-scm.com/docs/gitrepository-layout
 */
export function findRepository(params: {
  start: string;
  isDirectory: (path: string) => boolean;
  readText: (path: string) => string | null;
}): { root: string; configPath: string } | null {
  for (let dir = resolve(params.start); ; dir = dirname(dir)) {
    const dotGit = join(dir, ".git");
    if (params.isDirectory(dotGit)) return { root: dir, configPath: join(dotGit, "config") };
    const pointer = params.readText(dotGit)?.match(/^gitdir:\s*(.+?)\s*$/m)?.[1];
    if (pointer) {
      const gitDir = resolve(dir, pointer);
      const common = params.readText(join(gitDir, "commondir"))?.trim();
      return { root: dir, configPath: join(common ? resolve(gitDir, common) : gitDir, "config") };
    }
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The GitHub owner a git config's remote names: `origin` if it has one, else
 * the first remote on github.com. Both URL forms: `https://github.com/acme/x(.git)`
 * and `git@github.com:acme/x(.git)` (or `ssh://git@github.com/acme/x`).
 */
export function remoteOwner(gitConfig: string): string | null {
  const remotes: Array<{ name: string; owner: string }> = [];
  let current: string | null = null;
  for (const line of gitConfig.split("\n")) {
    const section = line.match(/^\s*\[remote\s+"([^"]+)"\]\s*$/);
    if (section) current = section[1] ?? null;
    else if (/^\s*\[/.test(line)) current = null;
    const url = current === null ? null : line.match(/^\s*url\s*=\s*(\S+)\s*$/)?.[1];
    const owner = url?.match(/github\.com[:/]([A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38})\/[^/\s]+$/)?.[1];
    if (current !== null && owner) remotes.push({ name: current, owner });
  }
  return (remotes.find((r) => r.name === "origin") ?? remotes[0])?.owner ?? null;
}
