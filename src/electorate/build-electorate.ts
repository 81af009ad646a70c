import { isBotLogin, normalizeLogin } from "../policy/same-login.js";
import type { Electorate } from "../policy/types.js";

export interface MemberSource {
  /** Shown in summaries: `MAINTAINERS.md`, `team @acme/maintainers`, `users`. */
  label: string;
  members: Array<{ login: string; isBot: boolean }>;
}

/**
 * The electorate: the union of the sources, minus `exclude`, minus bots
 * (bots never count, even when listed). Logins are compared
 * case-insensitively and keep their first spelling. Pure.
 */
export function buildElectorate(params: { sources: MemberSource[]; exclude: string[] }): Electorate {
  const excluded = new Set(params.exclude.map(normalizeLogin));
  const seen = new Set<string>();
  const voters: string[] = [];
  const leftOut: Electorate["leftOut"] = [];
  for (const source of params.sources) {
    for (const member of source.members) {
      const key = normalizeLogin(member.login);
      if (seen.has(key)) continue;
      seen.add(key);
      if (member.isBot || isBotLogin(member.login)) leftOut.push({ login: member.login, reason: "bot" });
      else if (excluded.has(key)) leftOut.push({ login: member.login, reason: "excluded by config" });
      else voters.push(member.login.replace(/^@/, ""));
    }
  }
  return { voters, sources: params.sources.map((s) => s.label), leftOut, problems: [] };
}
