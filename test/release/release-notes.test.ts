import { describe, expect, it } from "@jest/globals";
import { releaseNotes } from "../../scripts/release-notes.js";
import { readRepoFile } from "./repo-files.js";

const CHANGELOG = [
  "# Changelog",
  "",
  "## [Unreleased]",
  "",
  "## [1.5.0-rc.1] - 2027-02-01",
  "",
  "### Added",
  "- Merge queues.",
  "",
  "## [1.4.0] - 2027-01-15",
  "",
  "### Fixed",
  "- A vote's deadline.",
  "",
  "## [1.3.0] - 2027-01-02",
  "",
  "[1.4.0]: https://github.com/gavel-governance/gavel/compare/v1.3.0...v1.4.0",
  "",
].join("\n");

describe("release notes from CHANGELOG.md", () => {
  it.each([
    ["v1.4.0", "### Fixed\n- A vote's deadline."],
    ["v1.5.0-rc.1", "### Added\n- Merge queues."],
  ])("are the section of %s, without the link references", (tag, notes) => {
    expect(releaseNotes({ changelog: CHANGELOG, tag })).toBe(notes);
  });

  it.each([
    ["v1.6.0", 'no section "## [1.6.0] - <date>"'],
    ["v1.3.0", "section for 1.3.0 is empty"],
    ["v1", "is not a version tag"],
    ["release-1.4.0", "is not a version tag"],
  ])("refuse %s, so the release stops before a tag moves", (tag, message) => {
    expect(() => releaseNotes({ changelog: CHANGELOG, tag })).toThrow(message);
  });

  it("find an Unreleased section in the real CHANGELOG.md, in Keep a Changelog's form", () => {
    const changelog = readRepoFile("CHANGELOG.md");
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toMatch(/keepachangelog\.com/);
    expect(changelog).toMatch(/\n## \[Unreleased\]\n/);
  });
});
