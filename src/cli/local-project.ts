import { CONFIG_PATH } from "../constants.js";
import { DEFAULT_CONFIG } from "../config/defaults.js";
import { readConfigYaml } from "../config/read-config-yaml.js";
import type { ConfigLocator, ConfigProblem, ExtendsTarget, GavelConfig } from "../config/types.js";
import { validateConfig } from "../config/validate-config.js";
import { buildElectorate, type MemberSource } from "../electorate/build-electorate.js";
import { fileSource, usersSource } from "../electorate/member-sources.js";
import { parseMaintainers } from "../electorate/parse-maintainers.js";
import type { Electorate } from "../policy/types.js";

/** Reads a file relative to the project root; null when it does not exist. Injected so the commands are testable. */
export type ReadLocalFile = (path: string) => string | null;

/** Something that would make Gavel fail governed pull requests, where to fix it: a file and, when there is one, its line. */
export interface LocalProblem {
  file: string;
  line: number | null;
  message: string;
}

export interface LocalProject {
  configPath: string;
  /** False when there is no config file (the defaults apply). */
  configFound: boolean;
  /** Set when the config extends another repository's: not followed locally. */
  extendsFrom: string | null;
  config: { ok: true; config: GavelConfig } | { ok: false; problems: ConfigProblem[] };
  /** Null when the config is invalid. */
  electorate: Electorate | null;
  /** Teams are listed on GitHub only: named here, not counted. */
  teams: string[];
  /** What Gavel could not enforce, beyond the config's own problems: the maintainers file, the section, `_extends`. */
  problems: LocalProblem[];
}

/**
 * A config and its maintainers file as Gavel would read them from the default
 * branch, read from a working tree instead: the same parser and validator as
 * the app. What only GitHub can answer (teams, `_extends`) is named, not
 * guessed.
 */
export function loadLocalProject(params: { read: ReadLocalFile; configPath?: string; remoteOwner?: string | null }): LocalProject {
  const configPath = params.configPath ?? CONFIG_PATH;
  const text = params.read(configPath);
  if (text === null) {
    const noLine: ConfigLocator = () => ({ file: configPath, line: null });
    const { electorate, problems } = electorateOf({ config: DEFAULT_CONFIG, read: params.read, locate: noLine });
    return { configPath, configFound: false, extendsFrom: null, config: { ok: true, config: DEFAULT_CONFIG }, electorate, teams: [], problems };
  }
  const read = readConfigYaml({ text, file: configPath });
  if (!read.ok) return { configPath, configFound: true, extendsFrom: null, config: read, electorate: null, teams: [], problems: [] };
  const { _extends: _drop, ...own } = read.raw;
  const validated = validateConfig({ raw: own, locate: read.locate });
  const target = read.extendsFrom;
  const extendsFrom = target ? `${target.owner ? `${target.owner}/` : ""}${target.repo}:${target.path}` : null;
  const foreign = foreignExtends({ target, remoteOwner: params.remoteOwner ?? null, locate: read.locate });
  if (!validated.ok) return { configPath, configFound: true, extendsFrom, config: validated, electorate: null, teams: [], problems: foreign };
  const config = validated.config;
  const { electorate, problems } = electorateOf({ config, read: params.read, locate: read.locate });
  return { configPath, configFound: true, extendsFrom, config: validated, electorate, teams: config.maintainers.teams, problems: [...foreign, ...problems] };
}

/**
 * `_extends` naming another owner than the one the git remote names: the app
 * refuses it (another owner could change this project's rules), so every
 * governed PR would fail. Without a remote, only GitHub can tell.
 */
function foreignExtends(params: { target: ExtendsTarget | null; remoteOwner: string | null; locate: ConfigLocator }): LocalProblem[] {
  const { target, remoteOwner } = params;
  if (!target?.owner || !remoteOwner || target.owner.toLowerCase() === remoteOwner.toLowerCase()) return [];
  return [
    {
      ...params.locate("_extends"),
      message: `\`_extends\` may only name a repository of ${remoteOwner} (the git remote's owner), not ${target.owner}: another owner could then change this project's rules`,
    },
  ];
}

function electorateOf(params: { config: GavelConfig; read: ReadLocalFile; locate: ConfigLocator }): { electorate: Electorate; problems: LocalProblem[] } {
  const source = params.config.maintainers;
  const problems: LocalProblem[] = [];
  const sources: MemberSource[] = [];
  if (source.file) {
    const markdown = params.read(source.file);
    if (markdown === null) problems.push({ ...params.locate("maintainers.file"), message: `the maintainers file \`${source.file}\` does not exist` });
    else {
      const parsed = parseMaintainers({ markdown, section: source.section });
      if (parsed.missingSection)
        problems.push({
          ...params.locate("maintainers.section"),
          message: `\`${source.file}\` has no heading \`${parsed.missingSection}\` (maintainers.section)`,
        });
      sources.push(fileSource({ file: source.file, section: source.section, reading: parsed }));
    }
  }
  if (source.users.length > 0) sources.push(usersSource(source.users));
  const electorate = { ...buildElectorate({ sources, exclude: source.exclude }), problems: problems.map((p) => p.message) };
  // Only when nothing above says why: a missing file or section leaves nobody too.
  if (problems.length === 0 && electorate.voters.length === 0 && source.teams.length === 0)
    problems.push({ ...params.locate("maintainers"), message: "nobody is eligible to vote: every threshold is out of reach" });
  return { electorate, problems };
}
