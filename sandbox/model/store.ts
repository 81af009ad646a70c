import type { CommitGraph } from "./git.js";

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
  /**
   * The fork (`owner/name`) whose branch `headRef` is, or null for a branch of
   * this repository. The sandbox keeps a fork's commits in this repository's
   * graph, as GitHub keeps a PR's head under `refs/pull/{n}/head`.
   */
  fork: string | null;
  baseRef: string;
  draft: boolean;
  reviews: Review[];
}

/**
 * One entry of an issue's event log, which nobody can edit or delete: only
 * label changes are modelled. Each names who made it, and the app when it
 * was made with an installation token (`performed_via_github_app`).
 * https://docs.github.com/rest/issues/events#list-issue-events,
 * https://docs.github.com/rest/using-the-rest-api/issue-event-types#labeled
 */
export interface IssueEvent {
  id: number;
  event: "labeled" | "unlabeled";
  label: string;
  actor: Account;
  viaApp: boolean;
  createdAt: string;
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
  /** Its event log, oldest first. */
  events: IssueEvent[];
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
  /**
   * A private repository is seen only by tokens allowed in it; any other
   * token is answered 404. A public one is read by any token, in or out of
   * the app's installation (writes still need the installation).
   */
  private: boolean;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  /** Direct members, by login. */
  members: string[];
  /** Those of `members` whose role on the team is maintainer; the others' role is member. */
  maintainers: string[];
  /** Invited, not yet members: GitHub's member list leaves them out. */
  pending: string[];
  /** The slug of the parent team, or null for a top-level team. */
  parent: string | null;
}

/** One row of GitHub's "List team members". */
export interface TeamListing {
  login: string;
  role: "member" | "maintainer";
  /** True when the login is listed only because it is a member of a child team (at any depth). */
  inherited: boolean;
}

export interface Installation {
  id: number;
  account: Account;
  suspendedAt: string | null;
  createdAt: string;
  /**
   * `all`: every repository of the account, present and future. `selected`:
   * only `repositoryIds`, which the account's owners choose; a new repository
   * is not among them until they add it. Either way the app can read every
   * public repository: "The app will always have at least read-only access to
   * all public repositories on GitHub."
   * https://docs.github.com/apps/using-github-apps/installing-your-own-github-app
   */
  repositorySelection: "all" | "selected";
  repositoryIds: Set<number>;
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
  /**
   * Organizations (lower-cased) whose team member listings leave out `role`
   * and `inherited`: GitHub documents both as present "only when the feature
   * is enabled for the organization".
   */
  readonly orgsWithoutMembershipDetails = new Set<string>();
  readonly installations: Installation[] = [];
  /**
   * Which GitHub sends the webhooks. GitHub Enterprise Server 3.4 and 3.5
   * leave `pull_request.draft` out of `pull_request_review` payloads (issue
   * 15; GitHub's payload docs never promised it there:
   * https://github.com/EasyDynamics/oscal-react-library/pull/440). Payloads
   * are checked against github.com's description first, then changed.
   */
  webhookDialect: "github.com" | "ghes-3.5" = "github.com";
  /**
   * How many repositories one issue search looks in: "The REST API will find
   * up to 4,000 repositories that match your filters".
   * https://docs.github.com/rest/search/search#search-scope-limits
   */
  searchRepositoryLimit = 4000;
  private lastId = 1000;
  private lastEventId = 5_000_000;

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

  /**
   * A person, bot or organization by login, created on first mention. A
   * GitHub App acts through an account named `<app-slug>[bot]` of type Bot
   * (https://docs.github.com/rest/users/users#get-a-user shows `type`; e.g.
   * `/users/dependabot[bot]`), so such a login is a Bot unless told otherwise.
   */
  account(params: { login: string; type?: Account["type"] }): Account {
    const key = params.login.toLowerCase();
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const account: Account = { login: params.login, id: this.nextId(), type: params.type ?? (key.endsWith("[bot]") ? "Bot" : "User") };
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

  team(params: { org: string; slug: string }): Team | undefined {
    return this.teams.get(`${params.org}/${params.slug}`.toLowerCase());
  }

  /** The teams whose parent is `team`. */
  childTeams(team: Team): Team[] {
    return [...this.teams.values()].filter((t) => t.org.toLowerCase() === team.org.toLowerCase() && t.parent?.toLowerCase() === team.slug.toLowerCase());
  }

  /**
   * "List team members": the team's direct members, then the members of its
   * child teams at any depth who are not direct members, with `inherited: true`.
   * https://docs.github.com/rest/teams/members#list-team-members ("Team members
   * will include the members of child teams"; the `team-member` schema's
   * `inherited`). GitHub does not document an inherited member's role; the
   * sandbox says "member".
   */
  teamListing(team: Team): TeamListing[] {
    const listed = new Map<string, TeamListing>();
    const maintainers = new Set(team.maintainers.map((m) => m.toLowerCase()));
    for (const login of team.members)
      listed.set(login.toLowerCase(), { login, role: maintainers.has(login.toLowerCase()) ? "maintainer" : "member", inherited: false });
    const queue = this.childTeams(team);
    const visited = new Set<number>([team.id]);
    for (let child = queue.shift(); child; child = queue.shift()) {
      if (visited.has(child.id)) continue;
      visited.add(child.id);
      for (const login of child.members) if (!listed.has(login.toLowerCase())) listed.set(login.toLowerCase(), { login, role: "member", inherited: true });
      queue.push(...this.childTeams(child));
    }
    return [...listed.values()];
  }

  /** The app's installation on an account, if any. */
  installationFor(login: string): Installation | undefined {
    return this.installations.find((i) => i.account.login.toLowerCase() === login.toLowerCase());
  }

  /** Whether the installation was granted the repository: one of its account's, and all of them or among those selected. */
  covers(params: { installation: Installation; repo: Repo }): boolean {
    const { installation, repo } = params;
    if (installation.account.login.toLowerCase() !== repo.owner.login.toLowerCase()) return false;
    return installation.repositorySelection === "all" || installation.repositoryIds.has(repo.id);
  }

  /** The installation that was granted the repository, if any: its events reach the app, and its token may act there. */
  installationOf(repo: Repo): Installation | undefined {
    const installation = this.installationFor(repo.owner.login);
    return installation && this.covers({ installation, repo }) ? installation : undefined;
  }

  /** Adds a label change to an issue's event log, at the clock's instant. Events are numbered apart from everything else, as on GitHub. */
  logLabel(params: { issue: Issue; label: string; added: boolean; actor: Account; viaApp: boolean }): void {
    const { issue, label, actor, viaApp } = params;
    issue.events.push({ id: ++this.lastEventId, event: params.added ? "labeled" : "unlabeled", label, actor, viaApp, createdAt: this.clock.iso() });
  }

  /** A branch name, a full or abbreviated commit id, or `refs/heads/…`, as the API accepts them. */
  resolveRef(params: { repo: Repo; ref: string }): string | null {
    const name = params.ref.replace(/^refs\/heads\//, "");
    return params.repo.branches.get(name) ?? params.repo.graph.find(params.ref)?.sha ?? null;
  }
}
