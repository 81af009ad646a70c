import type { ConfigProblem } from "./document-types.js";

/**
 * Whether a broken config is fixed in another repository (the org's
 * `.github`, an `_extends` base), where no push re-evaluates this one's PRs.
 */
export function fixedElsewhere(problems: ConfigProblem[]): boolean {
  return problems.some((p) => p.elsewhere === true || p.file.includes(":"));
}
