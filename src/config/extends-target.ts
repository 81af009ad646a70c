import { CONFIG_PATH } from "../constants.js";
import type { ExtendsTarget } from "./document-types.js";

/**
 * `_extends` as Probot reads it: `repo`, `owner/repo`, `repo:path` or
 * `owner/repo:path`, the path defaulting to CONFIG_PATH. Whether the owner is
 * allowed (only the repository's own) is the caller's check.
 */

export type ExtendsResult = { ok: true; target: ExtendsTarget } | { ok: false; message: string };

/** The org-wide config repository of Probot's convention, e.g. `_extends: .github`. */
export const ORG_CONFIG_REPO = ".github";

// Probot's own pattern (@probot/octokit-plugin-config): a GitHub owner, a repository name, a .yml/.yaml path.
const EXTENDS_PATTERN = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w]+)(?::([-_./\w]+\.ya?ml))?$/i;

const FORMS = "write `repo`, `owner/repo` or `owner/repo:path/to/file.yml`, e.g. `_extends: .github`";

export function parseExtends(value: unknown): ExtendsResult {
  if (typeof value !== "string" || value.trim() === "") {
    return { ok: false, message: `\`_extends\` must name a repository; ${FORMS}` };
  }
  const written = value.trim();
  const match = EXTENDS_PATTERN.exec(written);
  if (match === null) return { ok: false, message: `\`_extends: ${written}\` is not a repository reference; ${FORMS}` };
  const repo = match[2] ?? "";
  const path = match[3] ?? CONFIG_PATH;
  if (repo === "." || repo === "..") return { ok: false, message: `\`_extends: ${written}\` names no repository; ${FORMS}` };
  if (path.startsWith("/") || path.split("/").some((segment) => segment === ".." || segment === "." || segment === "")) {
    return { ok: false, message: `\`_extends: ${written}\`: the path must be relative to the repository root, like \`${CONFIG_PATH}\`` };
  }
  return { ok: true, target: { owner: match[1] ?? null, repo, path } };
}
