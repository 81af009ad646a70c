import { LocalGavel } from "../sandbox/gavel/local-gavel.js";
import { REPO, SEVEN, CHARTER } from "./world.js";

export interface LatencyResult {
  event: string;
  injectedMs: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Webhook to answer, as GitHub's delivery would time it (Probot answers after
 * the handlers ran), one delivery at a time, with every API answer held back
 * `injectedMs` to model GitHub's own latency. The sandbox's work is inside
 * the figure; with 100 ms injected it is noise.
 */
export async function latencies(params: { samples: number; injectedMs: number }): Promise<LatencyResult[]> {
  const local = await LocalGavel.start({
    tickMs: 1000,
    onProblem: (m) => {
      throw new Error(m);
    },
  });
  try {
    local.sandbox.store.checkShapes = false;
    local.github.createRepo({ repo: REPO, maintainers: SEVEN, files: { "GOVERNANCE.md": CHARTER } });
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Adopt the charter" });
    local.github.comment({ repo: REPO, number: issue, user: "alice", body: "/vote" });
    await local.settle();
    if (params.injectedMs > 0) local.github.injectFault({ route: "*", latencyMs: params.injectedMs });
    const prs: number[] = [];
    const kinds: Array<{ event: string; delivery: string; act: (i: number) => void }> = [
      {
        event: "pull_request.opened (governed)",
        delivery: "pull_request.opened",
        act: (i) =>
          void prs.push(local.github.openPullRequest({ repo: REPO, author: "alice", title: `t${i}`, files: { "GOVERNANCE.md": `${CHARTER}\n${i}\n` } })),
      },
      {
        event: "pull_request_review.submitted",
        delivery: "pull_request_review.submitted",
        act: (i) => void local.github.review({ repo: REPO, number: prs[i % prs.length] ?? 0, user: SEVEN[i % 7] ?? "bob", state: "APPROVE" }),
      },
      {
        event: "issue_comment.created (ballot)",
        delivery: "issue_comment.created",
        act: (i) => void local.github.comment({ repo: REPO, number: issue, user: SEVEN[i % 7] ?? "bob", body: i % 2 ? "/vote yes" : "/vote no" }),
      },
      {
        event: "issue_comment.created (no command)",
        delivery: "issue_comment.created",
        act: (i) => void local.github.comment({ repo: REPO, number: issue, user: "zoe", body: `thanks ${i}` }),
      },
    ];
    const results: LatencyResult[] = [];
    for (const kind of kinds) {
      const durations: number[] = [];
      for (let i = 0; i < params.samples; i++) {
        const before = local.github.deliveries().length;
        kind.act(i);
        await local.settle();
        const first = local.github
          .deliveries()
          .slice(before)
          .find((d) => `${d.event}.${d.action ?? ""}` === kind.delivery);
        if (first?.durationMs != null) durations.push(first.durationMs);
      }
      durations.sort((a, b) => a - b);
      results.push({
        event: kind.event,
        injectedMs: params.injectedMs,
        samples: durations.length,
        p50Ms: quantile({ sorted: durations, q: 0.5 }),
        p99Ms: quantile({ sorted: durations, q: 0.99 }),
      });
    }
    return results;
  } finally {
    local.github.clearFaults();
    await local.stop();
  }
}

export function quantile(params: { sorted: number[]; q: number }): number {
  const { sorted } = params;
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(params.q * sorted.length) - 1)] ?? Number.NaN;
}
