import type { CheckRun, Repo } from "../model/store.js";
import type { JsonRecord } from "../openapi/schema-doc.js";
import { nodeId, runPulls, type Presenter } from "./presenter.js";

/**
 * The suite of a check run, as `check_suite` webhooks carry it. The sandbox
 * models no suites of their own: each run's suite has the id its run shows
 * (`check_suite.id`). `pull_requests` leaves out PRs from forks: "When the
 * check suite's `head_branch` is in a forked repository it will be `null` and
 * the `pull_requests` array will be empty" (GitHub's webhook description).
 */
export function checkSuiteShape(params: { presenter: Presenter; repo: Repo; run: CheckRun }): JsonRecord {
  const { presenter, repo, run } = params;
  const id = run.id + 500_000;
  const pulls = runPulls({ repo, headSha: run.headSha });
  const commit = repo.graph.get(run.headSha);
  const person = { name: commit?.author ?? "", email: `${commit?.author ?? ""}@users.noreply.github.com` };
  const url = `${presenter.api}/repos/${repo.owner.login}/${repo.name}/check-suites/${id}`;
  return {
    id,
    node_id: nodeId({ kind: "CS", id }),
    head_branch: pulls[0]?.pull?.headRef ?? null,
    head_sha: run.headSha,
    status: run.status === "completed" ? "completed" : "in_progress",
    conclusion: run.conclusion,
    url,
    before: commit?.parents[0] ?? null,
    after: run.headSha,
    pull_requests: pulls.map((issue) => presenter.pullRef({ repo, issue })),
    // The webhook description's enum of a check suite app's `events` predates `merge_group` (@octokit/openapi-webhooks):
    // the sandbox leaves out the events it can't express there, so that the payload stays checkable.
    app: withoutMergeGroup(presenter.app()),
    created_at: run.startedAt,
    updated_at: run.completedAt ?? run.startedAt,
    latest_check_runs_count: repo.checkRuns.filter((r) => r.headSha === run.headSha && r.appId === run.appId).length,
    check_runs_url: `${url}/check-runs`,
    head_commit: {
      id: run.headSha,
      tree_id: run.headSha,
      message: commit?.message ?? "",
      timestamp: commit?.date ?? run.startedAt,
      author: person,
      committer: person,
    },
    rerequestable: true,
    runs_rerequestable: true,
  };
}

function withoutMergeGroup(app: JsonRecord): JsonRecord {
  const { events } = app;
  return Array.isArray(events) ? { ...app, events: events.filter((e: unknown) => e !== "merge_group") } : app;
}
