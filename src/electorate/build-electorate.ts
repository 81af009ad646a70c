import { isBotLogin, normalizeLogin } from "../policy/same-login.js";
import type { Electorate, LeftOutVoter } from "../policy/types.js";

/** Where voters come from: a maintainers file, a team, or the config's `users`. */
export interface MemberSource {
  /** Shown in summaries: `MAINTAINERS.md`, `team @acme/maintainers`, `users`. */
  label: string;
  /** Who the source says may vote. */
  members: Array<{ login: string; isBot: boolean }>;
  /** Everyone else the source names, with where and why (a maintainers file's emeritus, a child team's members). */
  leftOut: LeftOutVoter[];
}

/**
 * The electorate: the union of the sources' members, minus `exclude`, minus
 * bots (bots never count, even when listed). Logins are compared
 * case-insensitively and keep their first spelling. Everyone left out is
 * listed once, with the first reason: an excluded member or a bot, then what
 * the sources left out, unless another source counts them (an emeritus in
 * the file who is on the maintainers team votes). Pure.
 */
export function buildElectorate(params: { sources: MemberSource[]; exclude: string[] }): Electorate {
  const excluded = new Set(params.exclude.map(normalizeLogin));
  const seen = new Set<string>();
  const voters: string[] = [];
  const leftOut: LeftOutVoter[] = [];
  for (const source of params.sources) {
    for (const member of source.members) {
      const key = normalizeLogin(member.login);
      if (seen.has(key)) continue;
      seen.add(key);
      const reason = member.isBot || isBotLogin(member.login) ? "bot" : excluded.has(key) ? "excluded by maintainers.exclude" : null;
      if (reason === null) voters.push(member.login.replace(/^@/, ""));
      else leftOut.push({ login: member.login.replace(/^@/, ""), source: source.label, line: null, reason });
    }
  }
  for (const named of params.sources.flatMap((s) => s.leftOut)) {
    const key = normalizeLogin(named.login);
    if (seen.has(key)) continue;
    seen.add(key);
    leftOut.push(named);
  }
  return { voters, sources: params.sources.map((s) => s.label), leftOut, problems: [] };
}
