import { CommitGraph } from "./git.js";

export interface Account {
  login: string;
  id: number;
  type: "User" | "Organization" | "Bot";
}

export interface RepoLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface Comment {
  id: number;
  issueNumber: number;
  body: string;
  user: Account;
  /** Made with the app's installation token: GitHub then sets `performed_via_github_app`. */
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";

export interface Review {
  id: number;
  user: Account;
  state: ReviewState;
  body: string;
  /** The head the review was given on. */
  commitId: string;
  submittedAt: string;
}

export interface PullData {
  /** A PR's own id, distinct from the id of its issue, as on GitHub. */
  id: number;
  headRef: string;
  baseRef: string;
  draft: boolean;
  reviews: Review[];
}

/** An issue, or a pull request (GitHub numbers both from one sequence and serves PRs as issues too). */
export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string;
  user: Account;
  state: "open" | "closed";
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  comments: Comment[];
  pull: PullData | null;
}

export interface CheckRun {
  id: number;
  headSha: string;
  name: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  appId: number;
  externalId: string;
  detailsUrl: string | null;
}

export interface Repo {
  id: number;
  owner: Account;
  name: string;
  defaultBranch: string;
  graph: CommitGraph;
  /** Branch name → head commit. */
  branches: Map<string, string>;
  /** By lower-cased name: GitHub's label names are case-insensitive. */
  labels: Map<string, RepoLabel>;
  issues: Map<number, Issue>;
  checkRuns: CheckRun[];
  createdAt: string;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  members: string[];
  /** Invited, not yet members: GitHub's member list leaves them out. */
  pending: string[];
}

export interface Installation {
  id: number;
  account: Account;
  suspendedAt: string | null;
  createdAt: string;
}

export interface AppIdentity {
  id: number;
  slug: string;
  name: string;
  owner: Account;
  /** The account the app's installation-token writes are shown as. */
  bot: Account;
  /** PEM (SPKI): app JWTs must verify against it. */
  publicKey: string;
  webhookSecret: string;
  webhookUrl: string | null;
  /** Events the app subscribes to, as in its manifest's `default_events`; others are not delivered. */
  events: string[];
  createdAt: string;
}

/** The sandbox's clock: it moves only when told to, so every run is the same. */
export class SandboxClock {
  private current: number;
  constructor(start: Date) {
    this.current = start.getTime();
  }
  now = (): Date => new Date(this.current);
  iso(): string {
    return new Date(this.current).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  advance(ms: number): void {
    if (ms < 0) throw new Error("the sandbox clock never goes back");
    this.current += ms;
  }
}

/** Everything the sandbox's GitHub holds, in memory. */
export class Store {
  readonly accounts = new Map<string, Account>();
  readonly repos = new Map<string, Repo>();
  readonly teams = new Map<string, Team>();
  readonly installations: Installation[] = [];
  private lastId = 1000;

  readonly clock: SandboxClock;
  readonly app: AppIdentity;
  /**
   * Whether responses and payloads are checked against GitHub's description.
   * On by default; the benchmark turns it off for its load phase, after the
   * same events were checked in the test suite, so that the meter doesn't
   * dominate what it measures.
   */
  checkShapes = true;
  /**
   * The most entries GitHub lists of a recursive tree before it says
   * `truncated` (https://docs.github.com/rest/git/trees#get-a-tree: 100,000);
   * tests lower it to reach the limit with a few files.
   */
  treeEntryLimit = 100_000;

  constructor(params: { clock: SandboxClock; app: AppIdentity }) {
    this.clock = params.clock;
    this.app = params.app;
    this.accounts.set(params.app.owner.login.toLowerCase(), params.app.owner);
    this.accounts.set(params.app.bot.login.toLowerCase(), params.app.bot);
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** A person or organization by login, created on first mention. */
  account(params: { login: string; type?: Account["type"] }): Account {
    const key = params.login.toLowerCase();
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const account: Account = { login: params.login, id: this.nextId(), type: params.type ?? "User" };
    this.accounts.set(key, account);
    return account;
  }

  repo(params: { owner: string; name: string }): Repo | undefined {
    return this.repos.get(`${params.owner}/${params.name}`.toLowerCase());
  }

  /** `owner/name` or throws: for the driver, where a typo is a bug in the script. */
  requireRepo(fullName: string): Repo {
    const [owner = "", name = ""] = fullName.split("/");
    const repo = this.repo({ owner, name });
    if (!repo) throw new Error(`the sandbox has no repository ${fullName}`);
    return repo;
  }

  requireIssue(params: { repo: Repo; number: number }): Issue {
    const issue = params.repo.issues.get(params.number);
    if (!issue) throw new Error(`${params.repo.owner.login}/${params.repo.name} has no issue or pull request #${params.number}`);
    return issue;
  }

  /** The app's installation on an account, if any. */
  installationFor(login: string): Installation | undefined {
    return this.installations.find((i) => i.account.login.toLowerCase() === login.toLowerCase());
  }

  /** A branch name, a full or abbreviated commit id, or `refs/heads/…`, as the API accepts them. */
  resolveRef(params: { repo: Repo; ref: string }): string | null {
    const name = params.ref.replace(/^refs\/heads\//, "");
    return params.repo.branches.get(name) ?? params.repo.graph.find(params.ref)?.sha ?? null;
  }
}
