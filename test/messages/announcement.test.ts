import { describe, expect, it } from "@jest/globals";
import { announcementMessage } from "../../src/messages/announcement.js";
import { matchRules } from "../../src/policy/match-rules.js";
import { thresholdMath } from "../../src/policy/threshold-math.js";
import { at, charter, SEVEN, supporting } from "../helpers/facts.js";

describe("announcementMessage", () => {
  const matches = matchRules({
    rules: [charter, { ...supporting, approvals: { kind: "majority" } }],
    files: [
      { path: "CHARTER.md", previousPath: "GOVERNANCE.md" },
      { path: "MAINTAINERS.md", previousPath: null },
    ],
    filesComplete: true,
    labels: ["governance"],
  });
  const rules = matches.map((match) => ({ match, threshold: thresholdMath({ threshold: match.rule.approvals, electorateSize: SEVEN.length }) }));

  it.each([
    ["first announcement", false],
    ["restart", true],
  ])("%s", (_name, restarted) => {
    expect(announcementMessage({ rules, voters: SEVEN, restarted, now: at(0), marker: "<!-- gavel:announcement test -->" })).toMatchSnapshot();
  });
});
