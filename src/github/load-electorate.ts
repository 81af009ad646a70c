import { LruCache } from "../cache/lru-cache.js";
import { cap, TtlCache, type StoreOptions } from "../cache/ttl-cache.js";
import type { UnusableFile } from "../config/repository-file.js";
import type { MaintainersSource } from "../config/types.js";
import { buildElectorate, type MemberSource } from "../electorate/build-electorate.js";
import { parseMaintainers } from "../electorate/parse-maintainers.js";
import type { Electorate } from "../policy/types.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { readFile, type FileStore } from "./read-file.js";

/** An org team's active members, or null when the team can't be seen. */
export interface TeamMembers {
  members: Array<{ login: string; type: string }> | null;
}

/** What the maintainers file says, parsed once per blob SHA and section. */
export interface ParsedMaintainers {
  handles: string[];
  missingSection: string | null;
}

/**
 * Teams are values behind a name (GitHub sends a repository's app no webhook
 * when a team changes), so they are listed again after the TTL. A parsed
 * maintainers file is content at a blob SHA and never goes stale.
 */
export interface ElectorateStores {
  teams: TtlCache<TeamMembers>;
  maintainers: LruCache<ParsedMaintainers>;
}

export function createElectorateStores(options: StoreOptions): ElectorateStores {
  return {
    teams: new TtlCache({ maxEntries: cap({ options, n: 1_000 }), ttlMs: options.ttlMs, clock: options.clock, maxWeight: cap({ options, n: 500_000 }), weigh: (team) => team.members?.length ?? 1 }),
    maintainers: new LruCache({ maxEntries: cap({ options, n: 500 }), maxWeight: cap({ options, n: 500_000 }), weigh: (parsed) => parsed.handles.length + 1 }),
  };
}

/** The electorate, or the maintainers file when it is there but can't be used (too large, not a file): only a fix helps. */
export type LoadedElectorate = { kind: "electorate"; electorate: Electorate } | { kind: "unusable"; file: UnusableFile };

/**
 * Who may vote, read from the default branch only: the maintainers file (or
 * one section of it), the active members of the configured org teams, and the
 * listed users, minus `exclude`, minus bots. Reads run in parallel. A source
 * that is configured but missing is a problem on the electorate, never a
 * silently smaller one.
 */
export async function loadElectorate(params: { github: GitHub; repo: RepoRef; source: MaintainersSource; files: FileStore; stores: ElectorateStores }): Promise<LoadedElectorate> {
  const { github, repo, source, stores } = params;
  const problems: string[] = [];
  const fromFile = async (): Promise<MemberSource | UnusableFile | null> => {
    if (!source.file) return null;
    const read = await readFile({ github, repo, path: source.file, store: params.files });
    if (read.kind === "unusable") return read.file;
    if (read.kind === "missing") {
      problems.push(`The maintainers file \`${source.file}\` does not exist on the default branch.`);
      return null;
    }
    const { file } = read;
    const parsed = parseOnce({ store: stores.maintainers, sha: file.sha, section: source.section, parse: () => parseMaintainers({ markdown: file.text, section: source.section }) });
    if (parsed.missingSection) problems.push(`\`${source.file}\` has no heading \`${parsed.missingSection}\` (maintainers.section).`);
    const label = source.section ? `${source.file} § ${source.section}` : source.file;
    return { label, members: parsed.handles.map((login) => ({ login, isBot: false })) };
  };
  const fromTeam = async (slug: string): Promise<MemberSource | null> => {
    const { members } = await listTeam({ github, org: repo.owner, slug, store: stores.teams });
    if (!members) {
      problems.push(`The team \`@${repo.owner}/${slug}\` does not exist or Gavel can't see it (it needs the "Members: read" permission).`);
      return null;
    }
    return { label: `team @${repo.owner}/${slug}`, members: members.map((m) => ({ login: m.login, isBot: m.type === "Bot" })) };
  };
  const [fromTheFile, ...fromTeams] = await Promise.all([fromFile(), ...source.teams.map(fromTeam)]);
  if (fromTheFile && "problem" in fromTheFile) return { kind: "unusable", file: fromTheFile };
  const sources = [fromTheFile ?? null, ...fromTeams];
  const users: MemberSource = { label: "users", members: source.users.map((login) => ({ login, isBot: false })) };
  const present = [...sources.filter((s): s is MemberSource => s !== null), ...(source.users.length > 0 ? [users] : [])];
  return { kind: "electorate", electorate: { ...buildElectorate({ sources: present, exclude: source.exclude }), problems } };
}

function parseOnce(params: { store: LruCache<ParsedMaintainers>; sha: string; section: string | null; parse: () => ParsedMaintainers }): ParsedMaintainers {
  const key = `${params.sha}§${params.section ?? ""}`;
  const cached = params.store.get(key);
  if (cached) return cached;
  const parsed = params.parse();
  params.store.set({ key, value: { handles: parsed.handles, missingSection: parsed.missingSection } });
  return parsed;
}

async function listTeam(params: { github: GitHub; org: string; slug: string; store: TtlCache<TeamMembers> }): Promise<TeamMembers> {
  const { github, org, slug, store } = params;
  const key = `${org}/${slug}`.toLowerCase();
  const cached = store.fresh(key);
  if (cached) return cached;
  const since = store.epoch;
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
  store.set({ key, value, since });
  return value;
}
