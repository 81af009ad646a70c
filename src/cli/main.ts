#!/usr/bin/env node
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { findRepository, remoteOwner } from "./git-repository.js";
import { runCli } from "./run-cli.js";

/** `gavel`: wiring only. Files are read relative to the repository's root, found from the current directory. */
const readText = (path: string): string | null => (existsSync(path) && statSync(path).isFile() ? readFileSync(path, "utf8") : null);
const repository = findRepository({ start: process.cwd(), isDirectory: (path) => existsSync(path) && statSync(path).isDirectory(), readText });
const root = repository?.root ?? process.cwd();
const gitConfig = repository ? readText(repository.configPath) : null;
const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const version =
  typeof manifest === "object" && manifest !== null && "version" in manifest && typeof manifest.version === "string" ? manifest.version : "unknown";
const result = runCli({
  argv: process.argv.slice(2),
  read: (path) => readText(resolve(root, path)),
  now: new Date(),
  version,
  remoteOwner: gitConfig === null ? null : remoteOwner(gitConfig),
});
process.stdout.write(result.output);
process.exitCode = result.exitCode;
