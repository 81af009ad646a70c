import type { Commit } from "../model/git.js";
import type { Account, CheckRun, Comment, Installation, Issue, Repo, Review, Store } from "../model/store.js";
import { fillSchema } from "../openapi/fill-schema.js";
import { isRecord, type JsonRecord } from "../openapi/schema-doc.js";
import { validateSchema } from "../openapi/validate-schema.js";
import type { WebhookDescription } from "../openapi/webhook-description.js";
import { checkSuiteShape } from "../shapes/check-suite.js";
import { nodeId, type Presenter } from "../shapes/presenter.js";
import type { Delivery, DeliveryQueue } from "./deliveries.js";

/** https://docs.github.com/webhooks/webhook-events-and-payloads#push: "The array includes a maximum of 2048 commits." */
const PUSH_COMMITS_LISTED = 2048;

/** A push payload's commit reports at most this many changed files (webhook-push, `commits[].added`). */
const PUSH_FILES_LISTED = 3000;

/** A commit's changed files as a push payload reports them: added, then removed, then modified, cut at PUSH_FILES_LISTED. */
function reportedFiles(all: { added: string[]; removed: string[]; modified: string[] }): { added: string[]; removed: string[]; modified: string[] } {
  let room = PUSH_FILES_LISTED;
  const take = (list: string[]) => {
    const kept = list.slice(0, Math.max(0, room));
    room -= kept.length;
    return kept;
  };
  return { added: take(all.added), removed: take(all.removed), modified: take(all.modified) };
}

/**
 * The webhooks GitHub sends for each change, whoever made it: the driver's
 * people or the app itself through the API (GitHub tells an app about its
 * own writes too, and the app must ignore them). Payloads carry the standard
 * envelope (repository, installation, sender, organization) and are completed
 * to, and checked against, the shapes of `@octokit/openapi-webhooks`.
 * Only events the app subscribes to are delivered (and the installation
 * events every app receives), only from repositories the installation was
 * granted, and only to an installation that is not suspended.
 */
export class GitHubEvents {
  constructor(
    private readonly deps: {
      store: Store;
      presenter: Presenter;
      description: WebhookDescription;
      queue: DeliveryQueue;
      problem: (message: string) => void;
    },
  ) {}

  pullRequest(params: { repo: Repo; issue: Issue; action: string; sender: Account; extra?: JsonRecord }): Delivery | null {
    const { repo, issue } = params;
    return this.emit({
      event: "pull_request",
      action: params.action,
      repo,
      sender: params.sender,
      fields: { number: issue.number, pull_request: this.deps.presenter.pull({ repo, issue }), ...params.extra },
    });
  }

  /** `labeled`/`unlabeled`: pull_request events on a PR, issues events on an issue. */
  label(params: { repo: Repo; issue: Issue; name: string; added: boolean; sender: Account }): Delivery | null {
    const { repo, issue } = params;
    const action = params.added ? "labeled" : "unlabeled";
    const label = this.deps.presenter.label({ repo, name: params.name });
    if (issue.pull) return this.pullRequest({ repo, issue, action, sender: params.sender, extra: { label } });
    return this.emit({ event: "issues", action, repo, sender: params.sender, fields: { issue: this.deps.presenter.issue({ repo, issue }), label } });
  }

  issueOpened(params: { repo: Repo; issue: Issue }): Delivery | null {
    const { repo, issue } = params;
    return this.emit({ event: "issues", action: "opened", repo, sender: issue.user, fields: { issue: this.deps.presenter.issue({ repo, issue }) } });
  }

  issueClosed(params: { repo: Repo; issue: Issue; sender: Account }): Delivery | null {
    const { repo, issue } = params;
    return this.emit({ event: "issues", action: "closed", repo, sender: params.sender, fields: { issue: this.deps.presenter.issue({ repo, issue }) } });
  }

  repositoryRenamed(params: { repo: Repo; from: string; sender: Account }): Delivery | null {
    return this.emit({
      event: "repository",
      action: "renamed",
      repo: params.repo,
      sender: params.sender,
      fields: { changes: { repository: { name: { from: params.from } } } },
    });
  }

  review(params: { repo: Repo; issue: Issue; review: Review; action: "submitted" | "dismissed"; sender: Account }): Delivery | null {
    const { repo, issue, review } = params;
    const { presenter } = this.deps;
    // Webhooks spell a review's state in lower case (`approved`), the REST API in upper case (`APPROVED`):
    // the description of `pull_request_review.dismissed` enumerates "dismissed", "approved", "changes_requested".
    const shown = { ...presenter.review({ repo, issue, review }), state: review.state.toLowerCase() };
    return this.emit({
      event: "pull_request_review",
      action: params.action,
      repo,
      sender: params.sender,
      fields: { review: shown, pull_request: presenter.pull({ repo, issue }) },
    });
  }

  issueComment(params: {
    repo: Repo;
    issue: Issue;
    comment: Comment;
    action: "created" | "edited" | "deleted";
    sender: Account;
    previousBody?: string;
  }): Delivery | null {
    const { repo, issue, comment } = params;
    const { presenter } = this.deps;
    const changes = params.previousBody === undefined ? {} : { changes: { body: { from: params.previousBody } } };
    return this.emit({
      event: "issue_comment",
      action: params.action,
      repo,
      sender: params.sender,
      fields: { issue: presenter.issue({ repo, issue }), comment: presenter.comment({ repo, comment }), ...changes },
    });
  }

  /**
   * A push's `commits` lists at most 2,048 commits, as GitHub's description
   * of the payload says; `created` for a push that made the branch, whose
   * `after` is the branch's commit even when the push brought no new commit.
   * https://docs.github.com/webhooks/webhook-events-and-payloads#push
   */
  push(params: {
    repo: Repo;
    branch: string;
    before: string;
    commits: Commit[];
    pusher: Account;
    created?: boolean;
    after?: string;
    forced?: boolean;
  }): Delivery | null {
    const { repo } = params;
    const commits = params.commits.slice(0, PUSH_COMMITS_LISTED);
    const after = params.after ?? params.commits.at(-1)?.sha ?? params.before;
    const fullName = `${repo.owner.login}/${repo.name}`;
    const shaped = commits.map((c) => {
      const parent = repo.graph.get(c.parents[0] ?? "");
      const files = parent ? (repo.graph.compare({ base: parent.sha, head: c.sha })?.files ?? []) : [];
      // "A maximum of 3000 changed files will be reported per commit", over added, removed and modified together.
      const listed = reportedFiles({
        added: files.filter((f) => f.status === "added" || f.status === "renamed").map((f) => f.filename),
        removed: files
          .filter((f) => f.status === "removed")
          .map((f) => f.filename)
          .concat(files.flatMap((f) => (f.previousFilename ? [f.previousFilename] : []))),
        modified: files.filter((f) => f.status === "modified").map((f) => f.filename),
      });
      const person = { name: c.author, email: `${c.author}@users.noreply.github.com`, username: c.author };
      return {
        id: c.sha,
        tree_id: c.sha,
        distinct: true,
        message: c.message,
        timestamp: c.date,
        url: `https://github.com/${fullName}/commit/${c.sha}`,
        author: person,
        committer: person,
        ...listed,
      };
    });
    return this.emit({
      event: "push",
      action: null,
      repo,
      sender: params.pusher,
      fields: {
        ref: `refs/heads/${params.branch}`,
        before: params.before,
        after,
        created: params.created ?? false,
        deleted: false,
        forced: params.forced ?? false,
        base_ref: null,
        compare: `https://github.com/${fullName}/compare/${params.before.slice(0, 12)}...${after.slice(0, 12)}`,
        commits: shaped,
        head_commit: shaped.at(-1) ?? null,
        pusher: { name: params.pusher.login, email: `${params.pusher.login}@users.noreply.github.com` },
      },
    });
  }

  checkRun(params: { repo: Repo; run: CheckRun; action: "created" | "completed" | "rerequested"; sender: Account }): Delivery | null {
    const { repo, run } = params;
    return this.emit({
      event: "check_run",
      action: params.action,
      repo,
      sender: params.sender,
      fields: { check_run: this.deps.presenter.checkRun({ repo, run }) },
    });
  }

  /**
   * A merge queue built a merge group and asks for its required checks:
   * `merge_group.checks_requested`, with the group's head, its parent
   * (`base_sha`: the previous group's head, or the branch's) and its
   * `gh-readonly-queue/{base}/pr-{number}-{base sha}` ref.
   * https://docs.github.com/webhooks/webhook-events-and-payloads#merge_group
   * https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue
   */
  mergeGroup(params: { repo: Repo; head: Commit; headRef: string; baseSha: string; baseRef: string; sender: Account }): Delivery | null {
    const { repo, head } = params;
    const person = { name: head.author, email: `${head.author}@users.noreply.github.com` };
    return this.emit({
      event: "merge_group",
      action: "checks_requested",
      repo,
      sender: params.sender,
      fields: {
        merge_group: {
          head_sha: head.sha,
          head_ref: `refs/heads/${params.headRef}`,
          base_sha: params.baseSha,
          base_ref: `refs/heads/${params.baseRef}`,
          head_commit: { id: head.sha, tree_id: head.sha, message: head.message, timestamp: head.date, author: person, committer: person },
        },
      },
    });
  }

  /** A check suite's event: the suite of `run`. */
  checkSuite(params: { repo: Repo; run: CheckRun; action: "rerequested"; sender: Account }): Delivery | null {
    const { repo, run } = params;
    return this.emit({
      event: "check_suite",
      action: params.action,
      repo,
      sender: params.sender,
      fields: { check_suite: checkSuiteShape({ presenter: this.deps.presenter, repo, run }) },
    });
  }

  /**
   * Repositories granted to or taken from an installation with selected
   * repositories. Every app receives `installation_repositories`, whatever
   * it subscribes to: "All GitHub Apps receive this event by default. You
   * cannot manually subscribe to this event."
   * https://docs.github.com/webhooks/webhook-events-and-payloads#installation_repositories
   */
  installationRepositories(params: { installation: Installation; repos: Repo[]; added: boolean; sender: Account }): Delivery | null {
    const { installation, repos, sender } = params;
    const { presenter } = this.deps;
    if (installation.suspendedAt) return null;
    const listed = repos.map((repo) => ({
      id: repo.id,
      node_id: nodeId({ kind: "R", id: repo.id }),
      name: repo.name,
      full_name: `${repo.owner.login}/${repo.name}`,
      private: repo.private,
    }));
    const owner = installation.account;
    return this.deliver({
      event: "installation_repositories",
      action: params.added ? "added" : "removed",
      sender,
      payload: {
        action: params.added ? "added" : "removed",
        installation: presenter.installation(installation),
        repository_selection: installation.repositorySelection,
        repositories_added: params.added ? listed : [],
        repositories_removed: params.added ? [] : listed,
        requester: null,
        ...(owner.type === "Organization" ? { organization: presenter.organization(owner) } : {}),
        sender: presenter.user(sender),
      },
    });
  }

  private emit(params: { event: string; action: string | null; repo: Repo; sender: Account; fields: JsonRecord }): Delivery | null {
    const { store, presenter } = this.deps;
    const installation = store.installationOf(params.repo);
    if (!installation || installation.suspendedAt || !store.app.events.includes(params.event)) return null;
    const owner = params.repo.owner;
    const payload: JsonRecord = {
      ...(params.action === null ? {} : { action: params.action }),
      ...params.fields,
      repository: presenter.repository(params.repo),
      ...(owner.type === "Organization" ? { organization: presenter.organization(owner) } : {}),
      installation: { id: installation.id, node_id: nodeId({ kind: "IN", id: installation.id }) },
      sender: presenter.user(params.sender),
    };
    return this.deliver({ event: params.event, action: params.action, sender: params.sender, payload });
  }

  /** Completes the payload to GitHub's shape, checks it, and queues its delivery. */
  private deliver(params: { event: string; action: string | null; sender: Account; payload: JsonRecord }): Delivery {
    const { store, description, queue } = this.deps;
    const { payload } = params;
    const schema = description.payloadSchema({ event: params.event, action: params.action });
    const filled = fillSchema({ doc: description.doc, schema, value: payload, now: store.clock.iso() });
    const problems = store.checkShapes ? validateSchema({ doc: description.doc, schema, value: filled, at: "payload", strict: false }) : [];
    const name = `${params.event}${params.action ? `.${params.action}` : ""}`;
    for (const p of problems) this.deps.problem(`webhook ${name} does not match GitHub's description: ${p}`);
    const pull = isRecord(filled) ? filled.pull_request : undefined;
    if (store.webhookDialect === "ghes-3.5" && params.event === "pull_request_review" && isRecord(pull)) delete pull.draft;
    return queue.enqueue({ event: params.event, action: params.action, sender: params.sender.login, payload: filled });
  }
}
