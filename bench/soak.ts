import type { Delivery } from "../sandbox/webhooks/deliveries.js";
import { quantile } from "./latency.js";
import { runActions, setUp, startRig, type LoadRig, type MemoryPoint } from "./load.js";

/**
 * The soak runs Gavel with production's request machinery (Octokit's
 * throttling and retries, GitHub's content limits, Gavel's timeouts) with
 * every clock this much faster, as the e2e tests do.
 */
export const SOAK_TIME_SCALE = 0.05;

/** GitHub gives up on a delivery that is not answered within 10 seconds. */
export const DELIVERY_DEADLINE_MS = 10_000;

/** Deliveries as GitHub would see them answered: how many, how fast, and which failed. */
export interface DeliveryTally {
  /** Deliveries the sandbox sent and finished (answered or failed), people's and the echoes of Gavel's own writes. */
  sent: number;
  /** Of which echoes of Gavel's own writes (sender `gavel[bot]`). */
  echoes: number;
  /** Answered with a status other than 2xx, or not answered at all. */
  failed: number;
  /** Answered after GitHub's 10 s deadline. */
  late: number;
  p50Ms: number;
  p99Ms: number;
  slowestMs: number;
}

/** A PR whose check a fresh evaluation changed: the final state was not what Gavel would say from scratch. */
export interface ChangedCheck {
  pr: string;
  before: string;
  after: string;
}

export interface SoakResult {
  /** The clocks of Gavel's requests (Octokit's throttling, GitHub's content limits, timeouts) as a fraction of production's. */
  timeScale: number;
  actions: number;
  repositories: number;
  concurrency: number;
  seconds: number;
  deliveriesPerSecond: number;
  /** The load's deliveries. */
  load: DeliveryTally;
  /** The fresh process's re-evaluation: a "Re-run" per open PR, and the echoes of anything it wrote. */
  fresh: DeliveryTally;
  /** Open PRs the fresh process evaluated. */
  pullRequests: number;
  /** Open PRs without any `governance` check on their head (a required check must answer on every PR). */
  missingChecks: string[];
  /** API writes by the fresh process, by "METHOD template": zero when every final state equals a fresh evaluation. */
  freshWrites: Record<string, number>;
  /** API reads by the fresh process: at least one per PR, or nothing was evaluated and no write proves nothing. */
  freshReads: number;
  changedChecks: ChangedCheck[];
  /** PRs whose labels the fresh evaluation changed, with the labels before and after. */
  changedLabels: ChangedCheck[];
  memory: MemoryPoint[];
  /** Heap after GC at the last checkpoint minus at the first of the last half (after warm-up). */
  heapGrowthMb: number;
  cacheGrowth: number;
  peakRssMb: number;
  problems: string[];
}

const MB = 1024 * 1024;
const BOT = "gavel[bot]";

/**
 * The soak of issue #8. The seeded load of bench/load.ts (Gavel in its own
 * process, `concurrency` deliveries in flight), timing every delivery the
 * sandbox sends against GitHub's deadline; then Gavel is replaced by a fresh
 * process (empty caches) that re-runs the check of every open PR. Gavel writes
 * nothing when the check, label and comments already say what it would, so a
 * re-evaluation that writes nothing proves every final state equals a fresh
 * evaluation; anything it changed is reported per PR.
 */
export async function soak(params: {
  actions: number;
  repositories: number;
  concurrency: number;
  checkpoints?: number;
  /** Default SOAK_TIME_SCALE. */
  timeScale?: number;
}): Promise<SoakResult> {
  const timeScale = params.timeScale ?? SOAK_TIME_SCALE;
  const rig = await startRig({ concurrency: params.concurrency, timeScale });
  const { sandbox, github } = rig;
  const tally = new Tally();
  sandbox.deliveries.onAnswered = (d) => tally.add(d);
  try {
    const targets = setUp({ github, repositories: params.repositories });
    await rig.idle();
    tally.reset();
    const run = await runActions({ rig, targets, actions: params.actions, checkpoints: params.checkpoints ?? 10 });
    const load = tally.read();
    const final = await rig.child.memory();
    tally.reset();
    const freshRun = await reevaluate(rig);
    const fresh = tally.read();
    const tail = run.memory.slice(Math.floor(run.memory.length / 2));
    const first = tail[0];
    const last = tail.at(-1);
    return {
      timeScale,
      actions: params.actions,
      repositories: params.repositories,
      concurrency: params.concurrency,
      seconds: run.seconds,
      deliveriesPerSecond: load.sent / run.seconds,
      load,
      fresh,
      ...freshRun,
      memory: run.memory,
      heapGrowthMb: first && last ? last.heapUsedMb - first.heapUsedMb : 0,
      cacheGrowth: first && last ? last.cacheEntries - first.cacheEntries : 0,
      peakRssMb: final.peakRss / MB,
      problems: [...rig.problems],
    };
  } finally {
    sandbox.deliveries.onAnswered = null;
    await rig.stop();
  }
}

interface PullState {
  pr: string;
  repo: string;
  number: number;
  checkRunId: number | null;
  check: string;
  labels: string;
}

/** Replaces Gavel with a fresh process, re-runs every open PR's check, and compares what it wrote. */
async function reevaluate(
  rig: LoadRig,
): Promise<Pick<SoakResult, "pullRequests" | "missingChecks" | "freshWrites" | "freshReads" | "changedChecks" | "changedLabels">> {
  const { sandbox, github } = rig;
  await rig.idle();
  const before = openPulls(rig);
  await rig.restartGavel();
  github.resetRequestCounts();
  const concurrency = sandbox.deliveries.concurrency;
  for (const pull of before) {
    if (pull.checkRunId === null) continue;
    github.rerequestCheck({ repo: pull.repo, checkRunId: pull.checkRunId, user: "alice" });
    while (sandbox.deliveries.backlog > concurrency * 4) await new Promise((resolve) => setImmediate(resolve));
  }
  await rig.idle();
  const counted = Object.entries(github.requestCounts()).filter(([route]) => !route.includes("/access_tokens"));
  const freshWrites = Object.fromEntries(counted.filter(([route]) => !route.startsWith("GET ")));
  const freshReads = counted.filter(([route]) => route.startsWith("GET ")).reduce((sum, [, n]) => sum + n, 0);
  const after = new Map(openPulls(rig).map((p) => [p.pr, p]));
  const changedChecks: ChangedCheck[] = [];
  const changedLabels: ChangedCheck[] = [];
  for (const b of before) {
    const a = after.get(b.pr);
    if (a && a.check !== b.check) changedChecks.push({ pr: b.pr, before: b.check, after: a.check });
    if (a && a.labels !== b.labels) changedLabels.push({ pr: b.pr, before: b.labels, after: a.labels });
  }
  return {
    pullRequests: before.length,
    missingChecks: before.filter((p) => p.checkRunId === null).map((p) => p.pr),
    freshWrites,
    freshReads,
    changedChecks,
    changedLabels,
  };
}

/** Every open PR in the sandbox with what branch protection and people see of Gavel's verdict. */
function openPulls(rig: LoadRig): PullState[] {
  const pulls: PullState[] = [];
  for (const repo of rig.sandbox.store.repos.values()) {
    const name = `${repo.owner.login}/${repo.name}`;
    for (const issue of repo.issues.values()) {
      if (!issue.pull || issue.state !== "open") continue;
      const check = rig.github.latestCheck({ repo: name, number: issue.number });
      pulls.push({
        pr: `${name}#${issue.number}`,
        repo: name,
        number: issue.number,
        checkRunId: check?.id ?? null,
        // The summary is compared too, but only the state and title are shown.
        check: check ? `${check.status}/${check.conclusion ?? "-"}: ${check.output.title ?? ""}${hashSuffix(check.output.summary)}` : "no check",
        labels: [...issue.labels].sort().join(", "),
      });
    }
  }
  return pulls;
}

/** A short fingerprint of a summary, so a changed summary under an unchanged title still shows as a change. */
function hashSuffix(summary: string | null): string {
  let h = 0;
  for (const ch of summary ?? "") h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return ` [summary ${h.toString(16).padStart(8, "0")}]`;
}

class Tally {
  private durations: number[] = [];
  private sent = 0;
  private echoes = 0;
  private failed = 0;
  private late = 0;

  add(d: Delivery): void {
    this.sent++;
    if (d.sender === BOT) this.echoes++;
    if (d.status === null || d.status < 200 || d.status > 299) this.failed++;
    if (d.durationMs !== null) {
      this.durations.push(d.durationMs);
      if (d.durationMs > DELIVERY_DEADLINE_MS) this.late++;
    }
  }

  reset(): void {
    this.durations = [];
    this.sent = 0;
    this.echoes = 0;
    this.failed = 0;
    this.late = 0;
  }

  read(): DeliveryTally {
    const sorted = [...this.durations].sort((a, b) => a - b);
    return {
      sent: this.sent,
      echoes: this.echoes,
      failed: this.failed,
      late: this.late,
      p50Ms: quantile({ sorted, q: 0.5 }),
      p99Ms: quantile({ sorted, q: 0.99 }),
      slowestMs: sorted.at(-1) ?? 0,
    };
  }
}
