import { CONFIG_PATH } from "../constants.js";
import { ORG_CONFIG_REPO } from "../config/extends-target.js";
import { locateMerged } from "../config/locate-merged.js";
import { mergeExtended } from "../config/merge-extended.js";
import { configTooLarge, readConfigYaml } from "../config/read-config-yaml.js";
import type { FileRead, RepositoryFile } from "../config/repository-file.js";
import type { ConfigProblem, GavelConfig } from "../config/types.js";
import { validateConfig } from "../config/validate-config.js";
import { describeUnusableFile } from "../messages/error-report.js";
import type { GitHub, RepoRef } from "./client.js";
import { readFile, type FileStore } from "./read-file.js";

/** Reads a file of one of the owner's repositories (this one, the org's `.github`, an `_extends` base). */
type ReadFrom = (at: { repo: RepoRef; path: string }) => Promise<FileRead>;

export type LoadedConfig = { ok: true; config: GavelConfig; source: string } | { ok: false; problems: ConfigProblem[] };

/**
 * The repository's governance config, read from its DEFAULT branch only, so a
 * PR can't change the rules it is judged by. No ref is passed: GitHub then
 * reads the default branch itself, which no tag or branch name can shadow. Like Probot's `context.config`:
 * a missing file falls back to the org's `.github` repository, and then to the
 * documented defaults; `_extends` merges a base config from a repository of
 * the same owner (one level). An invalid file is returned as problems, never
 * as defaults. The files come through the cache (see `readFile`); parsing
 * them again is cheaper than keeping a second copy in step. A config file
 * Gavel can't use (over 1 MB, a directory) is invalid too: like any invalid
 * config it fails closed and waits for a fix, as reading it again can't help.
 */
export async function loadConfig(params: { github: GitHub; repo: RepoRef; files: FileStore }): Promise<LoadedConfig> {
  const { github, repo, files } = params;
  const read: ReadFrom = (at) => readFile({ github, repo: at.repo, path: at.path, store: files });
  const own = await read({ repo, path: CONFIG_PATH });
  const orgRepo = { owner: repo.owner, repo: ORG_CONFIG_REPO };
  const found = own.kind !== "missing" || repo.repo === ORG_CONFIG_REPO ? own : await read({ repo: orgRepo, path: CONFIG_PATH });
  const name = found === own ? CONFIG_PATH : `${orgRepo.owner}/${orgRepo.repo}:${CONFIG_PATH}`;
  if (found.kind === "missing") return finish({ raw: {}, locate: () => ({ file: CONFIG_PATH, line: null }), source: "defaults (no config file)" });
  if (found.kind === "unusable") return unusable({ name, file: found.file });
  return withExtends({ read, repo, file: found.file, name });
}

/** A config file Gavel can't use (over 1 MB, a directory) is invalid like any other: it fails closed and waits for a fix. */
function unusable(params: { name: string; file: Extract<FileRead, { kind: "unusable" }>["file"] }): LoadedConfig {
  const { file } = params;
  const message = file.problem === "too-large" ? configTooLarge(file.bytes) : describeUnusableFile(file);
  return { ok: false, problems: [{ file: params.name, line: null, key: null, message }] };
}

async function withExtends(params: { read: ReadFrom; repo: RepoRef; file: RepositoryFile; name: string }): Promise<LoadedConfig> {
  const read = readConfigYaml({ text: params.file.text, file: params.name });
  if (!read.ok) return read;
  const target = read.extendsFrom;
  if (!target) return finish({ raw: read.raw, locate: read.locate, source: params.name });
  const problem = (message: string, elsewhere = false): LoadedConfig => ({ ok: false, problems: [{ file: params.name, line: read.locate("_extends").line, key: "_extends", message, ...(elsewhere ? { elsewhere } : {}) }] });
  if (target.owner && target.owner.toLowerCase() !== params.repo.owner.toLowerCase()) {
    return problem(`\`_extends\` may only name a repository of ${params.repo.owner}, not ${target.owner}: another owner could then change this project's rules`);
  }
  const baseRepo = { owner: params.repo.owner, repo: target.repo };
  const baseName = `${baseRepo.owner}/${baseRepo.repo}:${target.path}`;
  const baseFile = await params.read({ repo: baseRepo, path: target.path });
  if (baseFile.kind === "missing") return problem(`\`_extends\` names ${baseName}, which does not exist or Gavel can't read (is the app installed there?)`, true);
  if (baseFile.kind === "unusable") return unusable({ name: baseName, file: baseFile.file });
  const base = readConfigYaml({ text: baseFile.file.text, file: baseName });
  if (!base.ok) return base;
  if (base.extendsFrom) return problem(`${baseName} has its own \`_extends\`; Gavel follows one level only, so the chain would be ignored`, true);
  const { _extends: _drop, ...override } = read.raw;
  return finish({
    raw: mergeExtended({ base: base.raw, override }),
    locate: locateMerged({ base, override: { raw: override, locate: read.locate } }),
    source: `${params.name} extending ${baseName}`,
  });
}

function finish(params: { raw: Record<string, unknown>; locate: Parameters<typeof validateConfig>[0]["locate"]; source: string }): LoadedConfig {
  const validated = validateConfig({ raw: params.raw, locate: params.locate });
  return validated.ok ? { ok: true, config: validated.config, source: params.source } : validated;
}
