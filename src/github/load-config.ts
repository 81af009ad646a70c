import { CONFIG_PATH } from "../constants.js";
import { ORG_CONFIG_REPO } from "../config/extends-target.js";
import { locateMerged } from "../config/locate-merged.js";
import { mergeExtended } from "../config/merge-extended.js";
import { configTooLarge, readConfigYaml } from "../config/read-config-yaml.js";
import type { FileRead, RepositoryFile } from "../config/repository-file.js";
import type { DefaultsReason, RulesSource } from "../config/rules-source.js";
import type { ConfigLocator, ConfigProblem, GavelConfig, RawConfig } from "../config/types.js";
import { validateConfig } from "../config/validate-config.js";
import { describeUnusableFile } from "../messages/error-report.js";
import type { GitHub, RepoRef } from "./client.js";
import { readFile, type FileStore } from "./read-file.js";

/** Reads a file of one of the owner's repositories (this one, the org's `.github`, an `_extends` base). */
type ReadFrom = (at: { repo: RepoRef; path: string }) => Promise<FileRead>;

/** Whether Gavel is installed on a repository (see `isAppInstalledOn`); null when it runs without an app, as a GitHub Action. */
export type IsGoverned = ((repo: RepoRef) => Promise<boolean>) | null;

export type LoadedConfig = { ok: true; config: GavelConfig; source: RulesSource } | { ok: false; problems: ConfigProblem[] };

/** A config read and merged with its `_extends` base, before validation. */
type Merged = { ok: true; raw: RawConfig; locate: ConfigLocator; base: string | null } | { ok: false; problems: ConfigProblem[] };

/**
 * The repository's governance config, read from its DEFAULT branch only, so a
 * PR can't change the rules it is judged by. No ref is passed: GitHub then
 * reads the default branch itself, which no tag or branch name can shadow.
 * `_extends` merges a base config from a repository of the same owner (one
 * level). An invalid file is returned as problems, never as defaults. The
 * files come through the cache (see `readFile`); parsing them again is
 * cheaper than keeping a second copy in step. A config file Gavel can't use
 * (over 1 MB, a directory) is invalid too: like any invalid config it fails
 * closed and waits for a fix, as reading it again can't help.
 *
 * Without a config of its own, a repository falls back to its org's `.github`
 * repository (Probot's convention) only where Gavel is installed there, so
 * that changes to that config are governed like this one's would be: anyone
 * who may create repositories in the org could otherwise create `.github`
 * and set every other repository's rules. The org's file and the
 * installation are asked together; an error from either is thrown (the
 * check fails and retries), never taken for the defaults. The source says
 * which rules apply and why, for the check.
 */
export async function loadConfig(params: { github: GitHub; repo: RepoRef; files: FileStore; isGoverned: IsGoverned }): Promise<LoadedConfig> {
  const { github, repo, files } = params;
  const read: ReadFrom = (at) => readFile({ github, repo: at.repo, path: at.path, store: files });
  const own = await read({ repo, path: CONFIG_PATH });
  if (own.kind === "unusable") return unusable({ name: CONFIG_PATH, file: own.file });
  if (own.kind === "file") {
    const merged = await withExtends({ read, repo, file: own.file, name: CONFIG_PATH });
    return finish({ merged, source: (base) => (base ? { kind: "extends", file: CONFIG_PATH, base } : { kind: "own", file: CONFIG_PATH }) });
  }
  if (repo.repo.toLowerCase() === ORG_CONFIG_REPO) return defaults({ kind: "no-config" });
  const orgRepo = { owner: repo.owner, repo: ORG_CONFIG_REPO };
  const orgName = `${orgRepo.owner}/${orgRepo.repo}`;
  if (!params.isGoverned) return defaults({ kind: "no-app", orgRepo: orgName });
  const [found, governed] = await Promise.all([read({ repo: orgRepo, path: CONFIG_PATH }), params.isGoverned(orgRepo)]);
  if (!governed) return defaults({ kind: found.kind === "missing" ? "org-not-installed" : "org-not-governed", orgRepo: orgName });
  if (found.kind === "missing") return defaults({ kind: "none-in-org", orgRepo: orgName });
  const name = `${orgName}:${CONFIG_PATH}`;
  if (found.kind === "unusable") return unusable({ name, file: found.file });
  const merged = await withExtends({ read, repo, file: found.file, name });
  return finish({ merged, source: (base) => ({ kind: "org", file: name, orgRepo: orgName, base }) });
}

function defaults(why: DefaultsReason): LoadedConfig {
  return finish({ merged: { ok: true, raw: {}, locate: () => ({ file: CONFIG_PATH, line: null }), base: null }, source: () => ({ kind: "defaults", why }) });
}

/** A config file Gavel can't use (over 1 MB, a directory) is invalid like any other: it fails closed and waits for a fix. */
function unusable(params: { name: string; file: Extract<FileRead, { kind: "unusable" }>["file"] }): { ok: false; problems: ConfigProblem[] } {
  const { file } = params;
  const message = file.problem === "too-large" ? configTooLarge(file.bytes) : describeUnusableFile(file);
  return { ok: false, problems: [{ file: params.name, line: null, key: null, message }] };
}

async function withExtends(params: { read: ReadFrom; repo: RepoRef; file: RepositoryFile; name: string }): Promise<Merged> {
  const read = readConfigYaml({ text: params.file.text, file: params.name });
  if (!read.ok) return read;
  const target = read.extendsFrom;
  if (!target) return { ok: true, raw: read.raw, locate: read.locate, base: null };
  const problem = (message: string, elsewhere = false): Merged => ({
    ok: false,
    problems: [{ file: params.name, line: read.locate("_extends").line, key: "_extends", message, ...(elsewhere ? { elsewhere } : {}) }],
  });
  if (target.owner && target.owner.toLowerCase() !== params.repo.owner.toLowerCase()) {
    return problem(
      `\`_extends\` may only name a repository of ${params.repo.owner}, not ${target.owner}: another owner could then change this project's rules`,
    );
  }
  const baseRepo = { owner: params.repo.owner, repo: target.repo };
  const baseName = `${baseRepo.owner}/${baseRepo.repo}:${target.path}`;
  const baseFile = await params.read({ repo: baseRepo, path: target.path });
  if (baseFile.kind === "missing")
    return problem(`\`_extends\` names ${baseName}, which does not exist or Gavel can't read (is the app installed there?)`, true);
  if (baseFile.kind === "unusable") return unusable({ name: baseName, file: baseFile.file });
  const base = readConfigYaml({ text: baseFile.file.text, file: baseName });
  if (!base.ok) return base;
  if (base.extendsFrom) return problem(`${baseName} has its own \`_extends\`; Gavel follows one level only, so the chain would be ignored`, true);
  const { _extends: _drop, ...override } = read.raw;
  return {
    ok: true,
    raw: mergeExtended({ base: base.raw, override }),
    locate: locateMerged({ base, override: { raw: override, locate: read.locate } }),
    base: baseName,
  };
}

/** Validates what was merged; the source is named once the base (if any) is known. */
function finish(params: { merged: Merged; source: (base: string | null) => RulesSource }): LoadedConfig {
  const { merged } = params;
  if (!merged.ok) return merged;
  const validated = validateConfig({ raw: merged.raw, locate: merged.locate });
  return validated.ok ? { ok: true, config: validated.config, source: params.source(merged.base) } : validated;
}
