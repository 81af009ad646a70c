import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { REPO, say, startStory, writes } from "../story.js";

/**
 * Issue 14, guarantee 7: anyone can comment on a public repository, and each
 * refused `/vote` cost Gavel a reply, so a stranger could make it write as
 * fast as they type and spend the installation's rate limit. Replies to
 * people who may not do what they asked are limited to one per person per
 * thread per hour; the rest cost no write. The limit is read from Gavel's own
 * signed replies on the thread (whom they answered) and GitHub's `created_at`
 * on them and on the command.
 */
const POST_COMMENT = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
const HOUR = 60 * 60_000;

describe("attack: a stranger floods a thread with commands", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });
  const repliesTo = (number: number, login: string) => local.github.appComments({ repo: REPO, number }).filter((c) => c.body.includes(`@${login}`));

  it("30 `/vote` from zoe within the hour: one reply, and the other 29 write nothing", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "zoe", title: "Let's vote on tabs" });
    const first = await say({ local, number: issue, user: "zoe", body: "/vote" });
    expect(repliesTo(issue, "zoe")).toHaveLength(1);

    local.github.resetRequestCounts();
    for (let i = 0; i < 29; i++) await say({ local, number: issue, user: "zoe", body: i % 2 ? "/vote" : "/vote cancel" });
    const counts = local.github.requestCounts();
    expect(repliesTo(issue, "zoe")).toHaveLength(1);
    expect(writes(counts)).toEqual([]);
    // Each costs the thread's two reads (its labels and title ∥ its comments, where the earlier reply is). The maintainers
    // come from the cache, which every 5 minutes asks GitHub again: MAINTAINERS.md (a 304), and the config, which this
    // repository and its org's .github lack (404s), with whether Gavel is installed on .github (its JWT, no installation's limit).
    expect(counts).toEqual({
      "GET /repos/{owner}/{repo}/issues/{issue_number}": 29,
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": 29,
      "GET /repos/{owner}/{repo}/contents/{path}": 15,
      "GET /repos/{owner}/{repo}/installation": 5,
    });
    expect(
      local.github
        .requestLog()
        .filter((r) => r.route.includes("/contents/"))
        .map((r) => r.status)
        .sort(),
    ).toEqual([...Array(5).fill(304), ...Array(10).fill(404)]);
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual([]);

    // A redelivery of the first command, which was answered, posts nothing either.
    const delivery = local.github.deliveries().find((d) => d.event === "issue_comment" && d.body.includes(`"id":${first},`));
    local.github.redeliver(delivery?.id ?? "");
    await local.settle();
    expect(repliesTo(issue, "zoe")).toHaveLength(1);
  });

  it("ballots from outside the electorate and unreadable commands are limited the same way; another stranger gets their own reply", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Adopt the release process" });
    await say({ local, number: issue, user: "alice", body: "/vote" });
    for (const body of ["/vote yes", "/vote no", "/vote maybe so perhaps", "/vote yes"]) await say({ local, number: issue, user: "mallory", body });
    const [vote, ...replies] = local.github.appComments({ repo: REPO, number: issue }).map((c) => c.body);
    expect(vote).toContain("Vote open: Adopt the release process");
    expect(replies).toEqual([expect.stringContaining("Thanks, @mallory. Only the maintainers listed in the vote can cast a ballot")]);
    await say({ local, number: issue, user: "oscar", body: "/vote yes" });
    expect(repliesTo(issue, "oscar")).toHaveLength(1);
    expect(local.github.labels({ repo: REPO, number: issue })).toEqual(["vote: open"]);
  });

  it("an hour after the last reply, the next refused command is answered again, once", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "zoe", title: "Vote on spaces" });
    await say({ local, number: issue, user: "zoe", body: "/vote" });
    await local.advance(HOUR);
    await say({ local, number: issue, user: "zoe", body: "/vote" });
    await say({ local, number: issue, user: "zoe", body: "/vote" });
    expect(repliesTo(issue, "zoe")).toHaveLength(2);
  });

  it("a maintainer's mistakes are each answered", async () => {
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Nominate someone" });
    local.github.resetRequestCounts();
    await say({ local, number: issue, user: "alice", body: "/vote nomnation @heidi" });
    await say({ local, number: issue, user: "alice", body: "/vote nomination @bob" });
    const replies = local.github.appComments({ repo: REPO, number: issue }).map((c) => c.body);
    expect(replies).toEqual([expect.stringContaining("there is no vote type `nomnation`"), expect.stringContaining("@bob is a maintainer already")]);
    expect(local.github.requestCounts()[POST_COMMENT]).toBe(2);
  });
});
