import { checkKey, type GavelCache } from "../cache/gavel-cache.js";
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
  /**
   * Whether a listing showed this run as the latest of its name on the head.
   * A run this process created without listing first (on a new head) may
   * have a twin from another replica handling the same delivery, which
   * GitHub would read instead if it is newer.
   */
  confirmed: boolean;
}

/**
 * The app's latest `governance` check run on a commit, or null. The cache
 * holds what this process last published or read there; `newHead` says the
 * commit just became a PR's head (`opened`, `synchronize`), where nothing of
 * Gavel's can be yet unless a delivery repeats or another replica handles
 * the same one, and then a second run on the same head is harmless: GitHub
 * reads the latest run of a name, and publishCheck keeps the latest right.
 * A listing with several runs (replicas, refreshes) answers the newest,
 * which is the one GitHub reads.
 * https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function findCheck(params: { github: GitHub; repo: RepoRef; headSha: string; appId: number; cache: GavelCache | null; newHead?: boolean }): Promise<ExistingCheck | null> {
  const { github, repo, headSha } = params;
  const cached = params.cache?.checks.fresh(checkKey({ repo, headSha }));
  if (cached) return cached;
  if (params.newHead) return null;
  const { data } = await reading({ what: `listing check runs on ${headSha.slice(0, 7)} in ${repo.owner}/${repo.repo}`, read: () =>
    github.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_NAME, app_id: params.appId, filter: "latest", per_page: 100 }) });
  const ours = data.check_runs
    .filter((run) => run.name === CHECK_NAME && run.app?.id === params.appId)
    .sort((a, b) => b.id - a.id)[0];
  if (!ours) return null;
  const found: ExistingCheck = { id: ours.id, status: ours.status, conclusion: ours.conclusion, title: ours.output.title, summary: ours.output.summary, startedAt: ours.started_at, confirmed: true };
  params.cache?.checks.set({ key: checkKey({ repo, headSha }), value: found });
  return found;
}

/**
 * GitHub marks a check run that stays incomplete for 14 days as stale, so a
 * waiting check older than a week is replaced by a fresh run on the same head.
 */
export const CHECK_REFRESH_MS = 7 * 86_400_000;

export interface PublishedCheck {
  outcome: "created" | "updated" | "unchanged";
  /** When the waiting run now on the head started; null for a completed check. */
  waitingSince: string | null;
}

/**
 * Upserts the one `governance` check on a head commit. Nothing is written when
 * the check already says the same. A waiting check is `in_progress`; GitHub
 * does not let a completed run go back to in progress, so that transition
 * creates a new run (branch protection reads the latest run of the name), as
 * does refreshing a waiting run older than CHECK_REFRESH_MS. So does a change
 * of verdict on a run not `confirmed` as the latest: if another replica made
 * a newer twin and then died, updating ours would leave GitHub reading the
 * twin's old verdict, possibly a `success`. Other changes update the run in
 * place (a twin then shows older wording of the same verdict until a listing
 * finds it, at most the check cache's TTL later).
 * https://docs.github.com/rest/checks/runs#update-a-check-run
 */
export async function publishCheck(params: {
  github: GitHub;
  repo: RepoRef;
  headSha: string;
  existing: ExistingCheck | null;
  report: CheckReport;
  now: Date;
  cache: GavelCache | null;
}): Promise<PublishedCheck> {
  const { github, repo, headSha, existing, report, now } = params;
  const output = { title: truncate({ text: report.title, max: 255 }), summary: report.summary };
  const state: CheckState = report.state === "waiting" ? { status: "in_progress" } : { status: "completed", conclusion: report.state };
  const waiting = state.status === "in_progress";
  const existingAge = existing?.startedAt ? now.getTime() - Date.parse(existing.startedAt) : 0;
  const stale = waiting && existing !== null && existing.status !== "completed" && existingAge >= CHECK_REFRESH_MS;
  if (existing && !stale && sameCheck({ existing, state, output })) return { outcome: "unchanged", waitingSince: waiting ? existing.startedAt : null };
  const what = `publishing the ${CHECK_NAME} check on ${headSha.slice(0, 7)} in ${repo.owner}/${repo.repo}`;
  const remember = ({ id, startedAt, confirmed }: { id: number; startedAt: string | null; confirmed: boolean }) => {
    const conclusion = state.status === "completed" ? state.conclusion : null;
    params.cache?.checks.set({ key: checkKey({ repo, headSha }), value: { id, status: state.status, conclusion, title: output.title, summary: output.summary, startedAt, confirmed } });
  };
  const sameVerdict = existing !== null && existing.status === state.status && existing.conclusion === (state.status === "completed" ? state.conclusion : null);
  if (existing && !stale && (existing.status !== "completed" || state.status === "completed") && (existing.confirmed || sameVerdict)) {
    await reading({ what: what, read: () => github.rest.checks.update({ ...repo, check_run_id: existing.id, ...state, output }) });
    remember({ id: existing.id, startedAt: existing.startedAt, confirmed: existing.confirmed });
    return { outcome: "updated", waitingSince: waiting ? existing.startedAt : null };
  }
  const startedAt = now.toISOString();
  const { data } = await reading({ what: what, read: () => github.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: headSha, ...state, started_at: startedAt, output }) });
  remember({ id: data.id, startedAt, confirmed: false });
  return { outcome: "created", waitingSince: waiting ? startedAt : null };
}

type CheckState = { status: "in_progress" } | { status: "completed"; conclusion: "success" | "failure" };

/** Whether the check on the head already says exactly what `report` says (so publishing it writes nothing). */
export function checkSays(params: { existing: ExistingCheck | null; report: CheckReport }): boolean {
  const { existing, report } = params;
  if (!existing) return false;
  const state: CheckState = report.state === "waiting" ? { status: "in_progress" } : { status: "completed", conclusion: report.state };
  return sameCheck({ existing, state, output: { title: truncate({ text: report.title, max: 255 }), summary: report.summary } });
}

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

function truncate(params: { text: string; max: number }): string {
  const { text, max } = params;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
