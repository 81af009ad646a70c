/**
 * Gavel alone in its own process, pointed at the benchmark's sandbox, so that
 * its memory is measured without the sandbox's. Configured by environment
 * (BENCH_SANDBOX_URL, BENCH_APP_ID, BENCH_PRIVATE_KEY, BENCH_SECRET,
 * BENCH_CACHE_SCALE for the caches' caps, default 1, and BENCH_TIME_SCALE for
 * the clocks of its requests, default 1: Octokit's throttling and retries
 * are on, as in production); tells the parent its port over IPC; answers
 * GET /bench/memory with its memory after a full garbage collection (run
 * with --expose-gc), its peak RSS, and the sizes of its caches, and
 * GET /bench/idle once no webhook handler is running (Probot answers a
 * delivery 202 after 9 s and lets its handler go on).
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createNodeMiddleware, Probot } from "probot";
import { HandlerTracker } from "../sandbox/gavel/handler-tracker.js";
import { pacedOctokit, sandboxPacing } from "../sandbox/gavel/paced-octokit.js";
import { createGavel } from "../src/app.js";
import { GitHubStores } from "../src/github/stores.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const appId = Number(env("BENCH_APP_ID"));
const secret = env("BENCH_SECRET");
// BENCH_CACHE_SCALE shrinks the caches' caps, so that a soak fills them early and shows memory flat after.
const cache = new GitHubStores({ scale: Number(process.env.BENCH_CACHE_SCALE ?? "1") });
const pacing = sandboxPacing(Number(process.env.BENCH_TIME_SCALE ?? "1"));
const probot = new Probot({
  appId,
  privateKey: env("BENCH_PRIVATE_KEY"),
  secret,
  baseUrl: env("BENCH_SANDBOX_URL"),
  Octokit: pacedOctokit(pacing),
  logLevel: "fatal",
});
const gavel = createGavel({ appId, secret, sweepIntervalMs: 0, sweepToken: null, stores: cache, pacing });
const handlers = new HandlerTracker();
const middleware = await createNodeMiddleware(handlers.wrap(gavel.appFn), { probot, webhooksPath: "/api/github/webhooks" });
const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/bench/idle") {
    // Says whether it had to wait: a handler that ran may have written, and its echo is a new delivery.
    const busy = handlers.inFlight > 0;
    void handlers.idle().then(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ waited: busy })));
    return;
  }
  if (req.method === "GET" && req.url === "/bench/memory") {
    globalThis.gc?.();
    const body = JSON.stringify({ ...process.memoryUsage(), peakRss: peakRss(), caches: cache.sizes() });
    res.writeHead(200, { "content-type": "application/json" }).end(body);
    return;
  }
  void middleware(req, res, () => {
    res.writeHead(404).end();
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("disconnect", () => {
  gavel.runtime.stop();
  server.close();
  process.exit(0);
});

/** The process's peak resident set (VmHWM), in bytes; Linux only, else the current RSS. */
function peakRss(): number {
  try {
    const line = readFileSync("/proc/self/status", "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmHWM:"));
    const kb = line ? Number(line.replace(/\D+/g, "")) : Number.NaN;
    return Number.isFinite(kb) ? kb * 1024 : process.memoryUsage().rss;
  } catch {
    return process.memoryUsage().rss;
  }
}
