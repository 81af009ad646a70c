import { LruCache } from "../cache/lru-cache.js";
import { cap, TtlCache, type StoreOptions } from "../cache/ttl-cache.js";
import type { UnusableFile } from "../config/repository-file.js";
import type { MaintainersSource } from "../config/types.js";
import { buildElectorate, type MemberSource } from "../electorate/build-electorate.js";
import { fileSource, teamSource, usersSource, type MaintainersReading } from "../electorate/member-sources.js";
import { parseMaintainers } from "../electorate/parse-maintainers.js";
import type { Electorate } from "../policy/types.js";
import { httpStatus, reading, type GitHub, type RepoRef } from "./client.js";
import { readFile, type FileStore } from "./read-file.js";

/** An org team's active members, or null when the team can't be seen. */
export interface TeamMembers {
  /** `inherited`: listed only as a member of a child team. */
  members: Array<{ login: string; type: string; inherited: boolean }> | null;
  /**
   * True when GitHub's list did not say which members are the team's own and
   * the team has child teams, whose members the list holds too: then who may
   * vote can't be told, and the electorate fails closed.
   */
  undecided: boolean;
}

/** What the maintainers file says, parsed once per blob SHA and section: everything a summary shows of it. */
export interface ParsedMaintainers extends MaintainersReading {
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
    teams: new TtlCache({
      maxEntries: cap({ options, n: 1_000 }),
      ttlMs: options.ttlMs,
      clock: options.clock,
      maxWeight: cap({ options, n: 500_000 }),
      weigh: (team) => team.members?.length ?? 1,
    }),
    maintainers: new LruCache({
      maxEntries: cap({ options, n: 500 }),
      maxWeight: cap({ options, n: 500_000 }),
      weigh: (parsed) => parsed.handles.length + parsed.leftOut.length + 1,
    }),
  };
}

/** The electorate, or the maintainers file when it is there but can't be used (too large, not a file): only a fix helps. */
export type LoadedElectorate = { kind: "electorate"; electorate: Electorate } | { kind: "unusable"; file: UnusableFile };

/**
 * Who may vote, read from the default branch only: the maintainers file (or
 * one section of it), the direct members of the configured org teams, and the
 * listed users, minus `exclude`, minus bots; and everyone those name who does
 * not count, with why. Reads run in parallel. A source that is configured but
 * missing, or a team whose own members can't be told, is a problem on the
 * electorate, never a silently smaller one.
 */
export async function loadElectorate(params: {
  github: GitHub;
  repo: RepoRef;
  source: MaintainersSource;
  files: FileStore;
  stores: ElectorateStores;
}): Promise<LoadedElectorate> {
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
    const parsed = parseOnce({
      store: stores.maintainers,
      sha: file.sha,
      section: source.section,
      parse: () => parseMaintainers({ markdown: file.text, section: source.section }),
    });
    if (parsed.missingSection) problems.push(`\`${source.file}\` has no heading \`${parsed.missingSection}\` (maintainers.section).`);
    return fileSource({ file: source.file, section: source.section, reading: parsed });
  };
  const fromTeam = async (slug: string): Promise<MemberSource | null> => {
    const { members, undecided } = await listTeam({ github, org: repo.owner, slug, store: stores.teams });
    if (!members) {
      problems.push(`The team \`@${repo.owner}/${slug}\` does not exist or Gavel can't see it (it needs the "Members: read" permission).`);
      return null;
    }
    if (undecided) {
      problems.push(
        `GitHub's list of team \`@${repo.owner}/${slug}\` does not say which members belong to the team itself, and the team has child teams, whose members it lists too. Only a team's own members may vote: name the maintainers in \`maintainers.users\` or the maintainers file instead, or use a team without child teams.`,
      );
      return null;
    }
    return teamSource({ org: repo.owner, slug, members: members.map((m) => ({ login: m.login, isBot: m.type === "Bot", inherited: m.inherited })) });
  };
  const [fromTheFile, ...fromTeams] = await Promise.all([fromFile(), ...source.teams.map(fromTeam)]);
  if (fromTheFile && "problem" in fromTheFile) return { kind: "unusable", file: fromTheFile };
  const sources = [fromTheFile ?? null, ...fromTeams, source.users.length > 0 ? usersSource(source.users) : null];
  return {
    kind: "electorate",
    electorate: { ...buildElectorate({ sources: sources.filter((s): s is MemberSource => s !== null), exclude: source.exclude }), problems },
  };
}

function parseOnce(params: { store: LruCache<ParsedMaintainers>; sha: string; section: string | null; parse: () => ParsedMaintainers }): ParsedMaintainers {
  const key = `${params.sha}§${params.section ?? ""}`;
  const cached = params.store.get(key);
  if (cached) return cached;
  const { handles, leftOut, missingSection } = params.parse();
  const value = { handles, leftOut, missingSection };
  params.store.set({ key, value });
  return value;
}

async function listTeam(params: { github: GitHub; org: string; slug: string; store: TtlCache<TeamMembers> }): Promise<TeamMembers> {
  const { github, org, slug, store } = params;
  const key = `${org}/${slug}`.toLowerCase();
  const cached = store.fresh(key);
  if (cached) return cached;
  const since = store.epoch;
  const value = await reading({
    what: `listing members of team @${org}/${slug}`,
    read: async (): Promise<TeamMembers> => {
      try {
        // Active members only: pending invitations are not members yet. The list includes the members of child
        // teams, each with `inherited` (true for those), where the org has that feature; elsewhere it is absent.
        // https://docs.github.com/rest/teams/members#list-team-members
        const listed = await github.paginate(github.rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: 100 });
        const members = listed.map((m) => ({
          login: m.login,
          type: m.type,
          inherited: "inherited" in m && typeof m.inherited === "boolean" ? m.inherited : null,
        }));
        // Without `inherited`, every member is the team's own only if the team has no child team.
        // https://docs.github.com/rest/teams/teams#list-child-teams
        const unsaid =
          members.some((m) => m.inherited === null) && (await github.rest.teams.listChildInOrg({ org, team_slug: slug, per_page: 1 })).data.length > 0;
        return { members: members.map((m) => ({ ...m, inherited: m.inherited === true })), undecided: unsaid };
      } catch (error) {
        if (httpStatus(error) === 404) return { members: null, undecided: false };
        throw error;
      }
    },
  });
  store.set({ key, value, since });
  return value;
}
