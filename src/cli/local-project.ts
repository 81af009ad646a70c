import { CONFIG_PATH } from "../constants.js";
import { DEFAULT_CONFIG } from "../config/defaults.js";
import { readConfigYaml } from "../config/read-config-yaml.js";
import type { ConfigProblem, GavelConfig } from "../config/types.js";
import { validateConfig } from "../config/validate-config.js";
import { buildElectorate, type MemberSource } from "../electorate/build-electorate.js";
import { fileSource, usersSource } from "../electorate/member-sources.js";
import { parseMaintainers } from "../electorate/parse-maintainers.js";
import type { Electorate } from "../policy/types.js";

/** Reads a file relative to the project root; null when it does not exist. Injected so the commands are testable. */
export type ReadLocalFile = (path: string) => string | null;

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
}

/**
 * A config and its maintainers file as Gavel would read them from the default
 * branch, read from a working tree instead: the same parser and validator as
 * the app. What only GitHub can answer (teams, `_extends`) is named, not
 * guessed.
 */
export function loadLocalProject(params: { read: ReadLocalFile; configPath?: string }): LocalProject {
  const configPath = params.configPath ?? CONFIG_PATH;
  const text = params.read(configPath);
  if (text === null) {
    return {
      configPath,
      configFound: false,
      extendsFrom: null,
      config: { ok: true, config: DEFAULT_CONFIG },
      electorate: electorateOf({ config: DEFAULT_CONFIG, read: params.read }),
      teams: [],
    };
  }
  const read = readConfigYaml({ text, file: configPath });
  if (!read.ok) return { configPath, configFound: true, extendsFrom: null, config: read, electorate: null, teams: [] };
  const { _extends: _drop, ...own } = read.raw;
  const validated = validateConfig({ raw: own, locate: read.locate });
  const target = read.extendsFrom;
  const extendsFrom = target ? `${target.owner ? `${target.owner}/` : ""}${target.repo}:${target.path}` : null;
  if (!validated.ok) return { configPath, configFound: true, extendsFrom, config: validated, electorate: null, teams: [] };
  const config = validated.config;
  return {
    configPath,
    configFound: true,
    extendsFrom,
    config: validated,
    electorate: electorateOf({ config, read: params.read }),
    teams: config.maintainers.teams,
  };
}

function electorateOf(params: { config: GavelConfig; read: ReadLocalFile }): Electorate {
  const source = params.config.maintainers;
  const problems: string[] = [];
  const sources: MemberSource[] = [];
  if (source.file) {
    const markdown = params.read(source.file);
    if (markdown === null) problems.push(`The maintainers file \`${source.file}\` does not exist.`);
    else {
      const parsed = parseMaintainers({ markdown, section: source.section });
      if (parsed.missingSection) problems.push(`\`${source.file}\` has no heading \`${parsed.missingSection}\` (maintainers.section).`);
      sources.push(fileSource({ file: source.file, section: source.section, reading: parsed }));
    }
  }
  if (source.users.length > 0) sources.push(usersSource(source.users));
  const electorate = buildElectorate({ sources, exclude: source.exclude });
  return { ...electorate, problems };
}
