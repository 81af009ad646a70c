import type { CheckRun, Repo } from "../model/store.js";
import { isRecord } from "../openapi/schema-doc.js";
import { ApiError, notFound, type ApiRequest, type RouteTable } from "../server/route-types.js";
import { repoOf, stringField, writer, type RouteContext } from "./route-context.js";

const WAITING: readonly string[] = ["queued", "in_progress", "waiting", "requested", "pending"];

/** Check runs, per head commit, owned by the app that created them. */
export function checkRoutes(ctx: RouteContext): RouteTable {
  const { store, presenter, events } = ctx;
  const runOf = (request: ApiRequest): { repo: Repo; run: CheckRun } => {
    const repo = repoOf({ ctx, request });
    const run = repo.checkRuns.find((r) => r.id === Number(request.params.check_run_id));
    if (!run) throw notFound();
    return { repo, run };
  };

  return {
    // https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
    // `filter` defaults to `latest`: the newest run of each name (per app).
    "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": (request) => {
      const repo = repoOf({ ctx, request });
      const sha = store.resolveRef({ repo, ref: request.params.ref ?? "" });
      if (!sha) throw new ApiError({ status: 422, message: `No commit found for SHA: ${request.params.ref ?? ""}` });
      const { query } = request;
      let runs = repo.checkRuns.filter((r) => r.headSha === sha);
      const name = query.get("check_name");
      const appId = query.get("app_id");
      const status = query.get("status");
      if (name !== null) runs = runs.filter((r) => r.name === name);
      if (appId !== null) runs = runs.filter((r) => String(r.appId) === appId);
      if (status !== null) runs = runs.filter((r) => r.status === status);
      if ((query.get("filter") ?? "latest") === "latest") runs = runs.filter((r) => !runs.some((o) => o.appId === r.appId && o.name === r.name && o.id > r.id));
      const list = [...runs].sort((a, b) => b.id - a.id).map((run) => presenter.checkRun({ repo, run }));
      return { status: 200, list, wrap: ({ items, total }) => ({ total_count: total, check_runs: items }) };
    },

    "POST /repos/{owner}/{repo}/check-runs": (request) => {
      const repo = repoOf({ ctx, request });
      const sender = writer({ ctx, request });
      const headSha = stringField({ body: request.body, key: "head_sha" }) ?? "";
      // GitHub's rule that its description leaves out for creation (it states it for updates).
      if (stringField({ body: request.body, key: "status" }) === "completed" && stringField({ body: request.body, key: "conclusion" }) === undefined) {
        throw new ApiError({ status: 422, message: "Validation Failed: conclusion is required when status is completed" });
      }
      if (!repo.graph.get(headSha)) throw new ApiError({ status: 422, message: `No commit found for SHA: ${headSha}` });
      const now = store.clock.iso();
      const run: CheckRun = {
        id: store.nextId(),
        headSha,
        name: stringField({ body: request.body, key: "name" }) ?? "",
        status: "queued",
        conclusion: null,
        startedAt: stringField({ body: request.body, key: "started_at" }) ?? now,
        completedAt: null,
        output: { title: null, summary: null, text: null },
        appId: store.app.id,
        externalId: stringField({ body: request.body, key: "external_id" }) ?? "",
        detailsUrl: stringField({ body: request.body, key: "details_url" }) ?? null,
      };
      applyBody({ run, body: request.body, now });
      repo.checkRuns.push(run);
      events.checkRun({ repo, run, action: "created", sender });
      return { status: 201, body: presenter.checkRun({ repo, run }) };
    },

    // https://docs.github.com/rest/checks/runs#update-a-check-run
    // Only the app that created a run may update it, and a completed run can't go back to waiting.
    "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": (request) => {
      const { repo, run } = runOf(request);
      const sender = writer({ ctx, request });
      if (run.appId !== store.app.id)
        throw new ApiError({
          status: 403,
          message: `Invalid app_id \`${String(store.app.id)}\` - check run can only be modified by the GitHub App that created it.`,
        });
      const status = stringField({ body: request.body, key: "status" });
      const conclusion = stringField({ body: request.body, key: "conclusion" });
      if (run.status === "completed" && status !== undefined && WAITING.includes(status) && conclusion === undefined) {
        throw new ApiError({ status: 422, message: `Validation Failed: a completed check run cannot be moved back to ${status}; create a new check run` });
      }
      const wasCompleted = run.status === "completed";
      applyBody({ run, body: request.body, now: store.clock.iso() });
      if (!wasCompleted && run.status === "completed") events.checkRun({ repo, run, action: "completed", sender });
      return { status: 200, body: presenter.checkRun({ repo, run }) };
    },
  };
}

/**
 * A check run's output summary and text take at most 65,535 bytes each.
 * https://docs.github.com/rest/checks/runs#create-a-check-run
 * https://github.com/github/docs/issues/35252
 */
const MAX_OUTPUT_BYTES = 65_535;

/** Status, conclusion (which implies completed) and output, as GitHub applies a create or update body. */
function applyBody(params: { run: CheckRun; body: unknown; now: string }): void {
  const { run, body, now } = params;
  const output = isRecord(body) ? body.output : undefined;
  // Refused whole, before any change. The docs say 65535 "characters"; GitHub counts bytes of UTF-8: github/docs#35252, dorny/test-reporter#57.
  for (const key of ["summary", "text"]) {
    const value = isRecord(output) ? stringField({ body: output, key }) : undefined;
    if (value !== undefined && Buffer.byteLength(value, "utf8") > MAX_OUTPUT_BYTES)
      throw new ApiError({ status: 422, message: `Validation Failed: ${key} exceeds a maximum bytesize of ${MAX_OUTPUT_BYTES}` });
  }
  const status = stringField({ body, key: "status" });
  const conclusion = stringField({ body, key: "conclusion" });
  if (status === "queued" || status === "in_progress" || status === "completed") run.status = status;
  if (conclusion !== undefined) {
    run.status = "completed";
    run.conclusion = conclusion;
  }
  if (run.status === "completed") run.completedAt = stringField({ body, key: "completed_at" }) ?? run.completedAt ?? now;
  const started = stringField({ body, key: "started_at" });
  if (started !== undefined) run.startedAt = started;
  if (isRecord(output)) {
    run.output = {
      title: stringField({ body: output, key: "title" }) ?? run.output.title,
      summary: stringField({ body: output, key: "summary" }) ?? run.output.summary,
      text: stringField({ body: output, key: "text" }) ?? run.output.text,
    };
  }
}
