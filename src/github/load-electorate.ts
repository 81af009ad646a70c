import type { GavelCache, ParsedMaintainers, TeamMembers } from "../cache/gavel-cache.js";
import type { MaintainersSource } from "../config/types.js";
import { buildElectorate, type MemberSource } from "../electorate/build-electorate.js";
import { parseMaintainers } from "../electorate/parse-maintainers.js";
import type { Electorate } from "../policy/types.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { readFile } from "./read-file.js";

/**
 * Who may vote, read from the default branch only: the maintainers file (or
 * one section of it), the active members of the configured org teams, and the
 * listed users, minus `exclude`, minus bots. Reads run in parallel. A source
 * that is configured but missing is a problem on the electorate, never a
 * silently smaller one. With a cache, the file is parsed once per blob SHA
 * and a team is listed again only after the cache's TTL (GitHub sends no
 * webhook to a repository's app when a team changes).
 */
export async function loadElectorate(params: {
  github: GitHub;
  repo: RepoRef;
  source: MaintainersSource;
  cache: GavelCache | null;
}): Promise<Electorate> {
  const { github, repo, source, cache } = params;
  const problems: string[] = [];
  const fromFile = async (): Promise<MemberSource | null> => {
    if (!source.file) return null;
    const file = await readFile({ github, repo, path: source.file, cache });
    if (!file) {
      problems.push(`The maintainers file \`${source.file}\` does not exist on the default branch.`);
      return null;
    }
    const parsed = parseOnce({ cache, sha: file.sha, section: source.section, parse: () => parseMaintainers({ markdown: file.text, section: source.section }) });
    if (parsed.missingSection) problems.push(`\`${source.file}\` has no heading \`${parsed.missingSection}\` (maintainers.section).`);
    const label = source.section ? `${source.file} § ${source.section}` : source.file;
    return { label, members: parsed.handles.map((login) => ({ login, isBot: false })) };
  };
  const fromTeam = async (slug: string): Promise<MemberSource | null> => {
    const { members } = await listTeam({ github, org: repo.owner, slug, cache });
    if (!members) {
      problems.push(`The team \`@${repo.owner}/${slug}\` does not exist or Gavel can't see it (it needs the "Members: read" permission).`);
      return null;
    }
    return { label: `team @${repo.owner}/${slug}`, members: members.map((m) => ({ login: m.login, isBot: m.type === "Bot" })) };
  };
  const sources = await Promise.all([fromFile(), ...source.teams.map(fromTeam)]);
  const users: MemberSource = { label: "users", members: source.users.map((login) => ({ login, isBot: false })) };
  const present = [...sources.filter((s): s is MemberSource => s !== null), ...(source.users.length > 0 ? [users] : [])];
  const electorate = buildElectorate({ sources: present, exclude: source.exclude });
  return { ...electorate, problems };
}

function parseOnce(params: { cache: GavelCache | null; sha: string; section: string | null; parse: () => ParsedMaintainers }): ParsedMaintainers {
  const key = `${params.sha}§${params.section ?? ""}`;
  const cached = params.cache?.maintainers.get(key);
  if (cached) return cached;
  const parsed = params.parse();
  params.cache?.maintainers.set({ key, value: { handles: parsed.handles, missingSection: parsed.missingSection } });
  return parsed;
}

async function listTeam(params: { github: GitHub; org: string; slug: string; cache: GavelCache | null }): Promise<TeamMembers> {
  const { github, org, slug } = params;
  const key = `${org}/${slug}`.toLowerCase();
  const cached = params.cache?.teams.fresh(key);
  if (cached) return cached;
  const since = params.cache?.teams.epoch;
  const members = await reading({ what: `listing members of team @${org}/${slug}`, read: async () => {
    try {
      // Lists active members only: pending invitations are not members yet.
      // https://docs.github.com/rest/teams/members#list-team-members
      return await github.paginate(github.rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: 100 });
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw error;
    }
  } });
  const value: TeamMembers = { members: members ? members.map((m) => ({ login: m.login, type: m.type })) : null };
  params.cache?.teams.set({ key, value, since });
  return value;
}
