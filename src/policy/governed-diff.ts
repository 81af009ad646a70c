import { createHash } from "node:crypto";
import { governedChange } from "./governed-change.js";
import type { ChangedFile, GovernedDiff, RuleMatch, Symlink } from "./types.js";

/**
 * Fingerprints of what a PR changes in its governed files: `head`, of the
 * files and their content at the head (path, status, blob); `full`, of the
 * change itself too (the lines each patch adds and removes), which also
 * depends on the base the PR is compared with. The same `head` with another
 * `full` is a change of base: a retarget, or a base branch rewritten. A file
 * GitHub gives no patch for makes `full` depend on the base branch's name,
 * so that any retarget counts. Pure.
 */
export function governedDiff(params: { matches: RuleMatch[]; files: ChangedFile[]; baseRef: string; links: readonly Symlink[] }): GovernedDiff {
  const isGoverned = (path: string) => params.matches.some((match) => governedChange({ match, matches: params.matches, links: params.links })(path));
  const governed = params.files
    .filter((f) => isGoverned(f.path) || (f.previousPath !== null && isGoverned(f.previousPath)))
    .sort((a, b) => a.path.localeCompare(b.path));
  const head = governed.map((f) => [f.path, f.previousPath ?? "", f.change?.status ?? "?", f.change?.blobSha ?? "?"].join("\u0000"));
  const full = governed.map((f, i) => `${head[i]}\u0000${f.change?.patchDigest ?? `no patch against ${params.baseRef}`}`);
  return { head: digest(head), full: digest(full) };
}

function digest(lines: string[]): string {
  return createHash("sha256").update(lines.join("\n")).digest("base64url").slice(0, 22);
}
