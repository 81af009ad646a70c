/**
 * `npm run bench`: Gavel's API cost per event, its latency, throughput and
 * memory, driven over HTTP against the local GitHub sandbox, plus the pure
 * scale cases. Prints a table and writes bench/results.json. Timings vary by
 * machine; call counts don't (the tests hold those).
 *
 * Gavel runs with Probot's throttling and retry plugins and its own pacing,
 * as in production. The burst of issue 15 (200 PRs in one installation, then
 * a push that changes the rules) runs at production speed: writes a second
 * apart, about six minutes. The other phases run every clock of that pacing
 * × 0.05 (the e2e tests' scale; the load, SOAK_TIME_SCALE).
 *
 * BENCH_ACTIONS (default 50000) sets the size of the load phase;
 * BENCH_BURST_SCALE (default 1) the clocks of the burst.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { eventCosts } from "./api-costs.js";
import { burst } from "./burst.js";
import { latencies } from "./latency.js";
import { load } from "./load.js";
import { SOAK_TIME_SCALE } from "./soak.js";
import { scaleCases } from "./scale.js";
import { renderTables } from "./render.js";

const actions = Number(process.env.BENCH_ACTIONS ?? 50_000);
const step = (name: string) => process.stderr.write(`bench: ${name}…\n`);

step("API calls per event, cold and warm");
const costs = await eventCosts();
step("latency with GitHub answering at once");
const fast = await latencies({ samples: 100, injectedMs: 0 });
step("latency with 100 ms added to every API answer");
const slow = await latencies({ samples: 20, injectedMs: 100 });
step(`load: ${actions} actions across 100 repositories`);
const loaded = await load({ actions, repositories: 100, concurrency: 8, checkpoints: 10, timeScale: SOAK_TIME_SCALE });
const burstScale = Number(process.env.BENCH_BURST_SCALE ?? 1);
step(`burst: 200 PRs in one installation, then a push that changes the rules, clocks × ${burstScale}`);
const burstResult = await burst({ timeScale: burstScale, pullRequests: 200 });
step("scale cases");
const scale = scaleCases();

const results = {
  ranAt: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30) },
  costs,
  latency: [...fast, ...slow],
  load: loaded,
  burst: burstResult,
  scale,
};
writeFileSync(new URL("./results.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(renderTables(results));
