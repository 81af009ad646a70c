import { cap, TtlCache, type StoreOptions } from "../cache/ttl-cache.js";
import { CHECK_NAME } from "../constants.js";
import { checkRunState, runShows, type CheckReport } from "../messages/check-report.js";
import type { ExistingCheck } from "../policy/types.js";
import { reading, type GitHub, type RepoRef } from "./client.js";
import { repoKey } from "./repo-key.js";

/**
 * The `governance` run this process last published or read on each head: a
 * value behind a name (any replica may write a newer run), so it is trusted
 * for the TTL and dropped by `noteCheckRunWritten` when GitHub says another
 * run was written.
 */
export type CheckStore = TtlCache<ExistingCheck>;

export function createCheckStore(options: StoreOptions): CheckStore {
  return new TtlCache({
    maxEntries: cap({ options, n: 10_000 }),
    ttlMs: options.ttlMs,
    clock: options.clock,
    maxWeight: cap({ options, n: 20_000_000 }),
    weigh: (check) => (check.summary?.length ?? 0) + (check.title?.length ?? 0) + 1,
  });
}

function checkKey(params: { repo: RepoRef; headSha: string }): string {
  return `${repoKey(params.repo)}@${params.headSha}`;
}

/**
 * The app's latest `governance` check run on a commit, or null. The store
 * holds what this process last published or read there; `newHead` says the
 * commit just became a PR's head (`opened`, `synchronize`), where nothing of
 * Gavel's can be yet unless a delivery repeats or another replica handles
 * the same one, and then a second run on the same head is harmless: GitHub
 * reads the latest run of a name, and publishCheck keeps the latest right.
 * A listing with several runs (replicas, refreshes) answers the newest,
 * which is the one GitHub reads.
 * https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function findCheck(params: {
  github: GitHub;
  repo: RepoRef;
  headSha: string;
  appId: number;
  store: CheckStore;
  newHead?: boolean;
}): Promise<ExistingCheck | null> {
  const { github, repo, headSha, store } = params;
  const cached = store.fresh(checkKey({ repo, headSha }));
  if (cached) return cached;
  if (params.newHead) return null;
  const { data } = await reading({
    what: `listing check runs on ${headSha.slice(0, 7)} in ${repo.owner}/${repo.repo}`,
    read: () => github.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_NAME, app_id: params.appId, filter: "latest", per_page: 100 }),
  });
  const ours = data.check_runs.filter((run) => run.name === CHECK_NAME && run.app?.id === params.appId).sort((a, b) => b.id - a.id)[0];
  if (!ours) return null;
  const found: ExistingCheck = {
    id: ours.id,
    status: ours.status,
    conclusion: ours.conclusion,
    title: ours.output.title,
    summary: ours.output.summary,
    startedAt: ours.started_at,
    confirmed: true,
  };
  store.set({ key: checkKey({ repo, headSha }), value: found });
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
 * finds it, at most the store's TTL later).
 * https://docs.github.com/rest/checks/runs#update-a-check-run
 */
export async function publishCheck(params: {
  github: GitHub;
  repo: RepoRef;
  headSha: string;
  existing: ExistingCheck | null;
  report: CheckReport;
  now: Date;
  store: CheckStore;
}): Promise<PublishedCheck> {
  const { github, repo, headSha, existing, report, now } = params;
  const run = checkRunState(report);
  const output = { title: run.title, summary: run.summary };
  const state = run.status === "in_progress" ? { status: run.status } : { status: run.status, conclusion: run.conclusion ?? "failure" };
  const waiting = run.status === "in_progress";
  const existingAge = existing?.startedAt ? now.getTime() - Date.parse(existing.startedAt) : 0;
  const stale = waiting && existing !== null && existing.status !== "completed" && existingAge >= CHECK_REFRESH_MS;
  if (existing && !stale && runShows({ run: existing, report })) return { outcome: "unchanged", waitingSince: waiting ? existing.startedAt : null };
  const what = `publishing the ${CHECK_NAME} check on ${headSha.slice(0, 7)} in ${repo.owner}/${repo.repo}`;
  const remember = (written: { id: number; startedAt: string | null; confirmed: boolean }) => {
    params.store.set({
      key: checkKey({ repo, headSha }),
      value: { ...written, status: run.status, conclusion: run.conclusion, title: run.title, summary: run.summary },
    });
  };
  const sameVerdict = existing !== null && existing.status === run.status && existing.conclusion === run.conclusion;
  if (existing && !stale && (existing.status !== "completed" || !waiting) && (existing.confirmed || sameVerdict)) {
    await reading({ what, read: () => github.rest.checks.update({ ...repo, check_run_id: existing.id, ...state, output }) });
    remember({ id: existing.id, startedAt: existing.startedAt, confirmed: existing.confirmed });
    return { outcome: "updated", waitingSince: waiting ? existing.startedAt : null };
  }
  const startedAt = now.toISOString();
  const { data } = await reading({
    what,
    read: () => github.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: headSha, ...state, started_at: startedAt, output }),
  });
  remember({ id: data.id, startedAt, confirmed: false });
  return { outcome: "created", waitingSince: waiting ? startedAt : null };
}

/** A `check_run` webhook's run, as far as `noteCheckRunWritten` reads it. */
export interface WrittenRun {
  id: number;
  appId: number | null;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
}

/** What this process remembers of the check on a head is dropped: the next evaluation lists the runs. */
export function forgetCheck(params: { store: CheckStore; repo: RepoRef; headSha: string }): void {
  params.store.delete(checkKey(params));
}

/**
 * A `governance` run of this app was created or completed, by this process or
 * by another replica. If it is not the run this process remembers on that
 * head, or says something else, the memory is dropped, so that the next
 * evaluation lists the runs and writes to the newest: otherwise this process
 * could keep updating an older run while GitHub reads another replica's newer
 * one, an old `success` perhaps. An echo of this process's own last write
 * changes nothing.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#check_run
 */
export function noteCheckRunWritten(params: { store: CheckStore; repo: RepoRef; appId: number; run: WrittenRun }): void {
  const { store, run } = params;
  if (run.appId !== params.appId || run.name !== CHECK_NAME) return;
  const key = checkKey({ repo: params.repo, headSha: run.headSha });
  const known = store.entry(key)?.value;
  if (!known) return;
  const same =
    known.id === run.id && known.status === run.status && known.conclusion === run.conclusion && known.title === run.title && known.summary === run.summary;
  if (!same) store.delete(key);
}
