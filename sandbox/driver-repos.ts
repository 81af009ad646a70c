import { applyChanges, CommitGraph, type Commit } from "./model/git.js";
import type { Installation, Repo } from "./model/store.js";
import { DriverBase, type FileChanges } from "./driver-base.js";

/**
 * Repositories, installations, teams, and the history of branches: what
 * people do to a repository rather than on its issues and pull requests.
 */
export class RepositoryActions extends DriverBase {
  /**
   * Installs the app on an account (an organization unless it exists as a
   * user): on all its repositories, or with `selected`, only on those granted
   * later (`createRepo`, `grantRepository`).
   */
  installApp(params: { account: string; suspended?: boolean; selected?: boolean }): Installation {
    const { store } = this;
    const existing = store.installationFor(params.account);
    if (existing) return existing;
    const installation: Installation = {
      id: store.nextId(),
      account: store.account({ login: params.account, type: "Organization" }),
      suspendedAt: params.suspended ? store.clock.iso() : null,
      createdAt: store.clock.iso(),
      repositorySelection: params.selected ? "selected" : "all",
      repositoryIds: new Set(),
    };
    store.installations.push(installation);
    return installation;
  }

  /**
   * A repository whose default branch holds `files`, plus a MAINTAINERS.md
   * listing `maintainers` when given; public unless `private`. The app is
   * installed on the owner unless `install` is false; an installation with
   * selected repositories is granted the new one too, unless `install` is
   * false (as when whoever creates it can't change the installation).
   */
  createRepo(params: { repo: string; files?: FileChanges; maintainers?: string[]; defaultBranch?: string; install?: boolean; private?: boolean }): void {
    const { store } = this;
    const [owner = "", name = ""] = params.repo.split("/");
    if (store.repo({ owner, name })) throw new Error(`${params.repo} exists already`);
    const account = store.account({ login: owner, type: "Organization" });
    const installation = params.install === false ? undefined : this.installApp({ account: owner });
    const defaultBranch = params.defaultBranch ?? "main";
    const graph = new CommitGraph();
    const maintainers: FileChanges = params.maintainers ? { "MAINTAINERS.md": maintainersFile(params.maintainers) } : {};
    const tree = applyChanges({ tree: new Map(), changes: { ...maintainers, ...params.files } });
    const root = graph.add({ parents: [], tree, message: "Initial commit", author: owner, date: store.clock.iso() });
    const repo: Repo = {
      id: store.nextId(),
      owner: account,
      name,
      defaultBranch,
      graph,
      branches: new Map([[defaultBranch, root.sha]]),
      labels: new Map(),
      issues: new Map(),
      checkRuns: [],
      createdAt: store.clock.iso(),
      private: params.private ?? false,
    };
    store.repos.set(params.repo.toLowerCase(), repo);
    installation?.repositoryIds.add(repo.id);
  }

  /** A maintainer creates a repository label (no webhook Gavel subscribes to). Its spelling is the one issues then carry. */
  createLabel(params: { repo: string; name: string }): void {
    this.ensureLabel({ repo: this.store.requireRepo(params.repo), name: params.name });
  }

  /**
   * An owner of the account grants (or, with `revoke`, takes away) the app's
   * installation one repository, on an installation with selected
   * repositories; GitHub tells the app with `installation_repositories`.
   * https://docs.github.com/webhooks/webhook-events-and-payloads#installation_repositories
   */
  grantRepository(params: { repo: string; by: string; revoke?: boolean }): void {
    const { store } = this;
    store.clock.advance(this.deps.tickMs);
    const repo = store.requireRepo(params.repo);
    const installation = store.installationFor(repo.owner.login);
    if (installation?.repositorySelection !== "selected") throw new Error(`the app's installation on ${repo.owner.login} does not have selected repositories`);
    const granted = installation.repositoryIds.has(repo.id);
    if (granted !== Boolean(params.revoke)) return;
    if (params.revoke) installation.repositoryIds.delete(repo.id);
    else installation.repositoryIds.add(repo.id);
    this.events.installationRepositories({ installation, repos: [repo], added: !params.revoke, sender: store.account({ login: params.by }) });
  }

  /**
   * An org team with active members (and pending invitations, which GitHub
   * does not list as members). `maintainers` are members whose role on the
   * team is maintainer. A team with a `parent` is its child team: its members
   * are listed among the parent's too, as inherited.
   */
  createTeam(params: { org: string; slug: string; members: string[]; maintainers?: string[]; pending?: string[]; parent?: string }): void {
    const { store } = this;
    if (params.parent !== undefined && !store.team({ org: params.org, slug: params.parent }))
      throw new Error(`the sandbox has no team @${params.org}/${params.parent}`);
    const maintainers = params.maintainers ?? [];
    const members = [...params.members, ...maintainers.filter((m) => !params.members.some((x) => x.toLowerCase() === m.toLowerCase()))];
    store.teams.set(`${params.org}/${params.slug}`.toLowerCase(), {
      id: store.nextId(),
      org: params.org,
      slug: params.slug,
      members,
      maintainers,
      pending: params.pending ?? [],
      parent: params.parent ?? null,
    });
  }

  /** Whether the org's team member listings carry `role` and `inherited` (GitHub: "only when the feature is enabled for the organization"). */
  setTeamMembershipDetails(params: { org: string; shown: boolean }): void {
    const key = params.org.toLowerCase();
    if (params.shown) this.store.orgsWithoutMembershipDetails.delete(key);
    else this.store.orgsWithoutMembershipDetails.add(key);
  }

  /**
   * Renames a repository; its issues, comments and check runs stay, under the
   * new name. GitHub sends `repository.renamed` to apps that subscribe to it.
   * https://docs.github.com/repositories/creating-and-managing-repositories/renaming-a-repository
   * https://docs.github.com/webhooks/webhook-events-and-payloads#repository
   */
  renameRepo(params: { repo: string; name: string; user: string }): string {
    const { repo, user } = this.act({ repo: params.repo, login: params.user });
    const fullName = `${repo.owner.login}/${params.name}`;
    if (this.store.repos.has(fullName.toLowerCase())) throw new Error(`${fullName} exists already`);
    const from = repo.name;
    this.store.repos.delete(params.repo.toLowerCase());
    repo.name = params.name;
    this.store.repos.set(fullName.toLowerCase(), repo);
    this.events.repositoryRenamed({ repo, from, sender: user });
    return fullName;
  }

  /**
   * Pushes `commits` (each one commit's changes, in order) to a branch, which
   * is created from `from` (a branch; default the default branch) if it
   * doesn't exist; returns
   * the new head. GitHub sends one `push` for the whole push, whatever the
   * branch. (The driver's pushes to a pull request's branch send only
   * `pull_request.synchronize`.)
   * https://docs.github.com/webhooks/webhook-events-and-payloads#push
   */
  pushToBranch(params: { repo: string; branch: string; author: string; commits: FileChanges[]; message?: string; from?: string }): string {
    const { repo, user } = this.act({ repo: params.repo, login: params.author });
    const existing = repo.branches.get(params.branch);
    if (params.from !== undefined && (existing !== undefined || !repo.branches.has(params.from)))
      throw new Error(`${params.repo}: ${params.branch} exists, or ${params.from} doesn't`);
    let head = existing ?? repo.branches.get(params.from ?? repo.defaultBranch) ?? "";
    const pushed: Commit[] = [];
    for (const changes of params.commits) {
      const commit = this.commit({ repo, parent: head, changes, message: params.message ?? "Update", author: params.author });
      pushed.push(commit);
      head = commit.sha;
    }
    repo.branches.set(params.branch, head);
    this.events.push({
      repo,
      branch: params.branch,
      before: existing ?? "0".repeat(40),
      commits: pushed,
      pusher: user,
      created: existing === undefined,
      after: head,
    });
    return head;
  }

  /**
   * Force-pushes a branch to another branch's commit (`onto`), rewriting its
   * history: GitHub sends `push` with `forced: true`. A PR based on the
   * branch gets no event of its own: its diff (from the merge base) changes
   * under it.
   * https://docs.github.com/webhooks/webhook-events-and-payloads#push
   */
  forcePushBranch(params: { repo: string; branch: string; author: string; onto: string }): string {
    const { repo, user } = this.act({ repo: params.repo, login: params.author });
    const before = repo.branches.get(params.branch);
    const after = repo.branches.get(params.onto);
    if (before === undefined || after === undefined) throw new Error(`${params.repo} needs both branches ${params.branch} and ${params.onto}`);
    repo.branches.set(params.branch, after);
    this.events.push({ repo, branch: params.branch, before, commits: [], pusher: user, after, forced: true });
    return after;
  }

  /** Pushes one commit to the default branch (a merge, or a direct push); returns the new head. */
  pushToDefaultBranch(params: { repo: string; author: string; files: FileChanges; message?: string }): string {
    const repo = this.store.requireRepo(params.repo);
    return this.pushToBranch({
      repo: params.repo,
      branch: repo.defaultBranch,
      author: params.author,
      commits: [params.files],
      ...(params.message ? { message: params.message } : {}),
    });
  }

  /**
   * GitHub loses a commit no branch reaches any more, as after a force-push
   * (garbage collection), or one deleted on request. A review given on it
   * then reports `commit_id: null`, as GitHub's description of a review says.
   * https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request
   */
  forgetCommit(params: { repo: string; sha: string }): void {
    const repo = this.store.requireRepo(params.repo);
    for (const [branch, head] of repo.branches) {
      if (repo.graph.ancestry(head).has(params.sha)) throw new Error(`${params.sha.slice(0, 7)} is still on ${branch}: GitHub keeps it`);
    }
    repo.graph.forget(params.sha);
  }
}

/** A MAINTAINERS.md in the common table style. */
export function maintainersFile(logins: string[]): string {
  const rows = logins.map((login) => `| ${login[0]?.toUpperCase() ?? ""}${login.slice(1)} | @${login} |`);
  return ["# Maintainers", "", "| Name | GitHub |", "| --- | --- |", ...rows, ""].join("\n");
}
