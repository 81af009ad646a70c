import type { MemberSource } from "./build-electorate.js";
import type { LeftOutHandle } from "./parse-maintainers.js";

/** What a maintainers file says, as parsed (and cached per blob): its current maintainers, and everyone else it names. */
export interface MaintainersReading {
  handles: string[];
  leftOut: LeftOutHandle[];
}

/** The voters a maintainers file (or one section of it) gives, and everyone else it names, with the line and why. */
export function fileSource(params: { file: string; section: string | null; reading: MaintainersReading }): MemberSource {
  const { file, section, reading } = params;
  return {
    label: section ? `${file} § ${section}` : file,
    members: reading.handles.map((login) => ({ login, isBot: false })),
    leftOut: reading.leftOut.map((h) => ({ login: h.handle, source: file, line: h.line, reason: h.reason })),
  };
}

/** A member as GitHub's "List team members" gives it. */
export interface TeamMember {
  login: string;
  isBot: boolean;
  /** True when listed only as a member of a child team (at any depth); false for a member of the team itself. */
  inherited: boolean;
}

/**
 * The voters a team gives: its own members only. GitHub's list of a team's
 * members includes the members of its child teams, marked `inherited`; they
 * are left out, since being put on a child team (say, `docs` under `core`)
 * makes nobody a maintainer.
 * https://docs.github.com/rest/teams/members#list-team-members
 */
export function teamSource(params: { org: string; slug: string; members: TeamMember[] }): MemberSource {
  const label = `team @${params.org}/${params.slug}`;
  const reason = `a member of a child team of @${params.org}/${params.slug}, not of the team itself`;
  return {
    label,
    members: params.members.filter((m) => !m.inherited).map((m) => ({ login: m.login, isBot: m.isBot })),
    leftOut: params.members.filter((m) => m.inherited).map((m) => ({ login: m.login, source: label, line: null, reason })),
  };
}

/** The logins the config's `maintainers.users` names. */
export function usersSource(users: string[]): MemberSource {
  return { label: "users", members: users.map((login) => ({ login, isBot: false })), leftOut: [] };
}
