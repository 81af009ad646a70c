import { describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { writeRoutes } from "../requests.js";
import { DAY, withFreshStory } from "../story.js";
import { createProcessRepo, PullThread } from "./pr-vote-story.js";

/**
 * A vote decides the content it was held on (issue 16): a push that changes
 * the governed content after the vote opened makes its decision stale, as it
 * does approvals under `on_change: reset-approvals`, and the check says so;
 * a push that changes nothing governed leaves it standing. And the vote's
 * events are idempotent: a redelivered closing ballot writes nothing.
 */
let local: LocalGavel;
withFreshStory((started) => {
  local = started;
  createProcessRepo(local);
});

const processChange = (text: string) => ({ "PROCESS.md": `# Process\n\n${text}\n` });

async function pass(pr: PullThread): Promise<void> {
  for (const user of ["alice", "carol", "dave"]) await pr.say(user, "/vote yes");
  expect(pr.records()[0]).toContain("**Outcome: passed.**");
}

describe("a vote on a PR whose head moves", () => {
  it("a push to the governed file while the vote is open makes its decision stale: the objection stands", async () => {
    const pr = await PullThread.objectedAndDemanded({ local });
    await pr.push(processChange("We release every week."));
    expect(pr.check()).toMatch(/^in_progress\/-: Waiting for the vote on this pull request/);
    await pass(pr);
    await local.advance(3 * DAY);
    expect(pr.check()).toBe("completed/failure: Blocked: process has an objection (1 request for changes)");
    expect(pr.summary()).toContain("- **Vote:** passed, but is stale: PROCESS.md changed since; the reviews decide this rule");
  });

  it("a push to the governed file after the vote passed makes it stale too", async () => {
    const pr = await PullThread.objectedAndDemanded({ local });
    await pass(pr);
    await local.advance(3 * DAY);
    expect(pr.check()).toBe("completed/success: Approved: process");
    await pr.push(processChange("We release every week."));
    expect(pr.check()).toBe("completed/failure: Blocked: process has an objection (1 request for changes)");
    expect(pr.summary()).toContain("passed, but is stale: PROCESS.md changed since");
  });

  it("a push that changes nothing governed leaves the vote standing", async () => {
    const pr = await PullThread.objectedAndDemanded({ local });
    await pr.push({ "README.md": "# process\n\nSee PROCESS.md.\n" });
    await pass(pr);
    await local.advance(3 * DAY);
    expect(pr.check()).toBe("completed/success: Approved: process");
  });
});

describe("redelivery", () => {
  it("the closing ballot delivered again writes nothing", async () => {
    const pr = await PullThread.objectedAndDemanded({ local });
    await pass(pr);
    const closing = local.github
      .deliveries()
      .filter((d) => d.event === "issue_comment" && d.sender === "dave")
      .at(-1);
    const before = { check: pr.check(), summary: pr.summary(), records: pr.records(), votes: pr.votes() };
    local.github.resetRequestCounts();
    local.github.redeliver(closing?.id ?? "");
    await local.settle();
    expect(writeRoutes(local)).toEqual([]);
    expect({ check: pr.check(), summary: pr.summary(), records: pr.records(), votes: pr.votes() }).toEqual(before);
  });
});
