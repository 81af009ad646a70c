#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runCli } from "./run-cli.js";

/** `gavel`: wiring only. Files are read relative to the current directory (a repository's root). */
const read = (path: string): string | null => {
  const full = resolve(process.cwd(), path);
  return existsSync(full) ? readFileSync(full, "utf8") : null;
};
const result = runCli({ argv: process.argv.slice(2), read, now: new Date() });
process.stdout.write(result.output);
process.exitCode = result.exitCode;
