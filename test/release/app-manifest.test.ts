/**
 * app.yml asks for what Gavel uses, and nothing more:
 * - its `default_events` are the events Gavel's handlers listen to (as
 *   createGavel registers them on a real Probot), less those GitHub sends
 *   every app unasked;
 * - its `default_permissions` cover what GitHub requires for each of those
 *   events (GitHub's webhook descriptions, @octokit/openapi-webhooks) and for
 *   each REST route src/ calls (the table below, from each route's
 *   "Fine-grained access tokens" section on docs.github.com), and each
 *   permission it grants is needed by one of them at that level.
 * A new handler or route fails here until app.yml (and the table) say why.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it, jest } from "@jest/globals";
import { Probot, ProbotOctokit } from "probot";
import { createGavel } from "../../src/app.js";
import { isRecord, loadYamlFile, REPO, recordAt } from "./repo-files.js";

type Level = "read" | "write";
type Grant = Readonly<Record<string, Level>>;

/**
 * What GitHub requires of an app for each REST route Gavel calls. The issue
 * routes serve pull requests too (comments and labels on a PR), and Gavel
 * uses them on both: for a pull request GitHub checks "Pull requests", for an
 * issue "Issues", so they need both. Routes an app calls with its JWT, or that
 * any installation token may call, need no permission beyond metadata.
 */
const ROUTES: Readonly<Record<string, Grant>> = {
  "GET /repos/{owner}/{repo}/pulls": { pull_requests: "read" },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": { pull_requests: "read" },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": { pull_requests: "read" },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": { pull_requests: "read" },
  "GET /repos/{owner}/{repo}/issues/{issue_number}": { issues: "read", pull_requests: "read" },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": { issues: "read", pull_requests: "read" },
  "GET /repos/{owner}/{repo}/issues/{issue_number}/events": { issues: "read", pull_requests: "read" },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": { issues: "write", pull_requests: "write" },
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": { issues: "write", pull_requests: "write" },
  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": { issues: "write", pull_requests: "write" },
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": { issues: "write", pull_requests: "write" },
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": { issues: "write", pull_requests: "write" },
  "GET /search/issues": { metadata: "read" },
  "GET /repos/{owner}/{repo}/contents/{path}": { contents: "read" },
  "GET /repos/{owner}/{repo}/compare/{basehead}": { contents: "read" },
  "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": { contents: "read" },
  "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": { contents: "read" },
  "POST /repos/{owner}/{repo}/check-runs": { checks: "write" },
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": { checks: "write" },
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": { checks: "read" },
  "GET /orgs/{org}/teams/{team_slug}/members": { members: "read" },
  "GET /orgs/{org}/teams/{team_slug}/teams": { members: "read" },
  "GET /installation/repositories": { metadata: "read" },
  "GET /app/installations": {},
  "GET /repos/{owner}/{repo}/installation": {},
  "GET /app/hook/deliveries": {},
  "POST /app/hook/deliveries/{delivery_id}/attempts": {},
};

const RANK: Readonly<Record<Level, number>> = { read: 1, write: 2 };

const manifest = loadYamlFile("app.yml");
const permissions = recordAt({ node: manifest, path: ["default_permissions"], what: "app.yml" });
const events = recordAt({ node: manifest, path: [], what: "app.yml" }).default_events;

/** `owner.method` of every `.rest.<namespace>.<method>` in src/: the only way src/ calls GitHub (scripts/check-rest.ts keeps it so). */
function restMethodsInSource(): string[] {
  const found = new Set<string>();
  const walk = (dir: URL): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir));
      else if (entry.name.endsWith(".ts"))
        for (const match of readFileSync(new URL(entry.name, dir), "utf8").matchAll(/\.rest\.(\w+)\.(\w+)\b/g)) found.add(`${match[1]}.${match[2]}`);
    }
  };
  walk(new URL("src/", REPO));
  return [...found].sort();
}

/** GitHub's descriptions of its webhooks, for api.github.com. */
const webhooks = recordAt({
  node: JSON.parse(readFileSync(new URL("node_modules/@octokit/openapi-webhooks/generated/api.github.com.json", REPO), "utf8")),
  path: ["webhooks"],
  what: "@octokit/openapi-webhooks",
});

/** "METHOD /path" of an Octokit REST method, as @octokit/plugin-rest-endpoint-methods defines it. */
function route(method: string): string {
  const [namespace = "", name = ""] = method.split(".");
  const endpoint: unknown = Reflect.get(Reflect.get(new ProbotOctokit().rest, namespace) ?? {}, name);
  const defaults: unknown = typeof endpoint === "function" ? Reflect.get(Reflect.get(endpoint, "endpoint") ?? {}, "DEFAULTS") : undefined;
  if (!isRecord(defaults)) throw new Error(`${method} is no Octokit REST method`);
  return `${String(defaults.method)} ${String(defaults.url)}`;
}

/** The webhook names (`pull_request.opened`, `push`) createGavel's app function listens to. */
function handledEvents(): string[] {
  const probot = new Probot({ appId: 1, privateKey: "unused: no request is made", secret: "unused" });
  const on = jest.spyOn(probot, "on");
  const { appFn, runtime } = createGavel({ appId: 1, secret: "unused", sweepIntervalMs: 0, sweepToken: null });
  void appFn(probot, { cwd: process.cwd(), addHandler: () => undefined });
  runtime.stop();
  return on.mock.calls.flatMap(([names]) => (Array.isArray(names) ? names.map(String) : [String(names)]));
}

interface WebhookNeed {
  /** GitHub sends it to every app: it can't be subscribed to. */
  unasked: boolean;
  /** The permission, as app.yml names it, and the level the event (with this action) needs. */
  grant: Grant;
}

/**
 * What GitHub's description of a webhook says it needs, e.g. "To subscribe to
 * this event, a GitHub App must have at least read-level access for the
 * "Pull requests" repository permission." and "To receive the `rerequested`
 * … event types, the app must have at least write-level access for the
 * "Checks" permission."
 */
function webhookNeed(name: string): WebhookNeed {
  const [event = "", action] = name.split(".");
  const key = [event, action]
    .filter((part) => part !== undefined)
    .join("-")
    .replace(/_/g, "-");
  const summary = String(recordAt({ node: webhooks[key], path: ["post"], what: key }).summary ?? "");
  if (/All GitHub Apps receive this event by default/.test(summary)) return { unasked: true, grant: {} };
  const permissionKey = (label: string) => label.toLowerCase().replace(/ /g, "_");
  const base = /at least (read|write)-level access for the "([^"]+)" (?:repository |organization )?permission/.exec(summary);
  if (!base?.[1] || !base[2]) throw new Error(`${key}: GitHub's description names no permission`);
  let level: Level = base[1] === "write" ? "write" : "read";
  for (const match of summary.matchAll(
    /To receive the ((?:`\w+`(?:, | and | or )?)+) event types?, the app must have at least (read|write)-level access for the "([^"]+)"/g,
  )) {
    if (action && match[1]?.includes(`\`${action}\``) && permissionKey(match[3] ?? "") === permissionKey(base[2]) && match[2] === "write") level = "write";
  }
  return { unasked: false, grant: { [permissionKey(base[2])]: level } };
}

function covers(params: { granted: Record<string, unknown>; needed: Grant }): boolean {
  return Object.entries(params.needed).every(([name, level]) => {
    const has = params.granted[name];
    return (has === "read" || has === "write") && RANK[has] >= RANK[level];
  });
}

describe("app.yml, Gavel's manifest", () => {
  it("subscribes to exactly the events Gavel handles, less those GitHub sends unasked", () => {
    const handled = handledEvents();
    expect(handled).toEqual(expect.arrayContaining(["pull_request.opened", "issue_comment.created", "check_run.rerequested", "push"]));
    const families = [...new Set(handled.filter((name) => !webhookNeed(name).unasked).map((name) => name.split(".")[0]))].sort();
    expect(Array.isArray(events) ? [...events].sort() : events).toEqual(families);
  });

  it("grants what each handled event needs", () => {
    const missing = handledEvents()
      .map((name) => ({ name, need: webhookNeed(name) }))
      .filter(({ need }) => !need.unasked && !covers({ granted: permissions, needed: need.grant }));
    expect(missing).toEqual([]);
  });

  it("grants what each REST route src/ calls needs, and knows every route", () => {
    const routes = restMethodsInSource().map((method) => ({ method, route: route(method) }));
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter(({ route }) => !(route in ROUTES))).toEqual([]);
    expect(routes.filter(({ route }) => !covers({ granted: permissions, needed: ROUTES[route] ?? {} }))).toEqual([]);
  });

  it("grants nothing that no route or event needs at that level, and metadata as GitHub requires", () => {
    const needs: Grant[] = [
      ...restMethodsInSource().map((method) => ROUTES[route(method)] ?? {}),
      ...handledEvents().map((name) => webhookNeed(name).grant),
      { metadata: "read" },
    ];
    const excess = Object.entries(permissions).filter(
      ([name, level]) => !needs.some((need) => need[name] !== undefined && (level === "read" || level === "write") && RANK[need[name]] >= RANK[level]),
    );
    expect(excess).toEqual([]);
    expect(permissions).toEqual({
      checks: "write",
      pull_requests: "write",
      issues: "write",
      contents: "read",
      members: "read",
      merge_queues: "read",
      metadata: "read",
    });
  });

  it("reads GitHub's webhook descriptions right", () => {
    expect(webhookNeed("pull_request.opened")).toEqual({ unasked: false, grant: { pull_requests: "read" } });
    expect(webhookNeed("check_run.rerequested")).toEqual({ unasked: false, grant: { checks: "write" } });
    expect(webhookNeed("check_run.completed")).toEqual({ unasked: false, grant: { checks: "read" } });
    expect(webhookNeed("push")).toEqual({ unasked: false, grant: { contents: "read" } });
    expect(webhookNeed("installation_repositories.added")).toEqual({ unasked: true, grant: {} });
  });
});
