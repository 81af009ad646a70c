/**
 * An in-memory GitHub behind nock for handler tests: it serves the REST routes
 * Gavel reads from the state a test sets up, applies Gavel's writes to that
 * state, and records every request so tests can assert the exact calls.
 */
import { createHash } from "node:crypto";
import nock from "nock";

export const API = "https://api.github.com";
export const APP_ID = 4242;

export interface FakeReview {
  id: number;
  user: { login: string; type: "User" | "Bot" };
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";
  commit_id: string | null;
  submitted_at: string;
}

export interface FakeComment {
  id: number;
  body: string;
  created_at: string;
  updated_at: string;
  user: { login: string; type: "User" | "Bot" };
  appId: number | null;
}

export interface FakeCheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null };
  started_at: string | null;
  appId: number;
}

export interface FakeState {
  owner: string;
  repo: string;
  defaultBranch: string;
  /** Files on the default branch. */
  files: Record<string, string>;
  /** Files as the PR's head has them: served only to a request for the head, which Gavel must never make. */
  headFiles: Record<string, string>;
  orgConfig: string | null;
  teams: Record<string, Array<{ login: string; type: "User" | "Bot" }>>;
  pr: {
    number: number;
    state: "open" | "closed";
    draft: boolean;
    headSha: string;
    author: { login: string; type: "User" | "Bot" };
    labels: string[];
    changedFiles: Array<{ filename: string; previous_filename?: string; status: string }>;
    title?: string;
    /** Defaults to the list's length; set higher to model GitHub's 3,000-file cap. */
    changedFilesTotal?: number;
  };
  reviews: FakeReview[];
  comments: FakeComment[];
  checkRuns: FakeCheckRun[];
  /** `base...head` → the comparison GitHub would return. */
  compares: Record<string, { status: "ahead" | "behind" | "diverged" | "identical"; files: string[] }>;
  /** Fail this route (matched against "METHOD /path") with a status. */
  failures: Array<{ match: RegExp; status: number }>;
}

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/repos/acme/widgets/pulls/7/files?per_page=100`. */
  path: string;
  body: unknown;
}

type Reply = [number, unknown] | [number, unknown, Record<string, string>];

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Installation-token requests: auth plumbing, kept apart from the API calls tests count. */
  readonly tokenRequests: RecordedRequest[] = [];
  /** Installations besides acme's (77), e.g. a broken or suspended one. */
  otherInstallations: Array<{ id: number; login: string; suspended: boolean }> = [];
  /** Called after each request is served: lets a test change GitHub mid-evaluation. */
  afterRequest: ((line: string) => void) | null = null;
  /** When the PR last changed, as search reports it. */
  updatedAt = "2026-11-22T10:00:00Z";
  private nextId = 9000;

  constructor(readonly state: FakeState, private readonly clock: () => Date) {
    const scope = nock(API).persist();
    for (const method of ["GET", "POST", "PATCH", "DELETE"] as const) {
      const interceptor = method === "GET" ? scope.get(/.*/) : method === "POST" ? scope.post(/.*/) : method === "PATCH" ? scope.patch(/.*/) : scope.delete(/.*/);
      interceptor.query(true).reply((uri, body) => this.serve({ method, path: uri, body: typeof body === "string" && body ? JSON.parse(body) : body }));
    }
  }

  /** A person's comment, as GitHub would store it now; returns it for the webhook payload. */
  addComment(params: { login: string; body: string; type?: "User" | "Bot" }): FakeComment {
    const now = this.clock().toISOString();
    const comment: FakeComment = { id: this.nextId++, body: params.body, created_at: now, updated_at: now, user: { login: params.login, type: params.type ?? "User" }, appId: null };
    this.state.comments.push(comment);
    return comment;
  }

  /** Gavel's comments containing `text`. */
  appComments(text = ""): FakeComment[] {
    return this.state.comments.filter((c) => c.appId === APP_ID && c.body.includes(text));
  }

  /** "METHOD /path" lines, for exact assertions. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  latestCheck(): FakeCheckRun | undefined {
    return [...this.state.checkRuns].sort((a, b) => b.id - a.id)[0];
  }

  private serve(request: RecordedRequest): Reply {
    const reply = this.route(request);
    this.afterRequest?.(`${request.method} ${request.path}`);
    return reply;
  }

  private route(request: RecordedRequest): Reply {
    if (request.method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(request.path)) {
      this.tokenRequests.push(request);
      return [201, { token: "installation-token", expires_at: new Date(this.clock().getTime() + 3_600_000).toISOString(), permissions: {} }];
    }
    this.requests.push(request);
    const line = `${request.method} ${request.path}`;
    const failure = this.state.failures.find((f) => f.match.test(line));
    if (failure) return [failure.status, { message: `injected ${failure.status}` }];
    const url = new URL(request.path, API);
    const s = this.state;
    const base = `/repos/${s.owner}/${s.repo}`;
    const p = url.pathname;
    const m = (re: RegExp) => p.match(re);
    let match: RegExpMatchArray | null;

    if (request.method === "GET" && (match = m(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/))) {
      const [, owner, repo, path] = match;
      const ref = url.searchParams.get("ref");
      let text: string | undefined;
      const file = decodeURIComponent(path ?? "");
      if (owner === s.owner && repo === s.repo && (ref === null || ref === s.defaultBranch)) text = s.files[file];
      if (owner === s.owner && repo === s.repo && (ref === s.pr.headSha || ref === "feature")) text = s.headFiles[file] ?? s.files[file];
      if (owner === s.owner && repo === ".github" && file === ".github/governance.yml" && s.orgConfig !== null) text = s.orgConfig;
      if (text === undefined) return [404, { message: "Not Found" }];
      return [200, { type: "file", path, size: Buffer.byteLength(text), sha: blobSha(text), encoding: "base64", content: Buffer.from(text).toString("base64") }];
    }
    // The default branch's tree (its files only: these tests hold no symbolic links).
    if (request.method === "GET" && p === `${base}/git/trees/HEAD`) {
      const tree = Object.entries(s.files).map(([path, text]) => ({ path, mode: "100644", type: "blob", sha: blobSha(text), size: Buffer.byteLength(text) }));
      return [200, { sha: blobSha(JSON.stringify(tree)), tree, truncated: false }];
    }
    if (request.method === "GET" && p === `${base}/pulls/${s.pr.number}`) return [200, this.pullJson()];
    if (request.method === "GET" && p === `${base}/pulls`) return this.page(url, s.pr.state === "open" ? [this.pullJson()] : []);
    if (request.method === "GET" && p === `${base}/issues/${s.pr.number}`) {
      return [200, { id: 200_000 + s.pr.number, number: s.pr.number, title: s.pr.title ?? "Update the charter", state: s.pr.state, labels: s.pr.labels.map((name) => ({ name })) }];
    }
    if (request.method === "PATCH" && (match = m(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/))) {
      const comment = s.comments.find((c) => c.id === Number(match?.[1]));
      if (!comment) return [404, { message: "Not Found" }];
      comment.body = bodyField(request.body, "body");
      comment.updated_at = this.clock().toISOString();
      return [200, this.commentJson(comment)];
    }
    if (request.method === "GET" && p === `${base}/pulls/${s.pr.number}/files`) {
      // Like GitHub, each entry reads its content at the head the list was computed for.
      const ref = this.filesListedAt ?? s.pr.headSha;
      return this.page(url, s.pr.changedFiles.map((f) => ({ contents_url: `${API}${base}/contents/${encodeURIComponent(f.filename)}?ref=${ref}`, ...f })));
    }
    if (request.method === "GET" && p === `${base}/pulls/${s.pr.number}/reviews`) {
      return this.page(url, s.reviews.map((r) => ({ ...r, html_url: `https://github.com/${s.owner}/${s.repo}/pull/${s.pr.number}#pullrequestreview-${r.id}` })));
    }
    if (request.method === "GET" && p === `${base}/issues/${s.pr.number}/comments`) return this.page(url, s.comments.map((c) => this.commentJson(c)));
    if (request.method === "POST" && p === `${base}/issues/${s.pr.number}/comments`) {
      const now = this.clock().toISOString();
      const comment: FakeComment = { id: this.nextId++, body: bodyField(request.body, "body"), created_at: now, updated_at: now, user: { login: "gavel[bot]", type: "Bot" }, appId: APP_ID };
      s.comments.push(comment);
      this.updatedAt = now;
      return [201, this.commentJson(comment)];
    }
    if (request.method === "GET" && (match = m(/^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/check-runs$/))) {
      const runs = s.checkRuns.filter((r) => r.head_sha === match?.[1] && r.name === url.searchParams.get("check_name"));
      return [200, { total_count: runs.length, check_runs: runs.map((r) => this.checkJson(r)) }];
    }
    if (request.method === "POST" && p === `${base}/check-runs`) {
      const run: FakeCheckRun = { id: this.nextId++, head_sha: bodyField(request.body, "head_sha"), name: bodyField(request.body, "name"), status: "queued", conclusion: null, output: { title: null, summary: null }, started_at: bodyField(request.body, "started_at") || null, appId: APP_ID };
      applyCheckBody(run, request.body);
      s.checkRuns.push(run);
      return [201, this.checkJson(run)];
    }
    if (request.method === "PATCH" && (match = m(/^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/))) {
      const run = s.checkRuns.find((r) => r.id === Number(match?.[1]));
      if (!run) return [404, { message: "Not Found" }];
      applyCheckBody(run, request.body);
      return [200, this.checkJson(run)];
    }
    if (request.method === "GET" && (match = m(/^\/repos\/[^/]+\/[^/]+\/compare\/(.+)$/))) {
      const comparison = s.compares[decodeURIComponent(match[1] ?? "")];
      if (!comparison) return [404, { message: "No common ancestor" }];
      return [200, { status: comparison.status, files: comparison.files.map((filename) => ({ filename, status: "modified" })) }];
    }
    if (request.method === "GET" && (match = m(/^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/))) {
      const team = s.teams[match[2] ?? ""];
      if (!team) return [404, { message: "Not Found" }];
      return this.page(url, team.map((u) => ({ ...u, id: 1 })));
    }
    if (request.method === "GET" && (match = m(/^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/pulls$/))) {
      const prs = match[1] === s.pr.headSha ? [{ number: s.pr.number, state: s.pr.state, head: { sha: s.pr.headSha } }] : [];
      return [200, prs];
    }
    if (request.method === "GET" && p === "/app/installations") {
      const others = this.otherInstallations.map((i) => ({ id: i.id, account: { login: i.login, type: "Organization" }, target_type: "Organization", suspended_at: i.suspended ? "2026-01-01T00:00:00Z" : null }));
      return this.page(url, [...others, { id: 77, account: { login: s.owner, type: "Organization" }, target_type: "Organization", suspended_at: null }]);
    }
    if (request.method === "GET" && p === "/app/hook/deliveries") return [200, []];
    if (request.method === "GET" && p === "/search/issues") {
      const q = url.searchParams.get("q") ?? "";
      // The sweep's two searches: by Gavel's labels, or by what changed since an instant.
      const since = /updated:>=(\S+)/.exec(q)?.[1];
      const matches = since === undefined ? s.pr.labels.some((l) => q.includes(`"${l}"`)) : Date.parse(this.updatedAt) >= Date.parse(since);
      const items = (s.pr.state === "open" || !q.includes("is:open")) && matches && q.includes(`org:${s.owner}`) ? [this.searchItem()] : [];
      return [200, { total_count: items.length, incomplete_results: false, items }];
    }
    if (request.method === "POST" && p === `${base}/issues/${s.pr.number}/labels`) {
      const labels = typeof request.body === "object" && request.body !== null && "labels" in request.body && Array.isArray(request.body.labels) ? request.body.labels : [];
      for (const label of labels) if (typeof label === "string" && !s.pr.labels.includes(label)) s.pr.labels.push(label);
      this.updatedAt = this.clock().toISOString();
      return [200, s.pr.labels.map((name) => ({ name }))];
    }
    if (request.method === "DELETE" && (match = m(/^\/repos\/[^/]+\/[^/]+\/issues\/\d+\/labels\/(.+)$/))) {
      const name = decodeURIComponent(match[1] ?? "");
      if (!s.pr.labels.includes(name)) return [404, { message: "Label does not exist" }];
      s.pr.labels = s.pr.labels.filter((l) => l !== name);
      this.updatedAt = this.clock().toISOString();
      return [200, s.pr.labels.map((l) => ({ name: l }))];
    }
    if (request.method === "DELETE" && (match = m(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/))) {
      const before = s.comments.length;
      s.comments = s.comments.filter((c) => c.id !== Number(match?.[1]));
      return before === s.comments.length ? [404, { message: "Not Found" }] : [204, ""];
    }
    return [501, { message: `fake GitHub has no route for ${line}` }];
  }

  /** The head the file list names; null names the PR's head. A test sets it to model GitHub computing the list elsewhere. */
  filesListedAt: string | null = null;

  private page(url: URL, items: unknown[]): Reply {
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    if (page * perPage >= items.length) return [200, slice];
    const next = new URL(url);
    next.searchParams.set("page", String(page + 1));
    return [200, slice, { link: `<${next.toString()}>; rel="next"` }];
  }

  private searchItem(): unknown {
    const s = this.state;
    return {
      number: s.pr.number,
      repository_url: `${API}/repos/${s.owner}/${s.repo}`,
      labels: s.pr.labels.map((name) => ({ name })),
      updated_at: this.updatedAt,
      state: s.pr.state,
      pull_request: { url: `${API}/repos/${s.owner}/${s.repo}/pulls/${s.pr.number}` },
    };
  }

  private pullJson(): unknown {
    const pr = this.state.pr;
    return {
      id: 100_000 + pr.number,
      number: pr.number,
      state: pr.state,
      draft: pr.draft,
      head: { sha: pr.headSha, ref: "feature" },
      base: { ref: this.state.defaultBranch },
      user: pr.author,
      labels: pr.labels.map((name, i) => ({ id: i + 1, name })),
      changed_files: pr.changedFilesTotal ?? pr.changedFiles.length,
      updated_at: this.updatedAt,
    };
  }

  private commentJson(c: FakeComment): unknown {
    const { appId, ...rest } = c;
    const html_url = `https://github.com/${this.state.owner}/${this.state.repo}/pull/${this.state.pr.number}#issuecomment-${c.id}`;
    return { ...rest, html_url, performed_via_github_app: appId === null ? null : { id: appId, slug: "gavel" } };
  }

  private checkJson(r: FakeCheckRun): unknown {
    return { id: r.id, head_sha: r.head_sha, name: r.name, status: r.status, conclusion: r.conclusion, output: r.output, started_at: r.started_at, app: { id: r.appId, slug: "gavel" } };
  }
}

function bodyField(body: unknown, key: string): string {
  if (typeof body === "object" && body !== null && key in body) {
    const value: unknown = Reflect.get(body, key);
    if (typeof value === "string") return value;
  }
  return "";
}

function applyCheckBody(run: FakeCheckRun, body: unknown): void {
  const status = bodyField(body, "status");
  if (status) run.status = status;
  const conclusion = bodyField(body, "conclusion");
  run.conclusion = run.status === "completed" ? conclusion || null : null;
  if (typeof body === "object" && body !== null && "output" in body) {
    run.output = { title: bodyField(body.output, "title"), summary: bodyField(body.output, "summary") };
  }
}

/** Git's blob id of a text: content-addressed, as GitHub reports it. */
function blobSha(text: string): string {
  return createHash("sha1").update(`blob ${Buffer.byteLength(text)}\0${text}`).digest("hex");
}
