/**
 * `npm run soak`: the full-size soak of issue #8 over the local GitHub
 * sandbox (bench/soak.ts). Prints a table and exits non-zero if any guarantee
 * fails: at least SOAK_MIN_DELIVERIES deliveries, each answered 2xx within
 * GitHub's 10 s, every open PR's final state equal to a fresh evaluation (a
 * fresh process writes nothing), no sandbox problem, and heap after GC flat
 * after warm-up (the last half of the checkpoints grows by at most
 * SOAK_MAX_HEAP_GROWTH_MB).
 *
 * Environment: SOAK_ACTIONS (50000), SOAK_REPOSITORIES (100),
 * SOAK_CONCURRENCY (8), SOAK_CHECKPOINTS (10), SOAK_MIN_DELIVERIES (50000),
 * SOAK_MAX_HEAP_GROWTH_MB (8). BENCH_CACHE_SCALE (1) multiplies the caps of
 * Gavel's caches: 0.1 fills them within the first checkpoints, so that the
 * last half shows memory with every cache at its cap.
 */
import { DELIVERY_DEADLINE_MS, soak, type SoakResult } from "../bench/soak.js";

const setting = (params: { name: string; fallback: number }): number => {
  const text = process.env[params.name];
  if (text === undefined || text === "") return params.fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${params.name} must be a number ≥ 0, not "${text}"`);
  return value;
};

const actions = setting({ name: "SOAK_ACTIONS", fallback: 50_000 });
const repositories = setting({ name: "SOAK_REPOSITORIES", fallback: 100 });
const concurrency = setting({ name: "SOAK_CONCURRENCY", fallback: 8 });
const checkpoints = setting({ name: "SOAK_CHECKPOINTS", fallback: 10 });
const minDeliveries = setting({ name: "SOAK_MIN_DELIVERIES", fallback: 50_000 });
const maxHeapGrowthMb = setting({ name: "SOAK_MAX_HEAP_GROWTH_MB", fallback: 8 });

process.stderr.write(`soak: ${actions} actions across ${repositories} repositories, ${concurrency} deliveries in flight…\n`);
const result = await soak({ actions, repositories, concurrency, checkpoints });
const { table, failures } = report(result);
process.stdout.write(table);
if (failures.length > 0) {
  process.stdout.write(`\nFAILED:\n${failures.map((f) => `- ${f}`).join("\n")}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write("\nEvery guarantee held.\n");
}

interface Row {
  what: string;
  value: string;
  /** Whether the guarantee on this row held; undefined for a figure with no guarantee. */
  ok?: boolean;
}

function report(r: SoakResult): { table: string; failures: string[] } {
  const writes = (part: string) =>
    Object.entries(r.freshWrites)
      .filter(([route]) => route.includes(part))
      .reduce((sum, [, n]) => sum + n, 0);
  const allWrites = Object.values(r.freshWrites).reduce((sum, n) => sum + n, 0);
  const tail = r.memory.slice(Math.floor(r.memory.length / 2));
  const late = r.load.late + r.fresh.late;
  const failed = r.load.failed + r.fresh.failed;
  const rows: Row[] = [
    {
      what: `deliveries sent by the sandbox (≥ ${count(minDeliveries)})`,
      value: `${count(r.load.sent)} (${count(r.load.echoes)} echo Gavel's writes)`,
      ok: r.load.sent >= minDeliveries,
    },
    { what: "deliveries per second (sandbox included)", value: count(Math.round(r.deliveriesPerSecond)) },
    { what: "delivery p50 / p99 / slowest", value: `${ms(r.load.p50Ms)} / ${ms(r.load.p99Ms)} / ${ms(r.load.slowestMs)} ms` },
    { what: `deliveries slower than ${DELIVERY_DEADLINE_MS / 1000} s (load + re-evaluation)`, value: count(late), ok: late === 0 },
    { what: "deliveries not answered 2xx (load + re-evaluation)", value: count(failed), ok: failed === 0 },
    {
      what: "open PRs re-run by a fresh process",
      value: `${count(r.pullRequests)} (${count(r.freshReads)} reads; slowest ${ms(r.fresh.slowestMs)} ms)`,
      ok: r.pullRequests > 0 && r.freshReads >= r.pullRequests,
    },
    { what: "open PRs without a governance check", value: count(r.missingChecks.length), ok: r.missingChecks.length === 0 },
    {
      what: "fresh writes: checks / labels / comments",
      value: `${writes("/check-runs")} / ${writes("/labels")} / ${writes("/comments")}`,
      ok: allWrites === 0,
    },
    { what: "checks a fresh evaluation changed", value: count(r.changedChecks.length), ok: r.changedChecks.length === 0 },
    { what: "labels a fresh evaluation changed", value: count(r.changedLabels.length), ok: r.changedLabels.length === 0 },
    {
      what: `heap after GC, last half (growth ≤ ${maxHeapGrowthMb} MiB)`,
      value: `${tail.map((m) => mib(m.heapUsedMb)).join(" → ")} MiB (${signed(r.heapGrowthMb)})`,
      ok: r.heapGrowthMb <= maxHeapGrowthMb,
    },
    { what: "heap after GC, every checkpoint", value: `${r.memory.map((m) => mib(m.heapUsedMb)).join(" → ")} MiB` },
    { what: "cache entries, every checkpoint", value: r.memory.map((m) => count(m.cacheEntries)).join(" → ") },
    { what: "peak RSS", value: `${mib(r.peakRssMb)} MiB` },
    { what: "sandbox problems (501, 422, shapes)", value: count(r.problems.length), ok: r.problems.length === 0 },
  ];
  const lines = [
    `Soak: ${count(r.actions)} actions across ${count(r.repositories)} repositories in ${r.seconds.toFixed(0)} s, ${r.concurrency} deliveries in flight, Gavel in its own process`,
    "",
    "| figure | value | |",
    "| --- | ---: | :---: |",
    ...rows.map((row) => `| ${row.what} | ${row.value} | ${row.ok === undefined ? "" : row.ok ? "✓" : "✗"} |`),
  ];
  const changes = [...r.changedChecks.map((c) => ({ ...c, kind: "check" })), ...r.changedLabels.map((c) => ({ ...c, kind: "labels" }))];
  if (changes.length > 0)
    lines.push("", "Changed by a fresh evaluation (before → after):", ...changes.slice(0, 30).map((c) => `- ${c.pr} ${c.kind}: ${c.before} → ${c.after}`));
  if (changes.length > 30) lines.push(`- … and ${changes.length - 30} more`);
  if (r.missingChecks.length > 0) lines.push("", `No governance check: ${r.missingChecks.slice(0, 30).join(", ")}`);
  if (r.problems.length > 0) lines.push("", "Sandbox problems:", ...r.problems.slice(0, 10).map((p) => `- ${p}`));
  if (allWrites > 0) lines.push("", `Fresh writes: ${JSON.stringify(r.freshWrites)}`);
  return { table: `${lines.join("\n")}\n`, failures: rows.filter((row) => row.ok === false).map((row) => `${row.what}: ${row.value}`) };
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function ms(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toPrecision(2);
}

function mib(n: number): string {
  return n.toFixed(0);
}

function signed(n: number): string {
  return `${n >= 0 ? "+" : ""}${n.toFixed(1)} MiB`;
}
