import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { SANDBOX_APP_ID, type LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { errorMessage, installationClient, rawRequest, statusOf } from "./sandbox-client.js";
import { REPO, startStory } from "./story.js";

const owner = "acme";
const repo = "community";

/** The sandbox itself, called directly: authentication, routes, validation against GitHub's description, faults. */
describe("e2e: the sandbox's GitHub API", () => {
  let local: LocalGavel;
  let client: Awaited<ReturnType<typeof installationClient>>;
  beforeAll(async () => {
    local = await startStory();
    client = await installationClient({ local, account: owner });
  });
  afterAll(async () => {
    await local.stop();
  });

  it("answers 401 without valid credentials, and takes only JWTs on /app routes", async () => {
    const api = local.sandbox.url;
    expect((await fetch(`${api}/repos/${REPO}/pulls`)).status).toBe(401);
    expect((await fetch(`${api}/repos/${REPO}/pulls`, { headers: { authorization: "token ghs_nope" } })).status).toBe(401);
    expect((await fetch(`${api}/app/installations`, { headers: { authorization: `token ${client.token}` } })).status).toBe(401);
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: now - 30, exp: now + 500, iss: SANDBOX_APP_ID })}`;
    const forged = `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), privateKey).toString("base64url")}`;
    expect((await fetch(`${api}/app/installations`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    const app = await local.probot.auth();
    const { data } = await app.rest.apps.listInstallations();
    expect(data.map((i) => i.account && "login" in i.account ? i.account.login : null)).toEqual([owner]);
  });

  it("answers 404 for a path GitHub's description lacks, and 501 (loudly) for one the sandbox lacks", async () => {
    expect(await statusOf(client.octokit.request("GET /repos/{owner}/{repo}/nonsense", { owner, repo }))).toBe(404);
    expect(await statusOf(client.octokit.rest.repos.listBranches({ owner, repo }))).toBe(501);
    expect(local.sandbox.problems.at(-1)).toContain("NOT IMPLEMENTED: GET /repos/{owner}/{repo}/branches");
  });

  it("answers 422 for a body or query GitHub's description refuses", async () => {
    const problems = local.sandbox.problems.length;
    const send = (request: { method: string; path: string; body?: unknown }) => rawRequest({ local, token: client.token, ...request });
    const checkRuns = `/repos/${REPO}/check-runs`;
    expect(await send({ method: "POST", path: checkRuns, body: { name: "lint" } })).toMatchObject({ status: 422, text: expect.stringContaining("body.head_sha: is required") });
    expect(await send({ method: "POST", path: checkRuns, body: { name: "lint", head_sha: "abc", colour: "red" } })).toMatchObject({ status: 422, text: expect.stringContaining("colour: is not a property") });
    expect(await send({ method: "POST", path: checkRuns, body: { name: "lint", head_sha: "abc", status: "completed" } })).toMatchObject({ status: 422, text: expect.stringContaining("conclusion is required") });
    expect(await send({ method: "PATCH", path: `${checkRuns}/1`, body: { status: "completed" } })).toMatchObject({ status: 422, text: expect.stringContaining("conclusion: is required") });
    expect(await send({ method: "POST", path: `/repos/${REPO}/issues/1/labels`, body: { labels: [] } })).toMatchObject({ status: 422 });
    expect(await send({ method: "GET", path: `/repos/${REPO}/pulls?state=merged` })).toMatchObject({ status: 422, text: expect.stringContaining('\\"merged\\" is not one of') });
    expect(await send({ method: "GET", path: `/repos/${REPO}/pulls?colour=red` })).toMatchObject({ status: 422, text: expect.stringContaining("declares no such parameter") });
    expect(await send({ method: "POST", path: `/repos/${REPO}/issues/1/comments`, body: "a string, not an object" })).toMatchObject({ status: 422 });
    expect(local.sandbox.problems.length - problems).toBe(7);
  });

  it("refuses to move a completed check run back to in_progress, like GitHub", async () => {
    const number = local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Docs", files: { "docs/a.md": "a\n" } });
    await local.settle();
    const run = local.github.latestCheck({ repo: REPO, number });
    expect(run?.conclusion).toBe("success");
    const update = client.octokit.rest.checks.update({ owner, repo, check_run_id: run?.id ?? 0, status: "in_progress" });
    await expect(update).rejects.toMatchObject({ status: 422 });
    expect(local.github.latestCheck({ repo: REPO, number })?.status).toBe("completed");
  });

  it("injects faults per route: 5xx, 429 with retry-after, latency, for a number of requests", async () => {
    const route = "GET /repos/{owner}/{repo}/issues/{issue_number}";
    local.github.openIssue({ repo: REPO, author: "zoe", title: "Hello" });
    const issue = Math.max(...local.sandbox.store.requireRepo(REPO).issues.keys());
    local.github.injectFault({ route, status: 502, times: 1 });
    expect(await statusOf(client.octokit.rest.issues.get({ owner, repo, issue_number: issue }))).toBe(502);
    expect(await statusOf(client.octokit.rest.issues.get({ owner, repo, issue_number: issue }))).toBe(200);
    local.github.injectFault({ route, status: 429, retryAfterSeconds: 7, times: 1 });
    const limited = await client.octokit.rest.issues.get({ owner, repo, issue_number: issue }).catch((error: unknown) => error);
    expect(limited).toMatchObject({ status: 429, response: { headers: { "retry-after": "7" } } });
    expect(errorMessage(limited)).toContain("secondary rate limit");
    const slow = local.github.injectFault({ route, latencyMs: 150 });
    const started = Date.now();
    await client.octokit.rest.issues.get({ owner, repo, issue_number: issue });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    slow();
    local.github.resetRequestCounts();
    await client.octokit.rest.issues.get({ owner, repo, issue_number: issue });
    expect(local.github.requestCounts()).toEqual({ [route]: 1 });
  });

  it("models symbolic links as GitHub reports them: contents follow a link to a file, trees list mode 120000, the blob is the target", async () => {
    const links = "acme/links";
    const problems = local.sandbox.problems.length;
    local.github.createRepo({ repo: links, files: { "docs/charter.md": "# Charter\n", "GOVERNANCE.md": { symlink: "docs/charter.md" }, "policies": { symlink: "docs" }, "away.md": { symlink: "../elsewhere.md" } } });
    const at = { owner, repo: "links" };
    // A link to a file: the file's content and blob, under the link's own name and path (hub4j/github-api's recording of GitHub shows the same).
    const followed = await client.octokit.rest.repos.getContent({ ...at, path: "GOVERNANCE.md" });
    expect(followed.data).toMatchObject({ type: "file", path: "GOVERNANCE.md", name: "GOVERNANCE.md", content: Buffer.from("# Charter\n").toString("base64") + "\n" });
    const charter = await client.octokit.rest.repos.getContent({ ...at, path: "docs/charter.md" });
    expect(followed.data).toMatchObject({ sha: "sha" in charter.data ? charter.data.sha : "" });
    // A link to a folder, or out of the repository: the link itself.
    expect((await client.octokit.rest.repos.getContent({ ...at, path: "policies" })).data).toMatchObject({ type: "symlink", target: "docs" });
    expect((await client.octokit.rest.repos.getContent({ ...at, path: "away.md" })).data).toMatchObject({ type: "symlink", target: "../elsewhere.md" });
    // The tree says which entries are links; each link's blob holds its target.
    const { data: tree } = await client.octokit.rest.git.getTree({ ...at, tree_sha: "main", recursive: "1" });
    expect(tree.truncated).toBe(false);
    expect(tree.tree.map((e) => [e.path, e.mode, e.type])).toEqual([
      ["GOVERNANCE.md", "120000", "blob"],
      ["away.md", "120000", "blob"],
      ["docs", "040000", "tree"],
      ["docs/charter.md", "100644", "blob"],
      ["policies", "120000", "blob"],
    ]);
    const link = tree.tree.find((e) => e.path === "GOVERNANCE.md");
    const { data: blob } = await client.octokit.rest.git.getBlob({ ...at, file_sha: link?.sha ?? "" });
    expect(Buffer.from(blob.content, "base64").toString("utf8")).toBe("docs/charter.md");
    // Not recursive: the root only; a folder's tree by its id.
    const { data: root } = await client.octokit.rest.git.getTree({ ...at, tree_sha: "main" });
    expect(root.tree.map((e) => e.path)).toEqual(["GOVERNANCE.md", "away.md", "docs", "policies"]);
    const docs = root.tree.find((e) => e.path === "docs");
    expect((await client.octokit.rest.git.getTree({ ...at, tree_sha: docs?.sha ?? "" })).data.tree.map((e) => e.path)).toEqual(["charter.md"]);
    expect(local.sandbox.problems.slice(problems)).toEqual([]);
  });
});
