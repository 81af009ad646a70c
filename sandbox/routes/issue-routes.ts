import type { Comment, Issue, Repo } from "../model/store.js";
import { isRecord } from "../openapi/schema-doc.js";
import { ApiError, notFound, type ApiRequest, type RouteTable } from "../server/route-types.js";
import { field, issueOf, repoOf, stringField, writer, type RouteContext } from "./route-context.js";

/** GitHub refuses longer comment bodies. */
export const MAX_COMMENT_LENGTH = 65536;

/** Issues (and PRs as issues), their comments and labels. Every write sends the webhook GitHub would. */
export function issueRoutes(ctx: RouteContext): RouteTable {
  const { store, presenter, events } = ctx;
  const commentOf = (request: ApiRequest): { repo: Repo; issue: Issue; comment: Comment } => {
    const repo = repoOf({ ctx, request });
    for (const issue of repo.issues.values()) {
      const comment = issue.comments.find((c) => c.id === Number(request.params.comment_id));
      if (comment) return { repo, issue, comment };
    }
    throw notFound();
  };
  const body = (request: ApiRequest): string => {
    const text = stringField({ body: request.body, key: "body" }) ?? "";
    if (text.length > MAX_COMMENT_LENGTH)
      throw new ApiError({ status: 422, message: `Validation Failed: body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)` });
    return text;
  };

  return {
    "GET /repos/{owner}/{repo}/issues/{issue_number}": (request) => {
      const repo = repoOf({ ctx, request });
      return { status: 200, body: presenter.issue({ repo, issue: issueOf({ repo, number: request.params.issue_number }) }) };
    },

    // https://docs.github.com/rest/issues/comments#list-issue-comments: oldest first.
    "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": (request) => {
      const repo = repoOf({ ctx, request });
      const issue = issueOf({ repo, number: request.params.issue_number });
      const since = request.query.get("since");
      const comments = issue.comments.filter((c) => since === null || c.updatedAt >= since);
      return { status: 200, list: comments.map((comment) => presenter.comment({ repo, comment })) };
    },

    "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": (request) => {
      const repo = repoOf({ ctx, request });
      const issue = issueOf({ repo, number: request.params.issue_number });
      const user = writer({ ctx, request });
      const now = store.clock.iso();
      const comment: Comment = { id: store.nextId(), issueNumber: issue.number, body: body(request), user, viaApp: true, createdAt: now, updatedAt: now };
      issue.comments.push(comment);
      issue.updatedAt = now;
      events.issueComment({ repo, issue, comment, action: "created", sender: user });
      return { status: 201, body: presenter.comment({ repo, comment }) };
    },

    "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": (request) => {
      const { repo, issue, comment } = commentOf(request);
      const previousBody = comment.body;
      comment.body = body(request);
      comment.updatedAt = store.clock.iso();
      events.issueComment({ repo, issue, comment, action: "edited", sender: writer({ ctx, request }), previousBody });
      return { status: 200, body: presenter.comment({ repo, comment }) };
    },

    "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": (request) => {
      const { repo, issue, comment } = commentOf(request);
      issue.comments = issue.comments.filter((c) => c !== comment);
      events.issueComment({ repo, issue, comment, action: "deleted", sender: writer({ ctx, request }) });
      return { status: 204 };
    },

    // https://docs.github.com/rest/issues/events#list-issue-events: the issue's event log, oldest first; label changes are
    // `labeled`/`unlabeled` events naming the actor and, for a change made with an app's token, `performed_via_github_app`
    // (https://docs.github.com/rest/using-the-rest-api/issue-event-types#labeled).
    "GET /repos/{owner}/{repo}/issues/{issue_number}/events": (request) => {
      const repo = repoOf({ ctx, request });
      const issue = issueOf({ repo, number: request.params.issue_number });
      return { status: 200, list: issue.events.map((event) => presenter.issueEvent({ repo, event })) };
    },

    // https://docs.github.com/rest/issues/labels#add-labels-to-an-issue: creates missing repository labels; answers all the issue's labels.
    "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": (request) => {
      const repo = repoOf({ ctx, request });
      const issue = issueOf({ repo, number: request.params.issue_number });
      const sender = writer({ ctx, request });
      for (const name of labelNames(request.body)) {
        if (!repo.labels.has(name.toLowerCase())) repo.labels.set(name.toLowerCase(), { id: store.nextId(), name, color: "ededed", description: null });
        if (issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) continue;
        const spelled = repo.labels.get(name.toLowerCase())?.name ?? name;
        issue.labels.push(spelled);
        issue.updatedAt = store.clock.iso();
        store.logLabel({ issue, label: spelled, added: true, actor: sender, viaApp: true });
        events.label({ repo, issue, name: spelled, added: true, sender });
      }
      return { status: 200, body: issue.labels.map((name) => presenter.label({ repo, name })) };
    },

    "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": (request) => {
      const repo = repoOf({ ctx, request });
      const issue = issueOf({ repo, number: request.params.issue_number });
      const name = issue.labels.find((l) => l.toLowerCase() === (request.params.name ?? "").toLowerCase());
      if (!name) throw new ApiError({ status: 404, message: "Label does not exist" });
      issue.labels = issue.labels.filter((l) => l !== name);
      issue.updatedAt = store.clock.iso();
      const sender = writer({ ctx, request });
      store.logLabel({ issue, label: name, added: false, actor: sender, viaApp: true });
      events.label({ repo, issue, name, added: false, sender });
      return { status: 200, body: issue.labels.map((l) => presenter.label({ repo, name: l })) };
    },
  };
}

/** The body forms GitHub accepts: `{ labels: ["a"] }`, `{ labels: [{ name: "a" }] }` or `["a"]`. */
function labelNames(body: unknown): string[] {
  const list = Array.isArray(body) ? body : field({ body, key: "labels" });
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => (typeof item === "string" ? [item] : isRecord(item) && typeof item.name === "string" ? [item.name] : []));
}
