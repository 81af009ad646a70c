import { LocalGavel } from "../sandbox/gavel/local-gavel.js";
import type { RequestRecord } from "../sandbox/server/faults.js";
import { isWrite, writePacing } from "../sandbox/server/write-pacing.js";
import { CONTENT_LIMITS } from "../src/github/write-lanes.js";
import { CHARTER, REPO, SEVEN } from "./world.js";

/** What one burst did, and whether Gavel's writes kept to GitHub's limits. */
export interface BurstResult {
  timeScale: number;
  pullRequests: number;
  /** Wall-clock seconds from opening every PR at once to Gavel settled, and from the push to settled. */
  openSeconds: number;
  pushSeconds: number;
  /** PRs whose check isn't what the rules say at the end, with what it says. */
  wrongChecks: string[];
  /** PRs that showed an evaluation error at any point. */
  evaluationErrors: string[];
  /** How many PRs ended with how many check runs on their head, governed or not: a write made twice shows as one more. */
  checkRuns: Record<string, number>;
  /** Writes by "METHOD template" in each phase. */
  openWrites: Record<string, number>;
  pushWrites: Record<string, number>;
  /** The same write (method and path) made more than once in the push, which asks each PR for at most one of each. */
  repeatedWrites: string[];
  /** The most writes of the installation in flight at once. */
  maxWritesInFlight: number;
  /** The shortest time between two writes' arrivals, wall clock (ms). */
  minWriteSpacingMs: number | null;
  /** The most writes started within any one of GitHub's content windows (scaled), per window. */
  maxWritesPerWindow: Array<{ requests: number; perMs: number; seen: number }>;
  /** Deliveries answered other than 2xx. */
  failedDeliveries: number;
  /** Requests the sandbox saw after Gavel had settled: settle returned while requests were still queued. */
  lateRequests: number;
  problems: string[];
}

const GUIDE = "docs/guide";
const OTHER = "docs/other";
const config = (handbook: string[]) =>
  [
    "rules:",
    "  - name: charter",
    "    paths: [GOVERNANCE.md, .github/governance.yml]",
    "    approvals: 2/3",
    "  - name: handbook",
    `    paths: [${handbook.map((p) => `"${p}"`).join(", ")}]`,
    "    approvals: majority",
    "",
  ].join("\n");

/** One PR in this many (under docs/guide/) falls under the rules the push brings; the rest stay ungoverned. */
const GOVERNED_ONE_IN = 5;

/**
 * The burst of issue 15 in one installation: `pullRequests` PRs opened at
 * once (GitHub sends their deliveries together), none governed; then a push
 * to the default branch that changes the rules, so that every open PR is
 * governed again, and one in five of them falls under a rule (a label, an
 * announcement and a new check each). The writes of both, 320 for 200 PRs,
 * stay within GitHub's 500 an hour, so that the run is not a wait for the
 * hour to pass. Runs Probot's throttling and retries as production does,
 * every clock × `timeScale`.
 */
export async function burst(params: { timeScale: number; pullRequests: number }): Promise<BurstResult> {
  const problems: string[] = [];
  const local = await LocalGavel.start({ timeScale: params.timeScale, onProblem: (m) => problems.push(m) });
  try {
    local.github.createRepo({
      repo: REPO,
      maintainers: SEVEN,
      files: { "GOVERNANCE.md": CHARTER, "README.md": "# community\n", ".github/governance.yml": config(["docs/handbook/**"]) },
    });
    local.github.setDeliveryConcurrency(params.pullRequests);
    const numbers: Array<{ number: number; governed: boolean }> = [];
    local.github.resetRequestCounts();
    let started = performance.now();
    for (let i = 0; i < params.pullRequests; i++) {
      const governed = i % GOVERNED_ONE_IN === 0;
      const path = `${governed ? GUIDE : OTHER}/page-${i}.md`;
      numbers.push({ number: local.github.openPullRequest({ repo: REPO, author: "zoe", title: `Page ${i}`, files: { [path]: `# Page ${i}\n` } }), governed });
    }
    await local.settle();
    const openSeconds = (performance.now() - started) / 1000;
    const opened = local.github.requestLog();
    const openWrites = writesOf(local.github.requestCounts());

    local.github.resetRequestCounts();
    started = performance.now();
    local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { ".github/governance.yml": config(["docs/handbook/**", `${GUIDE}/**`]) } });
    await local.settle();
    const pushSeconds = (performance.now() - started) / 1000;
    const pushed = local.github.requestLog();
    const pushWrites = writesOf(local.github.requestCounts());
    // Anything still queued would reach the sandbox now: wait out a few write spacings.
    const settledAt = pushed.length;
    await new Promise((resolve) => setTimeout(resolve, 5_000 * params.timeScale + 50));
    const lateRequests = local.github.requestLog().length - settledAt;

    const wrongChecks: string[] = [];
    const evaluationErrors: string[] = [];
    const checkRuns: Record<string, number> = {};
    for (const { number, governed } of numbers) {
      const runs = `${governed ? "governed" : "other"}: ${local.github.checkRuns({ repo: REPO, number }).length} runs`;
      checkRuns[runs] = (checkRuns[runs] ?? 0) + 1;
      const check = local.github.latestCheck({ repo: REPO, number });
      const shown = check ? `${check.status}/${check.conclusion ?? "-"}: ${check.output.title ?? ""}` : "no check";
      const expected = governed ? "in_progress/-: 0 of 4 approvals" : "completed/success: No governed files changed";
      if (shown !== expected) wrongChecks.push(`#${number}: ${shown}`);
      if (local.github.checkRuns({ repo: REPO, number }).some((run) => /error/i.test(run.output.title ?? ""))) evaluationErrors.push(`#${number}`);
    }
    const pacing = writePacing([...opened, ...pushed].filter(isWrite));
    return {
      timeScale: params.timeScale,
      pullRequests: params.pullRequests,
      openSeconds,
      pushSeconds,
      wrongChecks,
      evaluationErrors,
      checkRuns,
      openWrites,
      pushWrites,
      repeatedWrites: repeated(pushed.filter(isWrite)),
      maxWritesInFlight: pacing.maxInFlight,
      minWriteSpacingMs: pacing.minSpacingMs,
      maxWritesPerWindow: CONTENT_LIMITS.map((limit) => ({ ...limit, seen: pacing.maxWithin(limit.perMs * params.timeScale) })),
      failedDeliveries: local.github.deliveries().filter((d) => d.status === null || d.status < 200 || d.status > 299).length,
      lateRequests,
      problems,
    };
  } finally {
    await local.stop();
  }
}

function writesOf(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([route]) => isWrite({ route })));
}

/** Writes to the same path with the same method more than once (a POST to a collection is counted by route and path). */
function repeated(writes: RequestRecord[]): string[] {
  const seen = new Map<string, number>();
  for (const w of writes) {
    const key = `${w.route.split(" ")[0]} ${w.path}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([key, n]) => n > 1 && !key.endsWith("/check-runs")).map(([key, n]) => `${key} ×${n}`);
}
