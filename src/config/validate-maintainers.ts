import { keysOf, MAINTAINERS_SPEC } from "./config-spec.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import { checkKeys, readMapping, readString, readStringList } from "./raw-values.js";
import type { NormalizedItem, ProblemSink } from "./raw-values.js";
import type { MaintainersSource } from "./types.js";

export const MAINTAINERS_KEYS: readonly string[] = keysOf(MAINTAINERS_SPEC);

/** `maintainers:`, each key given overriding its default; handles lose a leading `@`. */
export function validateMaintainers(params: { value: unknown; sink: ProblemSink }): MaintainersSource {
  const { sink } = params;
  const defaults = DEFAULT_CONFIG.maintainers;
  const raw = readMapping({ value: params.value, key: "maintainers", sink }) ?? {};
  checkKeys({ value: raw, key: "maintainers", allowed: MAINTAINERS_KEYS, sink });

  const file = readString({ value: raw.file, key: "maintainers.file", sink, nullable: true });
  const section = readString({ value: raw.section, key: "maintainers.section", sink, nullable: true });
  const handles = (key: string): string[] | undefined =>
    readStringList({ value: raw[key], key: `maintainers.${key}`, sink, example: "[alice, bob]", normalize: normalizeHandle });
  return {
    file: file === undefined ? defaults.file : file,
    section: section === undefined ? defaults.section : section,
    teams: readStringList({ value: raw.teams, key: "maintainers.teams", sink, example: "[maintainers]", normalize: normalizeTeam }) ?? [...defaults.teams],
    users: handles("users") ?? [...defaults.users],
    exclude: handles("exclude") ?? [...defaults.exclude],
  };
}

/** GitHub logins: letters, digits and hyphens; apps' bot accounts end in `[bot]` (listed to exclude them). A leading `@` is dropped first. */
export const HANDLE_PATTERN = "^[a-zA-Z\\d][a-zA-Z\\d-]{0,38}(\\[bot\\])?$";
const HANDLE = new RegExp(HANDLE_PATTERN);

function normalizeHandle(item: string): NormalizedItem {
  const handle = item.startsWith("@") ? item.slice(1) : item;
  if (HANDLE.test(handle)) return { ok: true, value: handle };
  return { ok: false, message: `\`${item}\` is not a GitHub username` };
}

/** A team's slug, without the organization (a leading `@` is dropped first). */
export const TEAM_PATTERN = "^[a-zA-Z\\d][a-zA-Z\\d_.-]*$";
const TEAM_SLUG = new RegExp(TEAM_PATTERN);

/** Teams are read in the repository owner's organization, so a slug is all it takes. */
function normalizeTeam(item: string): NormalizedItem {
  const slug = item.startsWith("@") ? item.slice(1) : item;
  if (slug.includes("/")) {
    return { ok: false, message: `\`${item}\`: write the team's slug only (teams are read from the repository owner's organization)` };
  }
  if (TEAM_SLUG.test(slug)) return { ok: true, value: slug };
  return { ok: false, message: `\`${item}\` is not a team slug` };
}
