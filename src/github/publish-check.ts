import { CHECK_NAME } from "../constants.js";
import type { CheckReport } from "../messages/check-report.js";
import { reading, type GitHub, type RepoRef } from "./client.js";

export interface ExistingCheck {
  id: number;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  startedAt: string | null;
}

/**
 * The app's latest `governance` check run on a commit, or null.
 * https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function findCheck(params: { github: GitHub; repo: RepoRef; headSha: string; appId: number }): Promise<ExistingCheck | null> {
  const { github, repo, headSha } = params;
  const { data } = await reading(`listing check runs on ${headSha.slice(0, 7)} in ${repo.owner}/${repo.repo}`, () =>
    github.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_NAME, app_id: params.appId, filter: "latest", per_page: 100 }),
  );
  const ours = data.check_runs
    .filter((run) => run.name === CHECK_NAME && run.app?.id === params.appId)
    .sort((a, b) => b.id - a.id)[0];
  if (!ours) return null;
  return {
    id: ours.id,
    status: ours.status,
    conclusion: ours.conclusion,
    title: ours.output.title,
    summary: ours.output.summary,
    startedAt: ours.started_at,
  };
}

/**
 * Upserts the one `governance` check on a head commit. Nothing is written when
 * the check already says the same. A waiting check is `in_progress`; GitHub
 * does not let a completed run go back to in progress, so that transition
 * creates a new run (branch protection reads the latest run of the name);
 * other changes update the run in place.
 * https://docs.github.com/rest/checks/runs#update-a-check-run
 */
export async function publishCheck(params: {
  github: GitHub;
  repo: RepoRef;
  headSha: string;
  existing: ExistingCheck | null;
  report: CheckReport;
  detailsUrl?: string;
}): Promise<"created" | "updated" | "unchanged"> {
  const { github, repo, headSha, existing, report } = params;
  const output = { title: truncate(report.title, 255), summary: report.summary };
  const state: CheckState = report.state === "waiting" ? { status: "in_progress" } : { status: "completed", conclusion: report.state };
  if (existing && sameCheck({ existing, state, output })) return "unchanged";
  const what = `publishing the ${CHECK_NAME} check on ${headSha.slice(0, 7)} in ${repo.owner}/${repo.repo}`;
  if (existing && (existing.status !== "completed" || state.status === "completed")) {
    await reading(what, () => github.rest.checks.update({ ...repo, check_run_id: existing.id, ...state, output }));
    return "updated";
  }
  await reading(what, () => github.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: headSha, ...state, output }));
  return "created";
}

type CheckState = { status: "in_progress" } | { status: "completed"; conclusion: "success" | "failure" };

function sameCheck(params: { existing: ExistingCheck; state: CheckState; output: { title: string; summary: string } }): boolean {
  const { existing, state, output } = params;
  const conclusion = state.status === "completed" ? state.conclusion : null;
  return (
    existing.status === state.status &&
    existing.conclusion === conclusion &&
    existing.title === output.title &&
    existing.summary === output.summary
  );
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
