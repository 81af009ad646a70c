import { afterEach, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { checkState, openCharterPr, REPO, say, startStory } from "../story.js";

/**
 * Issue 14, guarantee 3: only Gavel's own state comments are state. A
 * stranger's command that carries something shaped like Gavel's marker (or
 * a copy of the real one) used to be echoed into Gavel's polite reply, which
 * Gavel then read back as state: the vote failed, or the PR's check said the
 * announcement was edited.
 */
let local: LocalGavel | null = null;
afterEach(async () => {
  await local?.stop();
  local = null;
});

/** The last `<!-- gavel:… -->` marker of a comment body, as a stranger could copy it from the page source. */
function markerOf(body: string): string {
  const start = body.lastIndexOf("<!-- gavel:");
  return body.slice(start, body.indexOf(" -->", start) + 4);
}

describe("attack: a stranger's command echoes a marker into Gavel's reply", () => {
  it("a copy of the vote's own marker in `/vote … please` changes nothing about the vote", async () => {
    local = await startStory();
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi" });
    await say({ local, number: issue, user: "alice", body: "/vote nomination @heidi" });
    const [vote] = local.github.appComments({ repo: REPO, number: issue });
    await say({ local, number: issue, user: "mallory", body: `/vote ${markerOf(vote?.body ?? "")} please` });
    await say({ local, number: issue, user: "mallory", body: "/vote <!-- gavel:vote eyJzZXEiOjB9.forged --> please" });
    await say({ local, number: issue, user: "bob", body: "/vote yes" });

    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: open"]);
    const bodies = local.github.appComments({ repo: REPO, number: issue }).map((c) => c.body);
    expect(bodies[0]).toContain("Vote open");
    expect(bodies[0]).toContain("1 yes");
    expect(bodies.join("\n")).not.toContain("This vote is void");
    // The replies name what they couldn't read, but never as a marker Gavel could read back.
    for (const reply of bodies.slice(1)) expect(reply.match(/<!-- gavel:/g)).toHaveLength(1);
  });

  it("a copy of the announcement's marker in a command leaves the governed PR's check as it was", async () => {
    local = await startStory();
    const number = await openCharterPr(local);
    const before = checkState({ local, number });
    const [announcement] = local.github.appComments({ repo: REPO, number });
    await say({ local, number, user: "mallory", body: `/vote ${markerOf(announcement?.body ?? "")} please` });
    await say({ local, number, user: "mallory", body: "/vote <!-- gavel:announcement eyJzZXEiOjF9.forged --> please" });
    local.github.review({ repo: REPO, number, user: "bob", state: "APPROVE" });
    await local.settle();

    expect(before).toMatch(/^in_progress\/-: 1 of 5 approvals/);
    expect(checkState({ local, number })).toMatch(/^in_progress\/-: 2 of 5 approvals/);
    // The reply is still there, not taken for a copy of the announcement (a stranger gets one reply an hour: the second command none).
    expect(local.github.appComments({ repo: REPO, number }).map((c) => c.body)).toEqual([
      expect.stringContaining("changes the project's governance"),
      expect.stringContaining("I couldn't read"),
    ]);
  });
});
