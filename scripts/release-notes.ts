/**
 * The release notes of one version: its section of CHANGELOG.md (Keep a
 * Changelog, keepachangelog.com: `## [1.4.0] - 2027-01-15`). The release
 * workflow publishes them and stops, before any tag moves, when the section
 * is missing or empty: a release says what changed.
 *
 * Usage: tsx scripts/release-notes.ts v1.4.0
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** The body of the version's section, trimmed; throws when there is none. */
export function releaseNotes(params: { changelog: string; tag: string }): string {
  const version = params.tag.replace(/^v/, "");
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`"${params.tag}" is not a version tag such as v1.4.0 or v1.5.0-rc.1`);
  const lines = params.changelog.split("\n");
  const heading = new RegExp(`^## \\[${version.replace(/[.+-]/g, "\\$&")}\\](\\s|$)`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) throw new Error(`CHANGELOG.md has no section "## [${version}] - <date>": move the Unreleased notes there before tagging`);
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  const body = lines
    .slice(start + 1, end < 0 ? undefined : end)
    .filter((line) => !/^\[[^\]]+\]:\s/.test(line))
    .join("\n")
    .trim();
  if (body === "") throw new Error(`CHANGELOG.md's section for ${version} is empty`);
  return body;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const changelog = readFileSync(new URL("../CHANGELOG.md", import.meta.url), "utf8");
  try {
    console.log(releaseNotes({ changelog, tag: process.argv[2] ?? "" }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
