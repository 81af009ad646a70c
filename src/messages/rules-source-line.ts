import type { DefaultsReason, RulesSource } from "../config/rules-source.js";
import { CONFIG_PATH } from "../constants.js";

/**
 * The one line every check states first: which rules apply and why, so that
 * an org-wide config that does not apply here is never skipped silently.
 */
export function describeRulesSource(source: RulesSource): string {
  return `**Rules:** ${rulesAndWhy(source)}`;
}

function rulesAndWhy(source: RulesSource): string {
  switch (source.kind) {
    case "own":
      return `\`${source.file}\` on this repository's default branch.`;
    case "extends":
      return `\`${source.file}\`, extending \`${source.base}\`.`;
    case "org":
      return `\`${source.file}\`${source.base ? `, extending \`${source.base}\`` : ""}, the org-wide config: this repository has no \`${CONFIG_PATH}\`, and Gavel is installed on ${source.orgRepo}, so changes to it are governed there.`;
    case "defaults":
      return `Gavel's defaults. ${whyDefaults(source.why)}`;
  }
}

function whyDefaults(why: DefaultsReason): string {
  const own = `This repository has no \`${CONFIG_PATH}\``;
  switch (why.kind) {
    case "no-config":
      return `${own}.`;
    case "none-in-org":
      return `${own}, and neither has ${why.orgRepo}, which Gavel is installed on.`;
    case "org-not-governed":
      return `${why.orgRepo} has a \`${CONFIG_PATH}\`, but Gavel is not installed on ${why.orgRepo}, so nothing governs changes to it and it does not apply here. To apply it, install Gavel on ${why.orgRepo}, or name it in this repository's config with \`_extends: .github\`.`;
    case "org-not-installed":
      return `${own}, and Gavel is not installed on ${why.orgRepo} (if it exists), so no org-wide config applies.`;
    case "no-app":
      return `${own}. Run as a GitHub Action, Gavel can't tell whether ${why.orgRepo} is governed, so an org-wide config applies only when this repository's config names it with \`_extends: .github\`.`;
  }
}
