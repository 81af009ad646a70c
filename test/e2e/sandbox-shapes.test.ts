import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { blobSha } from "../../sandbox/model/git.js";
import { installationClient } from "./sandbox-client.js";
import { CHARTER, REPO, startStory } from "./story.js";

const owner = "acme";
const repo = "community";

/** What the sandbox answers, compared with what GitHub documents: pages, caps, ETags, contents, comparisons, search, teams. */
describe("e2e: the sandbox's answers", () => {
  let local: LocalGavel;
  let client: Awaited<ReturnType<typeof installationClient>>;
  const files = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`docs/page-${String(i).padStart(4, "0")}.md`, `page ${i}\n`]));
  beforeAll(async () => {
    local = await startStory();
    client = await installationClient({ local, account: owner });
  });
  afterAll(async () => {
    await local.stop();
  });

  it("pages lists with per_page (at most 100) and Link headers", async () => {
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Docs", files: files(250) });
    await local.settle();
    const first = await client.octokit.rest.pulls.listFiles({ owner, repo, pull_number: number, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');
    const last = await client.octokit.rest.pulls.listFiles({ owner, repo, pull_number: number, per_page: 100, page: 3 });
    expect(last.data).toHaveLength(50);
    expect(last.headers.link).not.toContain('rel="next"');
    const capped = await client.octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", { owner, repo, pull_number: number, per_page: 500 });
    expect(capped.data).toHaveLength(100);
    expect(await client.octokit.paginate(client.octokit.rest.pulls.listFiles, { owner, repo, pull_number: number, per_page: 100 })).toHaveLength(250);
  });

  it("lists at most 3,000 files of a pull request, while changed_files counts them all", async () => {
    // Gavel need not read it all too: the delivery is dropped.
    local.github.dropDeliveries({ event: "pull_request.opened", times: 1 });
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Huge", files: files(3005) });
    await local.settle();
    const { data: pull } = await client.octokit.rest.pulls.get({ owner, repo, pull_number: number });
    expect(pull.changed_files).toBe(3005);
    expect(await client.octokit.paginate(client.octokit.rest.pulls.listFiles, { owner, repo, pull_number: number, per_page: 100 })).toHaveLength(3000);
  });

  it("answers 304 to a matching If-None-Match, and a new ETag once the resource changed", async () => {
    const url = `${local.sandbox.url}/repos/${REPO}/issues/1`;
    const headers = { authorization: `token ${client.token}` };
    const first = await fetch(url, { headers });
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const again = await fetch(url, { headers: { ...headers, "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    local.github.label({ repo: REPO, number: 1, user: "alice", label: "docs" });
    await local.settle();
    const changed = await fetch(url, { headers: { ...headers, "if-none-match": etag } });
    expect(changed.status).toBe(200);
  });

  it("serves file contents as base64 with the git blob sha, from the default branch or a ref", async () => {
    const { data } = await client.octokit.rest.repos.getContent({ owner, repo, path: "GOVERNANCE.md" });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) throw new Error("not a file");
    expect(Buffer.from(data.content, "base64").toString("utf8")).toBe(CHARTER);
    expect(data.sha).toBe(blobSha(CHARTER));
    expect(data.content).toContain("\n");
    const branch = local.sandbox.store.requireRepo(REPO).issues.get(1)?.pull?.headRef ?? "";
    const atBranch = await client.octokit.rest.repos.getContent({ owner, repo, path: "docs/page-0001.md", ref: branch });
    expect(Array.isArray(atBranch.data)).toBe(false);
    await expect(client.octokit.rest.repos.getContent({ owner, repo, path: "docs/page-0001.md" })).rejects.toMatchObject({ status: 404 });
    const listing = await client.octokit.rest.repos.getContent({ owner, repo, path: "docs", ref: branch });
    expect(Array.isArray(listing.data) ? listing.data.slice(0, 2).map((e) => [e.type, e.path]) : []).toEqual([
      ["file", "docs/page-0000.md"],
      ["file", "docs/page-0001.md"],
    ]);
  });

  it("compares commits from their merge base: identical, ahead, behind, diverged", async () => {
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Two commits", files: { "a.md": "a\n" } });
    const first = local.github.headSha({ repo: REPO, number });
    const second = local.github.push({ repo: REPO, number, author: "zoe", files: { "b.md": "b\n" } });
    const main = local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "c.md": "c\n" } });
    await local.settle();
    const compare = async (basehead: string) => (await client.octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead })).data;
    expect((await compare(`${first}...${first}`)).status).toBe("identical");
    const ahead = await compare(`${first}...${second}`);
    expect([ahead.status, ahead.ahead_by, ahead.files?.map((f) => f.filename)]).toEqual(["ahead", 1, ["b.md"]]);
    expect((await compare(`${second}...${first}`)).status).toBe("behind");
    const diverged = await compare(`${main}...${second}`);
    expect([diverged.status, diverged.ahead_by, diverged.behind_by, diverged.files?.map((f) => f.filename)]).toEqual(["diverged", 2, 1, ["a.md", "b.md"]]);
  });

  it("searches issues by state, label (a comma list is an OR) and owner, within the installation", async () => {
    const a = local.github.openIssue({ repo: REPO, author: "zoe", title: "A" });
    const b = local.github.openIssue({ repo: REPO, author: "zoe", title: "B" });
    local.github.label({ repo: REPO, number: a, user: "alice", label: "vote: open" });
    local.github.label({ repo: REPO, number: b, user: "alice", label: "governance: waiting" });
    await local.settle();
    const search = async (q: string) => (await client.octokit.rest.search.issuesAndPullRequests({ q, per_page: 100 })).data.items.map((i) => i.number);
    expect(await search('is:open label:"governance: waiting","vote: open" org:acme')).toEqual(expect.arrayContaining([a, b]));
    expect(await search('is:open label:"vote: open" org:acme')).toEqual([a]);
    expect(await search('is:open label:"vote: open" org:someone-else')).toEqual([]);
  });

  it("lists a team's active members, never its pending invitations", async () => {
    local.github.createTeam({ org: owner, slug: "maintainers", members: ["alice", "bob"], pending: ["mallory"] });
    const members = await client.octokit.rest.teams.listMembersInOrg({ org: owner, team_slug: "maintainers" });
    expect(members.data.map((m) => m.login)).toEqual(["alice", "bob"]);
    await expect(client.octokit.rest.teams.listMembersInOrg({ org: owner, team_slug: "nobody" })).rejects.toMatchObject({ status: 404 });
  });

  it("lists the members of child teams among a team's, as inherited, with each member's role; and the child teams", async () => {
    local.github.createTeam({ org: owner, slug: "steering", members: ["alice"], maintainers: ["bob"] });
    local.github.createTeam({ org: owner, slug: "docs", members: ["carol", "alice"], parent: "steering" });
    local.github.createTeam({ org: owner, slug: "docs-i18n", members: ["dave"], parent: "docs" });
    const listed = async (params: { slug: string; role?: "member" | "maintainer" | "all" }) => {
      const { data } = await client.octokit.request("GET /orgs/{org}/teams/{team_slug}/members", {
        org: owner,
        team_slug: params.slug,
        ...(params.role ? { role: params.role } : {}),
      });
      return data.map((m) => `${m.login} ${Reflect.get(m, "role")}${Reflect.get(m, "inherited") === true ? " inherited" : ""}`);
    };
    expect(await listed({ slug: "steering" })).toEqual(["alice member", "bob maintainer", "carol member inherited", "dave member inherited"]);
    expect(await listed({ slug: "steering", role: "maintainer" })).toEqual(["bob maintainer"]);
    expect(await listed({ slug: "docs" })).toEqual(["carol member", "alice member", "dave member inherited"]);
    const children = await client.octokit.rest.teams.listChildInOrg({ org: owner, team_slug: "steering" });
    expect(children.data.map((t) => `${t.slug} ← ${t.parent?.slug ?? "none"}`)).toEqual(["docs ← steering"]);
    expect((await client.octokit.rest.teams.listChildInOrg({ org: owner, team_slug: "docs-i18n" })).data).toEqual([]);

    // Where the org lacks the feature, GitHub leaves out role and inherited, yet still lists child teams' members.
    local.github.setTeamMembershipDetails({ org: owner, shown: false });
    const bare = (await client.octokit.rest.teams.listMembersInOrg({ org: owner, team_slug: "steering" })).data;
    expect(bare.map((m) => [m.login, "inherited" in m, "role" in m])).toEqual([
      ["alice", false, false],
      ["bob", false, false],
      ["carol", false, false],
      ["dave", false, false],
    ]);
    local.github.setTeamMembershipDetails({ org: owner, shown: true });
    expect(local.sandbox.problems).toEqual([]);
  });

  it("marks comments made with the app's token with performed_via_github_app, and sets their times itself", async () => {
    const id = local.github.comment({ repo: REPO, number: 1, user: "zoe", body: "hello" });
    await local.settle();
    const { data: posted } = await client.octokit.rest.issues.createComment({ owner, repo, issue_number: 1, body: "hi from the app" });
    const { data } = await client.octokit.rest.issues.listComments({ owner, repo, issue_number: 1, per_page: 100 });
    const byId = new Map(data.map((c) => [c.id, c]));
    expect(byId.get(id)?.performed_via_github_app).toBeNull();
    expect(byId.get(posted.id)?.performed_via_github_app?.id).toBe(local.sandbox.store.app.id);
    expect(posted.user?.login).toBe("gavel[bot]");
    expect(posted.created_at).toBe(
      local.github
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
    );
    expect(local.sandbox.problems).toEqual([]);
  });
});
