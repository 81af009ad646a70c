import { describe, expect, it } from "@jest/globals";
import { buildElectorate, type MemberSource } from "../../src/electorate/build-electorate.js";
import { fileSource, teamSource, usersSource, type TeamMember } from "../../src/electorate/member-sources.js";
import { leftOutLine } from "../../src/messages/format.js";

// Issue 14, guarantee 5: who counts when sources overlap, and everyone else listed once, with where and why.

const file = fileSource({
  file: "MAINTAINERS.md",
  section: null,
  reading: {
    handles: ["alice", "Bob", "grace", "renovate[bot]"],
    leftOut: [
      { handle: "oscar", line: 14, reason: "in section “Emeritus”" },
      { handle: "dora", line: 21, reason: "inside a <details> block" },
      { handle: "zed", line: 30, reason: "in section “Contributors”" },
    ],
  },
});
const member = (login: string, inherited = false): TeamMember => ({ login, isBot: login.endsWith("[bot]"), inherited });
const team = teamSource({
  org: "acme",
  slug: "core",
  members: [member("bob"), member("carol"), member("dora"), member("kid", true), member("OSCAR", true), member("ci[bot]")],
});

describe("buildElectorate", () => {
  const cases: Array<{ name: string; sources: MemberSource[]; exclude: string[]; voters: string[]; leftOut: string[] }> = [
    {
      name: "a file alone: its maintainers, minus bots and exclude; everyone else it names, with the line",
      sources: [file],
      exclude: ["grace"],
      voters: ["alice", "Bob"],
      leftOut: [
        "@grace — MAINTAINERS.md: excluded by maintainers.exclude",
        "@renovate[bot] — MAINTAINERS.md: bot",
        "@oscar — MAINTAINERS.md line 14: in section “Emeritus”",
        "@dora — MAINTAINERS.md line 21: inside a <details> block",
        "@zed — MAINTAINERS.md line 30: in section “Contributors”",
      ],
    },
    {
      name: "a team alone: its own members; members of its child teams are left out",
      sources: [team],
      exclude: [],
      voters: ["bob", "carol", "dora"],
      leftOut: [
        "@ci[bot] — team @acme/core: bot",
        "@kid — team @acme/core: a member of a child team of @acme/core, not of the team itself",
        "@OSCAR — team @acme/core: a member of a child team of @acme/core, not of the team itself",
      ],
    },
    {
      name: "a file and a team: one source counting someone the other leaves out makes them a voter; the others are listed once, first source first",
      sources: [file, team, usersSource(["zed"])],
      exclude: [],
      voters: ["alice", "Bob", "grace", "carol", "dora", "zed"],
      leftOut: [
        "@renovate[bot] — MAINTAINERS.md: bot",
        "@ci[bot] — team @acme/core: bot",
        "@oscar — MAINTAINERS.md line 14: in section “Emeritus”",
        "@kid — team @acme/core: a member of a child team of @acme/core, not of the team itself",
      ],
    },
    {
      name: "exclude wins over every source, and is listed once",
      sources: [file, team, usersSource(["@Carol"])],
      exclude: ["carol", "alice"],
      voters: ["Bob", "grace", "dora"],
      leftOut: [
        "@alice — MAINTAINERS.md: excluded by maintainers.exclude",
        "@renovate[bot] — MAINTAINERS.md: bot",
        "@carol — team @acme/core: excluded by maintainers.exclude",
        "@ci[bot] — team @acme/core: bot",
        "@oscar — MAINTAINERS.md line 14: in section “Emeritus”",
        "@zed — MAINTAINERS.md line 30: in section “Contributors”",
        "@kid — team @acme/core: a member of a child team of @acme/core, not of the team itself",
      ],
    },
  ];
  it.each(cases)("$name", ({ sources, exclude, voters, leftOut }) => {
    const electorate = buildElectorate({ sources, exclude });
    expect(electorate.voters).toEqual(voters);
    expect(electorate.leftOut.map(leftOutLine)).toEqual(leftOut);
    expect(electorate.sources).toEqual(sources.map((s) => s.label));
  });

  it("a section's label names it; its left-out entries name the file, whose lines they are", () => {
    const source = fileSource({
      file: "OWNERS.md",
      section: "Core",
      reading: { handles: ["alice"], leftOut: [{ handle: "carol", line: 8, reason: "outside section “Core”" }] },
    });
    expect(source.label).toBe("OWNERS.md § Core");
    expect(source.leftOut.map(leftOutLine)).toEqual(["@carol — OWNERS.md line 8: outside section “Core”"]);
  });
});
