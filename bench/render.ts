import type { EventCost } from "./api-costs.js";
import type { BurstResult } from "./burst.js";
import type { LatencyResult } from "./latency.js";
import type { LoadResult } from "./load.js";
import type { ScaleResult } from "./scale.js";

export interface BenchResults {
  ranAt: string;
  machine: { node: string; cpus: number; cpu: string; memoryGb: number };
  costs: EventCost[];
  latency: LatencyResult[];
  load: LoadResult;
  burst: BurstResult;
  scale: ScaleResult[];
}

/** The results as Markdown tables: what `npm run bench` prints and the README shows. */
export function renderTables(r: BenchResults): string {
  const ms = (n: number) => (n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(1) : n.toFixed(0));
  const out: string[] = [];
  out.push(`Measured ${r.ranAt.slice(0, 10)} on ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memoryGb} GiB, Node ${r.machine.node}.`, "");
  out.push("**API requests per event** (counted by the sandbox; installation tokens excluded)", "");
  out.push("| event | cold | warm | of which 304 |", "| --- | ---: | ---: | ---: |");
  for (const c of r.costs) out.push(`| ${c.event} | ${c.cold} | ${c.warm} | ${c.warmNotModified} |`);
  out.push("", "**Webhook to answer**, one delivery at a time (ms)", "");
  out.push("| event | API latency | n | p50 | p99 |", "| --- | ---: | ---: | ---: | ---: |");
  for (const l of r.latency) out.push(`| ${l.event} | ${l.injectedMs} ms | ${l.samples} | ${ms(l.p50Ms)} | ${ms(l.p99Ms)} |`);
  const L = r.load;
  out.push(
    "",
    `**Load**: ${L.actions.toLocaleString("en")} actions across ${L.repositories} repositories, ${L.deliveries.toLocaleString("en")} deliveries, 8 in flight, Gavel in its own process`,
    "",
  );
  out.push("| figure | value |", "| --- | ---: |");
  out.push(`| deliveries per second (sandbox included) | ${L.deliveriesPerSecond.toFixed(0)} |`);
  out.push(`| API requests per action | ${(L.apiRequests / L.actions).toFixed(2)} |`);
  out.push(`| delivery p50 / p99 / slowest | ${ms(L.p50Ms)} / ${ms(L.p99Ms)} / ${ms(L.slowestMs)} ms |`);
  out.push(`| failed deliveries | ${L.failedDeliveries} |`);
  out.push(`| peak RSS | ${L.peakRssMb.toFixed(0)} MiB |`);
  out.push(`| heap after GC, by checkpoint | ${L.memory.map((m) => m.heapUsedMb.toFixed(0)).join(" → ")} MiB |`);
  out.push(`| cache entries, by checkpoint | ${L.memory.map((m) => m.cacheEntries).join(" → ")} |`);
  const B = r.burst;
  const problems = B.wrongChecks.length + B.evaluationErrors.length + B.repeatedWrites.length + B.failedDeliveries + B.problems.length;
  out.push(
    "",
    `**Burst**: ${B.pullRequests} PRs opened at once in one installation, then a push that changes the rules; production's throttling, clocks × ${B.timeScale}`,
    "",
  );
  out.push("| figure | value |", "| --- | ---: |");
  out.push(`| PRs opened → Gavel idle | ${B.openSeconds.toFixed(1)} s |`);
  out.push(`| push → every open PR governed again, Gavel idle | ${B.pushSeconds.toFixed(1)} s |`);
  out.push(`| writes (opening / push) | ${sum(B.openWrites)} / ${sum(B.pushWrites)} |`);
  out.push(`| most writes in flight at once | ${B.maxWritesInFlight} |`);
  out.push(`| shortest time between two writes | ${B.minWriteSpacingMs === null ? "-" : ms(B.minWriteSpacingMs)} ms |`);
  for (const w of B.maxWritesPerWindow) out.push(`| most writes in ${window(w.perMs * B.timeScale)} (GitHub allows ${w.requests}) | ${w.seen} |`);
  out.push(`| wrong checks, evaluation errors, repeated writes, failed deliveries | ${problems} |`);
  out.push("", "**Scale cases** (pure code, median of repeated runs)", "");
  out.push("| case | median | target |", "| --- | ---: | ---: |");
  for (const s of r.scale) out.push(`| ${s.name} | ${ms(s.medianMs)} ms | < ${s.targetMs} ms ${s.medianMs < s.targetMs ? "✓" : "✗"} |`);
  return `${out.join("\n")}\n`;
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, n) => total + n, 0);
}

/** A window of GitHub's limits as the run saw it: "a minute", or "3 s" when scaled. */
function window(ms: number): string {
  if (ms === 60_000) return "a minute";
  if (ms === 3_600_000) return "an hour";
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
}
