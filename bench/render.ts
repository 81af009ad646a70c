import type { EventCost } from "./api-costs.js";
import type { LatencyResult } from "./latency.js";
import type { LoadResult } from "./load.js";
import type { ScaleResult } from "./scale.js";

export interface BenchResults {
  ranAt: string;
  machine: { node: string; cpus: number; cpu: string; memoryGb: number };
  costs: EventCost[];
  latency: LatencyResult[];
  load: LoadResult;
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
  out.push("", "**Scale cases** (pure code, median of repeated runs)", "");
  out.push("| case | median | target |", "| --- | ---: | ---: |");
  for (const s of r.scale) out.push(`| ${s.name} | ${ms(s.medianMs)} ms | < ${s.targetMs} ms ${s.medianMs < s.targetMs ? "✓" : "✗"} |`);
  return `${out.join("\n")}\n`;
}
