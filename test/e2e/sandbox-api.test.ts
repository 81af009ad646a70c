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
    expect(data.map((i) => (i.account && "login" in i.account ? i.account.login : null))).toEqual([owner]);
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
    expect(await send({ method: "POST", path: checkRuns, body: { name: "lint" } })).toMatchObject({
      status: 422,
      text: expect.stringContaining("body.head_sha: is required"),
    });
    expect(await send({ method: "POST", path: checkRuns, body: { name: "lint", head_sha: "abc", colour: "red" } })).toMatchObject({
      status: 422,
      text: expect.stringContaining("colour: is not a property"),
    });
    expect(await send({ method: "POST", path: checkRuns, body: { name: "lint", head_sha: "abc", status: "completed" } })).toMatchObject({
      status: 422,
      text: expect.stringContaining("conclusion is required"),
    });
    expect(await send({ method: "PATCH", path: `${checkRuns}/1`, body: { status: "completed" } })).toMatchObject({
      status: 422,
      text: expect.stringContaining("conclusion: is required"),
    });
    expect(await send({ method: "POST", path: `/repos/${REPO}/issues/1/labels`, body: { labels: [] } })).toMatchObject({ status: 422 });
    expect(await send({ method: "GET", path: `/repos/${REPO}/pulls?state=merged` })).toMatchObject({
      status: 422,
      text: expect.stringContaining('\\"merged\\" is not one of'),
    });
    expect(await send({ method: "GET", path: `/repos/${REPO}/pulls?colour=red` })).toMatchObject({
      status: 422,
      text: expect.stringContaining("declares no such parameter"),
    });
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

  it("an installation on selected repositories: outside them a private repository is 404, a public one is read but not written; the app's JWT finds the installation of granted ones only", async () => {
    const org = "initech";
    local.github.installApp({ account: org, selected: true });
    local.github.createRepo({ repo: `${org}/app`, files: { "README.md": "app\n" } });
    local.github.createRepo({ repo: `${org}/.github`, install: false, files: { ".github/governance.yml": "rules: []\n" } });
    local.github.createRepo({ repo: `${org}/vault`, install: false, private: true, files: { "README.md": "vault\n" } });
    const initech = await installationClient({ local, account: org });
    const read = (name: string, path: string) => statusOf(initech.octokit.rest.repos.getContent({ owner: org, repo: name, path }));
    expect(await read("app", "README.md")).toBe(200);
    expect(await read(".github", ".github/governance.yml")).toBe(200);
    expect(await read("vault", "README.md")).toBe(404);
    const outside = await initech.octokit.rest.issues
      .addLabels({ owner: org, repo: ".github", issue_number: 1, labels: ["x"] })
      .catch((error: unknown) => error);
    expect(outside).toMatchObject({ status: 403 });
    expect(errorMessage(outside)).toContain("Resource not accessible by integration");

    const app = await local.probot.auth();
    const lookup = (name: string) => app.rest.apps.getRepoInstallation({ owner: org, repo: name });
    expect((await lookup("app")).data).toMatchObject({ id: initech.installationId, repository_selection: "selected" });
    expect(await statusOf(lookup(".github"))).toBe(404);
    expect(await statusOf(lookup("vault"))).toBe(404);
    expect(await statusOf(lookup("nothing-here"))).toBe(404);
    // Only the app's JWT: an installation token is refused (Octokit's app auth would sign this route with the JWT itself).
    expect((await rawRequest({ local, token: initech.token, method: "GET", path: `/repos/${org}/app/installation` })).status).toBe(401);

    // Events of a repository the installation was not granted never reach the app; granting one is an event every app receives.
    const before = local.github.deliveries().length;
    local.github.openPullRequest({ repo: `${org}/vault`, author: "zoe", title: "t", files: { "a.md": "a\n" } });
    expect(local.github.deliveries().length).toBe(before);
    local.github.grantRepository({ repo: `${org}/.github`, by: "olivia" });
    const granted = local.github.deliveries().slice(before);
    expect(granted.map((d) => `${d.event}.${d.action ?? ""}`)).toEqual(["installation_repositories.added"]);
    expect(JSON.parse(granted[0]?.body ?? "{}")).toMatchObject({
      repository_selection: "selected",
      repositories_added: [{ full_name: `${org}/.github`, private: false }],
      repositories_removed: [],
    });
    expect(await statusOf(lookup(".github"))).toBe(200);
    local.github.grantRepository({ repo: `${org}/.github`, by: "olivia", revoke: true });
    expect(await statusOf(lookup(".github"))).toBe(404);
    await local.settle();
    expect(local.sandbox.problems.filter((p) => p.includes("installation"))).toEqual([]);
  });

  it("models symbolic links as GitHub reports them: contents follow a link to a file, trees list mode 120000, the blob is the target", async () => {
    const links = "acme/links";
    const problems = local.sandbox.problems.length;
    local.github.createRepo({
      repo: links,
      files: {
        "docs/charter.md": "# Charter\n",
        "GOVERNANCE.md": { symlink: "docs/charter.md" },
        policies: { symlink: "docs" },
        "away.md": { symlink: "../elsewhere.md" },
      },
    });
    const at = { owner, repo: "links" };
    // A link to a file: the file's content and blob, under the link's own name and path (hub4j/github-api's recording of GitHub shows the same).
    const followed = await client.octokit.rest.repos.getContent({ ...at, path: "GOVERNANCE.md" });
    expect(followed.data).toMatchObject({
      type: "file",
      path: "GOVERNANCE.md",
      name: "GOVERNANCE.md",
      content: `${Buffer.from("# Charter\n").toString("base64")}\n`,
    });
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

  it("keeps an issue's label changes in its event log: who made each, and the app when its token did", async () => {
    const problems = local.sandbox.problems.length;
    const issue = local.github.openIssue({ repo: REPO, author: "zoe", title: "Labels" });
    await client.octokit.rest.issues.addLabels({ owner, repo, issue_number: issue, labels: ["vote: open"] });
    local.github.label({ repo: REPO, number: issue, user: "mallory", label: "vote: open", remove: true });
    local.github.label({ repo: REPO, number: issue, user: "mallory", label: "vote: passed" });
    const { data } = await client.octokit.rest.issues.listEvents({ owner, repo, issue_number: issue, per_page: 100 });
    expect(data.map((e) => ["label" in e ? e.label.name : "", e.event, e.actor?.login, e.performed_via_github_app?.id ?? null, typeof e.created_at])).toEqual([
      ["vote: open", "labeled", "gavel[bot]", SANDBOX_APP_ID, "string"],
      ["vote: open", "unlabeled", "mallory", null, "string"],
      ["vote: passed", "labeled", "mallory", null, "string"],
    ]);
    expect(local.sandbox.problems.slice(problems)).toEqual([]);
  });
});
