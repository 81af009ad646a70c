import type {
  Account,
  AppIdentity,
  CheckRun,
  Comment,
  Installation,
  Issue,
  IssueEvent,
  Repo,
  RepoLabel,
  Review,
  Store,
  Team,
  TeamListing,
} from "../model/store.js";
import type { JsonRecord } from "../openapi/schema-doc.js";

/** Where people would look: the links in Gavel's messages point here, as on github.com. */
export const WEB = "https://github.com";

/** The permissions the sandbox's app is granted: those of Gavel's manifest (app.yml). */
export const APP_PERMISSIONS = {
  checks: "write",
  pull_requests: "write",
  issues: "write",
  contents: "read",
  members: "read",
  merge_queues: "read",
  metadata: "read",
};

/**
 * GitHub's objects as the sandbox models them: the fields an app reasons
 * about, with the URLs GitHub derives from them. The server and the webhook
 * emitter complete these into the full shapes of GitHub's descriptions
 * (`fillSchema`), so one presenter serves REST responses and webhook payloads.
 */
export class Presenter {
  private readonly store: Store;
  /** The API's base URL, e.g. `http://127.0.0.1:4321`. */
  readonly api: string;

  constructor(params: { store: Store; api: string }) {
    this.store = params.store;
    this.api = params.api;
  }

  user(account: Account): JsonRecord {
    const { login, id, type } = account;
    const url = type === "Organization" ? `${this.api}/orgs/${login}` : `${this.api}/users/${login}`;
    return {
      login,
      id,
      node_id: nodeId({ kind: type === "Organization" ? "O" : "U", id }),
      type,
      site_admin: false,
      url,
      html_url: `${WEB}/${login}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: "",
    };
  }

  /** A row of "List team members": the user, with `role` and `inherited` unless the org lacks that feature (`team-member` schema). */
  teamMember(params: { team: Team; listing: TeamListing }): JsonRecord {
    const { team, listing } = params;
    const user = this.user(this.store.account({ login: listing.login }));
    if (this.store.orgsWithoutMembershipDetails.has(team.org.toLowerCase())) return user;
    return { ...user, role: listing.role, inherited: listing.inherited };
  }

  /** https://docs.github.com/rest/teams/teams#get-a-team-by-name (the `team` schema), with its parent as a `team-simple`. */
  team(team: Team): JsonRecord {
    const parent = team.parent === null ? undefined : this.store.team({ org: team.org, slug: team.parent });
    return { ...this.teamSimple(team), parent: parent ? this.teamSimple(parent) : null };
  }

  private teamSimple(team: Team): JsonRecord {
    const url = `${this.api}/orgs/${team.org}/teams/${team.slug}`;
    return {
      id: team.id,
      node_id: nodeId({ kind: "T", id: team.id }),
      name: team.slug,
      slug: team.slug,
      description: null,
      privacy: "closed",
      notification_setting: "notifications_enabled",
      permission: "pull",
      url,
      html_url: `${WEB}/orgs/${team.org}/teams/${team.slug}`,
      members_url: `${url}/members{/member}`,
      repositories_url: `${url}/repos`,
      type: "organization",
    };
  }

  organization(account: Account): JsonRecord {
    return {
      login: account.login,
      id: account.id,
      node_id: nodeId({ kind: "O", id: account.id }),
      url: `${this.api}/orgs/${account.login}`,
      description: null,
    };
  }

  repository(repo: Repo): JsonRecord {
    const fullName = `${repo.owner.login}/${repo.name}`;
    const url = `${this.api}/repos/${fullName}`;
    return {
      id: repo.id,
      node_id: nodeId({ kind: "R", id: repo.id }),
      name: repo.name,
      full_name: fullName,
      owner: this.user(repo.owner),
      private: repo.private,
      visibility: repo.private ? "private" : "public",
      html_url: `${WEB}/${fullName}`,
      url,
      issues_url: `${url}/issues{/number}`,
      pulls_url: `${url}/pulls{/number}`,
      default_branch: repo.defaultBranch,
      description: null,
      fork: false,
      created_at: repo.createdAt,
      updated_at: repo.createdAt,
      pushed_at: repo.createdAt,
      has_issues: true,
    };
  }

  label(params: { repo: Repo; name: string }): JsonRecord {
    const { repo, name } = params;
    const label: RepoLabel = repo.labels.get(name.toLowerCase()) ?? { id: 0, name, color: "ededed", description: null };
    return {
      id: label.id,
      node_id: nodeId({ kind: "L", id: label.id }),
      url: `${this.api}/repos/${repo.owner.login}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      color: label.color,
      description: label.description,
      default: false,
    };
  }

  app(): JsonRecord {
    const app: AppIdentity = this.store.app;
    return {
      id: app.id,
      slug: app.slug,
      node_id: nodeId({ kind: "A", id: app.id }),
      client_id: `Iv1.sandbox${app.id}`,
      owner: this.user(app.owner),
      name: app.name,
      description: "",
      external_url: `${WEB}/apps/${app.slug}`,
      html_url: `${WEB}/apps/${app.slug}`,
      created_at: app.createdAt,
      updated_at: app.createdAt,
      permissions: APP_PERMISSIONS,
      events: app.events,
    };
  }

  installation(installation: Installation): JsonRecord {
    const app = this.store.app;
    return {
      id: installation.id,
      account: this.user(installation.account),
      app_id: app.id,
      app_slug: app.slug,
      target_id: installation.account.id,
      target_type: installation.account.type,
      repository_selection: installation.repositorySelection,
      access_tokens_url: `${this.api}/app/installations/${installation.id}/access_tokens`,
      repositories_url: `${this.api}/installation/repositories`,
      html_url: `${WEB}/organizations/${installation.account.login}/settings/installations/${installation.id}`,
      events: app.events,
      permissions: APP_PERMISSIONS,
      created_at: installation.createdAt,
      updated_at: installation.createdAt,
      single_file_name: null,
      suspended_at: installation.suspendedAt,
      suspended_by: null,
    };
  }

  issue(params: { repo: Repo; issue: Issue }): JsonRecord {
    const { repo, issue } = params;
    const url = `${this.api}/repos/${repo.owner.login}/${repo.name}/issues/${issue.number}`;
    const html = `${WEB}/${repo.owner.login}/${repo.name}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
    return {
      id: issue.id,
      node_id: nodeId({ kind: "I", id: issue.id }),
      url,
      repository_url: `${this.api}/repos/${repo.owner.login}/${repo.name}`,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: html,
      number: issue.number,
      state: issue.state,
      title: issue.title,
      body: issue.body,
      user: this.user(issue.user),
      labels: issue.labels.map((name) => this.label({ repo, name })),
      locked: false,
      comments: issue.comments.length,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_at: issue.closedAt,
      author_association: this.association({ repo, account: issue.user }),
      ...(issue.pull
        ? {
            pull_request: {
              url: `${this.api}/repos/${repo.owner.login}/${repo.name}/pulls/${issue.number}`,
              html_url: html,
              diff_url: `${html}.diff`,
              patch_url: `${html}.patch`,
              merged_at: null,
            },
          }
        : {}),
    };
  }

  /**
   * A PR as "Get a pull request" and webhooks show it; `simple` is the
   * shorter form "List pull requests" returns (`pull-request-simple`: no
   * diff statistics, so none is computed).
   * https://docs.github.com/rest/pulls/pulls#list-pull-requests
   */
  pull(params: { repo: Repo; issue: Issue; simple?: boolean }): JsonRecord {
    const { repo, issue } = params;
    const pull = issue.pull;
    if (!pull) throw new Error(`#${issue.number} is not a pull request`);
    const url = `${this.api}/repos/${repo.owner.login}/${repo.name}/pulls/${issue.number}`;
    const html = `${WEB}/${repo.owner.login}/${repo.name}/pull/${issue.number}`;
    const head = repo.branches.get(pull.headRef) ?? "";
    const base = repo.branches.get(pull.baseRef) ?? "";
    const side = (branch: { ref: string; sha: string }) => ({
      label: `${repo.owner.login}:${branch.ref}`,
      ...branch,
      user: this.user(repo.owner),
      repo: this.repository(repo),
    });
    const headSide = pull.fork ? this.forkSide({ repo, fork: pull.fork, ref: pull.headRef, sha: head }) : side({ ref: pull.headRef, sha: head });
    const simple: JsonRecord = {
      ...this.issue({ repo, issue }),
      id: pull.id,
      node_id: nodeId({ kind: "PR", id: pull.id }),
      url,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${this.api}/repos/${repo.owner.login}/${repo.name}/issues/${issue.number}`,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${this.api}/repos/${repo.owner.login}/${repo.name}/pulls/comments{/number}`,
      statuses_url: `${this.api}/repos/${repo.owner.login}/${repo.name}/statuses/${head}`,
      pull_request: undefined,
      // GitHub's description types a PR's label description as a plain string (an issue's may be null).
      labels: issue.labels.map((name) => ({ ...this.label({ repo, name }), description: this.label({ repo, name }).description ?? "" })),
      draft: pull.draft,
      head: headSide,
      base: side({ ref: pull.baseRef, sha: base }),
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      milestone: null,
      auto_merge: null,
      _links: {
        self: { href: url },
        html: { href: html },
        issue: { href: `${url.replace("/pulls/", "/issues/")}` },
        comments: { href: `${url.replace("/pulls/", "/issues/")}/comments` },
        review_comments: { href: `${url}/comments` },
        review_comment: { href: `${url}/comments{/number}` },
        commits: { href: `${url}/commits` },
        statuses: { href: `${this.api}/repos/${repo.owner.login}/${repo.name}/statuses/${head}` },
      },
    };
    if (params.simple) {
      // The simple form has no comments count either: it is an issue's field, not a pull-request-simple's.
      delete simple.comments;
      return simple;
    }
    const comparison = repo.graph.compare({ base, head });
    const files = comparison?.files ?? [];
    return {
      ...simple,
      merged: false,
      mergeable: null,
      mergeable_state: "unknown",
      merged_by: null,
      maintainer_can_modify: false,
      rebaseable: null,
      review_comments: 0,
      commits: comparison?.aheadBy ?? 0,
      additions: files.reduce((sum, f) => sum + f.additions, 0),
      deletions: files.reduce((sum, f) => sum + f.deletions, 0),
      changed_files: files.length,
    };
  }

  /**
   * A comment; one made with the app's installation token is the app's bot account's, with `performed_via_github_app`
   * ("authenticate as an app installation when you want to attribute app activity to the app":
   * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/about-authentication-with-a-github-app).
   * The docs don't say when `performed_via_github_app` is set; the `issue-comment` schema has the field.
   */
  comment(params: { repo: Repo; comment: Comment }): JsonRecord {
    const { repo, comment } = params;
    const issue = repo.issues.get(comment.issueNumber);
    const issueUrl = `${this.api}/repos/${repo.owner.login}/${repo.name}/issues/${comment.issueNumber}`;
    const html = `${WEB}/${repo.owner.login}/${repo.name}/${issue?.pull ? "pull" : "issues"}/${comment.issueNumber}#issuecomment-${comment.id}`;
    return {
      id: comment.id,
      node_id: nodeId({ kind: "IC", id: comment.id }),
      url: `${this.api}/repos/${repo.owner.login}/${repo.name}/issues/comments/${comment.id}`,
      html_url: html,
      issue_url: issueUrl,
      body: comment.body,
      user: this.user(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
      author_association: this.association({ repo, account: comment.user }),
      performed_via_github_app: comment.viaApp ? this.app() : null,
    };
  }

  /** A `labeled`/`unlabeled` entry of "List issue events" (the `labeled-issue-event` schema). */
  issueEvent(params: { repo: Repo; event: IssueEvent }): JsonRecord {
    const { repo, event } = params;
    const label = repo.labels.get(event.label.toLowerCase());
    return {
      id: event.id,
      node_id: nodeId({ kind: "LE", id: event.id }),
      url: `${this.api}/repos/${repo.owner.login}/${repo.name}/issues/events/${event.id}`,
      actor: this.user(event.actor),
      event: event.event,
      commit_id: null,
      commit_url: null,
      created_at: event.createdAt,
      performed_via_github_app: event.viaApp ? this.app() : null,
      label: { name: label?.name ?? event.label, color: label?.color ?? "ededed" },
    };
  }

  review(params: { repo: Repo; issue: Issue; review: Review }): JsonRecord {
    const { repo, issue, review } = params;
    const prUrl = `${this.api}/repos/${repo.owner.login}/${repo.name}/pulls/${issue.number}`;
    const html = `${WEB}/${repo.owner.login}/${repo.name}/pull/${issue.number}#pullrequestreview-${review.id}`;
    return {
      id: review.id,
      node_id: nodeId({ kind: "PRR", id: review.id }),
      user: this.user(review.user),
      body: review.body,
      state: review.state,
      html_url: html,
      pull_request_url: prUrl,
      _links: { html: { href: html }, pull_request: { href: prUrl } },
      submitted_at: review.submittedAt,
      // "If the commit object was garbage collected or forcibly deleted, then it no longer exists in Git and this value will be `null`."
      commit_id: repo.graph.get(review.commitId) ? review.commitId : null,
      author_association: this.association({ repo, account: review.user }),
    };
  }

  checkRun(params: { repo: Repo; run: CheckRun }): JsonRecord {
    const { repo, run } = params;
    const url = `${this.api}/repos/${repo.owner.login}/${repo.name}/check-runs/${run.id}`;
    const pulls = runPulls({ repo, headSha: run.headSha });
    return {
      id: run.id,
      node_id: nodeId({ kind: "CR", id: run.id }),
      head_sha: run.headSha,
      external_id: run.externalId,
      url,
      html_url: `${WEB}/${repo.owner.login}/${repo.name}/runs/${run.id}`,
      details_url: run.detailsUrl ?? `${WEB}/apps/${this.store.app.slug}`,
      status: run.status,
      conclusion: run.conclusion,
      started_at: run.startedAt,
      completed_at: run.completedAt,
      name: run.name,
      output: { ...run.output, annotations_count: 0, annotations_url: `${url}/annotations` },
      check_suite: { id: run.id + 500_000 },
      app: this.app(),
      pull_requests: pulls.map((i) => this.pullRef({ repo, issue: i })),
    };
  }

  /** The minimal PR GitHub embeds in check runs. */
  pullRef(params: { repo: Repo; issue: Issue }): JsonRecord {
    const { repo, issue } = params;
    const pull = issue.pull;
    const mini = { id: repo.id, url: `${this.api}/repos/${repo.owner.login}/${repo.name}`, name: repo.name };
    const side = (ref: string) => ({ ref, sha: repo.branches.get(ref) ?? "", repo: mini });
    return {
      id: pull?.id ?? 0,
      number: issue.number,
      url: `${this.api}/repos/${repo.owner.login}/${repo.name}/pulls/${issue.number}`,
      head: side(pull?.headRef ?? ""),
      base: side(pull?.baseRef ?? ""),
    };
  }

  /** The head of a PR from a fork: the fork's owner and repository, which the sandbox does not otherwise hold. */
  private forkSide(params: { repo: Repo; fork: string; ref: string; sha: string }): JsonRecord {
    const { repo, fork, ref, sha } = params;
    const [login = "", name = ""] = fork.split("/");
    const owner = this.store.account({ login });
    const url = `${this.api}/repos/${fork}`;
    const base = this.repository(repo);
    const forked: JsonRecord = {
      ...base,
      id: repo.id * 1000 + owner.id,
      node_id: nodeId({ kind: "R", id: repo.id * 1000 + owner.id }),
      name,
      full_name: fork,
      owner: this.user(owner),
      html_url: `${WEB}/${fork}`,
      url,
      issues_url: `${url}/issues{/number}`,
      pulls_url: `${url}/pulls{/number}`,
      fork: true,
    };
    return { label: `${login}:${ref}`, ref, sha, user: this.user(owner), repo: forked };
  }

  /**
   * MEMBER for a member of one of the owner's teams, OWNER for the owner itself, else NONE. A simplification: GitHub's
   * MEMBER is any member of the organization, and it also says COLLABORATOR, CONTRIBUTOR and others. Gavel reads none.
   */
  private association(params: { repo: Repo; account: Account }): string {
    const { repo, account } = params;
    if (account.login.toLowerCase() === repo.owner.login.toLowerCase()) return "OWNER";
    const member = [...this.store.teams.values()].some(
      (t) => t.org.toLowerCase() === repo.owner.login.toLowerCase() && t.members.some((m) => m.toLowerCase() === account.login.toLowerCase()),
    );
    return member ? "MEMBER" : "NONE";
  }
}

/** A stable GraphQL-style global id. */
export function nodeId(params: { kind: string; id: number }): string {
  return Buffer.from(`${params.kind}_${params.id}`).toString("base64").replace(/=+$/, "");
}

/**
 * The open PRs of this repository whose head is `headSha`, as check runs and
 * suites list them: "Pushes to a branch in a forked repository are not
 * detected and return an empty pull_requests array."
 * https://docs.github.com/rest/checks/runs#get-a-check-run
 */
export function runPulls(params: { repo: Repo; headSha: string }): Issue[] {
  const { repo, headSha } = params;
  return [...repo.issues.values()].filter((i) => i.pull && !i.pull.fork && i.state === "open" && repo.branches.get(i.pull.headRef) === headSha);
}
