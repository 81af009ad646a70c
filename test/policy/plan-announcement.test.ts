import { describe, expect, it } from "@jest/globals";
import { matchRules } from "../../src/policy/match-rules.js";
import { dueAnnouncements, planAnnouncement } from "../../src/policy/plan-announcement.js";
import type { AnnouncementPlan, ChangesSince, RuleMatch } from "../../src/policy/types.js";
import type { Announcement } from "../../src/policy/types.js";
import { charter, HEAD, OLD, supporting, T0 } from "../helpers/facts.js";

const files = [
  { path: "GOVERNANCE.md", previousPath: null },
  { path: "SECURITY.md", previousPath: null },
];
const BASE = { ref: "main", diff: { head: "h", full: "f" } };
const restartCharter = { ...charter, onChange: "restart" as const };
const announced = (starts: string[], headSha = OLD): Announcement => ({
  commentId: 1,
  createdAt: T0,
  starts,
  headSha,
  url: "u",
  base: null,
  baseChanged: false,
});

/** What is due (dueAnnouncements), then what to post (planAnnouncement): as the evaluation does. */
function plan(params: {
  matches: RuleMatch[];
  announcements: Announcement[];
  draft: boolean;
  headSha: string;
  changesSince: ChangesSince;
}): AnnouncementPlan | null {
  const due = dueAnnouncements({ ...params, links: [] });
  return planAnnouncement({
    matches: params.matches,
    announcements: params.announcements,
    due,
    draft: params.draft,
    tampered: false,
    base: BASE,
    baseChanged: false,
  });
}

describe("planAnnouncement", () => {
  const cases: Array<[string, Parameters<typeof plan>[0], string[]]> = [
    [
      "first time: every matched rule",
      {
        matches: matchRules({ rules: [charter, supporting], files, filesComplete: true, labels: [] }),
        announcements: [],
        draft: false,
        headSha: HEAD,
        changesSince: {},
      },
      ["charter", "supporting-documents"],
    ],
    [
      "a draft: nothing",
      { matches: matchRules({ rules: [charter], files, filesComplete: true, labels: [] }), announcements: [], draft: true, headSha: HEAD, changesSince: {} },
      [],
    ],
    [
      "already announced: nothing",
      {
        matches: matchRules({ rules: [charter], files, filesComplete: true, labels: [] }),
        announcements: [announced(["charter"])],
        draft: false,
        headSha: HEAD,
        changesSince: { [OLD]: ["GOVERNANCE.md"] },
      },
      [],
    ],
    [
      "a newly matched rule only",
      {
        matches: matchRules({ rules: [charter, supporting], files, filesComplete: true, labels: [] }),
        announcements: [announced(["supporting-documents"])],
        draft: false,
        headSha: HEAD,
        changesSince: {},
      },
      ["charter"],
    ],
    [
      "restart after a governed change",
      {
        matches: matchRules({ rules: [restartCharter], files, filesComplete: true, labels: [] }),
        announcements: [announced(["charter"])],
        draft: false,
        headSha: HEAD,
        changesSince: { [OLD]: ["GOVERNANCE.md"] },
      },
      ["charter"],
    ],
    [
      "no restart after an ungoverned change",
      {
        matches: matchRules({ rules: [restartCharter], files, filesComplete: true, labels: [] }),
        announcements: [announced(["charter"])],
        draft: false,
        headSha: HEAD,
        changesSince: { [OLD]: ["README.md"] },
      },
      [],
    ],
    [
      "restart when the changes can't be read",
      {
        matches: matchRules({ rules: [restartCharter], files, filesComplete: true, labels: [] }),
        announcements: [announced(["charter"])],
        draft: false,
        headSha: HEAD,
        changesSince: { [OLD]: null },
      },
      ["charter"],
    ],
    [
      "no restart on the announced head",
      {
        matches: matchRules({ rules: [restartCharter], files, filesComplete: true, labels: [] }),
        announcements: [announced(["charter"], HEAD)],
        draft: false,
        headSha: HEAD,
        changesSince: {},
      },
      [],
    ],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(plan(input)?.starts.map((m) => m.rule.name) ?? []).toEqual(expected);
  });

  it("a restart is marked as such", () => {
    const matches = matchRules({ rules: [restartCharter], files, filesComplete: true, labels: [] });
    expect(plan({ matches, announcements: [announced(["charter"])], draft: false, headSha: HEAD, changesSince: { [OLD]: ["GOVERNANCE.md"] } })?.restarted).toBe(
      true,
    );
  });

  it("nothing while an earlier announcement fails verification", () => {
    const matches = matchRules({ rules: [charter], files, filesComplete: true, labels: [] });
    expect(planAnnouncement({ matches, announcements: [], due: ["charter"], draft: false, tampered: true, base: BASE, baseChanged: false })).toBeNull();
    expect(
      planAnnouncement({ matches, announcements: [], due: ["charter"], draft: false, tampered: false, base: BASE, baseChanged: false })?.starts,
    ).toHaveLength(1);
  });
});
