import { fork, type ChildProcess } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { GitHubDriver } from "../sandbox/driver.js";
import { manifestEvents } from "../sandbox/gavel/local-gavel.js";
import { Sandbox } from "../sandbox/sandbox.js";
import { quantile } from "./latency.js";
import { SEVEN, CHARTER } from "./world.js";

export interface MemoryPoint {
  afterActions: number;
  heapUsedMb: number;
  rssMb: number;
  cacheEntries: number;
}

export interface LoadResult {
  /** The clocks of Gavel's requests (Octokit's throttling, GitHub's content limits, timeouts) as a fraction of production's. */
  timeScale: number;
  repositories: number;
  actions: number;
  deliveries: number;
  seconds: number;
  deliveriesPerSecond: number;
  apiRequests: number;
  failedDeliveries: number;
  p50Ms: number;
  p99Ms: number;
  slowestMs: number;
  memory: MemoryPoint[];
  peakRssMb: number;
  caches: Record<string, number>;
}

const MB = 1024 * 1024;

export interface Target {
  repo: string;
  governed: number[];
  other: number[];
  issue: number;
}

/**
 * Gavel in a child process (its memory alone), the sandbox here, deliveries
 * `concurrency` at a time as GitHub sends them. A fixed, seeded mix of what
 * people do across `repositories` repositories; every action sends at least
 * one webhook, and Gavel's own writes send more (those count as deliveries).
 */
export async function load(params: {
  actions: number;
  repositories: number;
  concurrency: number;
  checkpoints: number;
  timeScale: number;
}): Promise<LoadResult> {
  const rig = await startRig({ concurrency: params.concurrency, timeScale: params.timeScale });
  const { sandbox, github, problems } = rig;
  const durations: number[] = [];
  let failed = 0;
  sandbox.deliveries.onAnswered = (d) => {
    if (d.durationMs !== null) durations.push(d.durationMs);
    if (d.status !== 200) failed++;
  };
  try {
    const targets = setUp({ github, repositories: params.repositories });
    await rig.idle();
    durations.length = 0;
    failed = 0;
    const { memory, requests, seconds } = await runActions({ rig, targets, actions: params.actions, checkpoints: params.checkpoints });
    const final = await rig.child.memory();
    durations.sort((a, b) => a - b);
    if (problems.length > 0) throw new Error(`the sandbox reported problems during the load: ${problems.slice(0, 3).join("; ")}`);
    return {
      timeScale: params.timeScale,
      repositories: params.repositories,
      actions: params.actions,
      deliveries: durations.length,
      seconds,
      deliveriesPerSecond: durations.length / seconds,
      apiRequests: requests,
      failedDeliveries: failed,
      p50Ms: quantile({ sorted: durations, q: 0.5 }),
      p99Ms: quantile({ sorted: durations, q: 0.99 }),
      slowestMs: durations.at(-1) ?? 0,
      memory,
      peakRssMb: final.peakRss / MB,
      caches: final.caches,
    };
  } finally {
    await rig.stop();
  }
}

/** The sandbox, Gavel's process pointed at it, and what it takes to replace that process with a fresh one. */
export interface LoadRig {
  sandbox: Sandbox;
  github: GitHubDriver;
  /** What the sandbox reported loudly (501s, 422s). */
  problems: string[];
  child: GavelChild;
  /** Stops Gavel's process and starts a new one (empty caches, no timers) on the same sandbox. */
  restartGavel(): Promise<GavelChild>;
  /** Every delivery answered and every handler done: Probot answers 202 after 9 s and lets a handler go on. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `timeScale` runs Gavel's request clocks (Octokit's throttling, GitHub's
 * content limits, its timeouts) that much faster than production's, in
 * Gavel's process.
 */
export async function startRig(params: { concurrency: number; timeScale: number }): Promise<LoadRig> {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const secret = randomBytes(24).toString("hex");
  const problems: string[] = [];
  const sandbox = await Sandbox.start({
    app: { id: 4242, slug: "gavel", name: "Gavel", publicKey, webhookSecret: secret, events: manifestEvents() },
    start: new Date(),
    onProblem: (m) => problems.push(m),
  });
  sandbox.store.checkShapes = false;
  sandbox.deliveries.concurrency = params.concurrency;
  sandbox.deliveries.logLimit = 1000;
  const launch = async (): Promise<GavelChild> => {
    const child = await startChild({ sandboxUrl: sandbox.url, privateKey, secret, timeScale: params.timeScale });
    sandbox.setWebhookUrl(`http://127.0.0.1:${child.port}/api/github/webhooks`);
    return child;
  };
  const rig: LoadRig = {
    sandbox,
    github: new GitHubDriver({ sandbox, tickMs: 0 }),
    problems,
    child: await launch(),
    restartGavel: async () => {
      await rig.child.stop();
      rig.child = await launch();
      return rig.child;
    },
    idle: async () => {
      // A handler that is done may have written, and its echo is a new delivery: until both are quiet.
      do await sandbox.deliveries.idle();
      while ((await rig.child.idle()).waited || !sandbox.deliveries.isIdle());
    },
    stop: async () => {
      await rig.child.stop();
      await sandbox.stop();
    },
  };
  return rig;
}

/**
 * The seeded mix of actions over `targets`, at most a few deliveries per slot
 * queued, the sandbox clock kept at the wall clock. Every `actions /
 * checkpoints` actions it waits until idle and records Gavel's memory.
 */
export async function runActions(params: {
  rig: LoadRig;
  targets: Target[];
  actions: number;
  checkpoints: number;
}): Promise<{ memory: MemoryPoint[]; requests: number; seconds: number }> {
  const { rig, targets } = params;
  const { sandbox, github } = rig;
  const concurrency = sandbox.deliveries.concurrency;
  const sync = () => github.advanceClock(Math.max(0, Date.now() - github.now().getTime()));
  github.resetRequestCounts();
  const memory: MemoryPoint[] = [];
  const random = seeded(42);
  const started = performance.now();
  const every = Math.ceil(params.actions / params.checkpoints);
  let requests = 0;
  for (let i = 1; i <= params.actions; i++) {
    if (i % 100 === 0) sync();
    act({ github, target: targets[Math.floor(random() * targets.length)] ?? targets[0], roll: random(), i });
    while (sandbox.deliveries.backlog > concurrency * 4) await new Promise((resolve) => setImmediate(resolve));
    if (i % every === 0 || i === params.actions) {
      await rig.idle();
      requests += Object.values(github.requestCounts()).reduce((sum, n) => sum + n, 0);
      github.resetRequestCounts();
      const m = await rig.child.memory();
      memory.push({ afterActions: i, heapUsedMb: m.heapUsed / MB, rssMb: m.rss / MB, cacheEntries: Object.values(m.caches).reduce((sum, n) => sum + n, 0) });
    }
  }
  return { memory, requests, seconds: (performance.now() - started) / 1000 };
}

export function setUp(params: { github: GitHubDriver; repositories: number }): Target[] {
  const { github } = params;
  const targets: Target[] = [];
  for (let r = 0; r < params.repositories; r++) {
    const repo = `org-${r % 10}/project-${r}`;
    github.createRepo({ repo, maintainers: SEVEN, files: { "GOVERNANCE.md": CHARTER, "README.md": "# project\n" } });
    const governed = [0, 1, 2].map((p) =>
      github.openPullRequest({ repo, author: SEVEN[p] ?? "alice", title: `Charter ${p}`, files: { "GOVERNANCE.md": `${CHARTER}\nAmendment ${p}.\n` } }),
    );
    const other = [0, 1].map((p) => github.openPullRequest({ repo, author: "zoe", title: `Docs ${p}`, files: { [`docs/page-${p}.md`]: `# Page ${p}\n` } }));
    const issue = github.openIssue({ repo, author: "alice", title: "Adopt the charter" });
    github.comment({ repo, number: issue, user: "alice", body: "/vote" });
    targets.push({ repo, governed, other, issue });
  }
  return targets;
}

/** One person's action, by a fixed mix: mostly reviews, then comments, pushes, labels, ballots and new PRs. */
function act(params: { github: GitHubDriver; target: Target | undefined; roll: number; i: number }): void {
  const { github, target, roll, i } = params;
  if (!target) return;
  const { repo } = target;
  const governed = target.governed[i % target.governed.length] ?? 0;
  const user = SEVEN[i % SEVEN.length] ?? "bob";
  if (roll < 0.45)
    github.review({ repo, number: governed, user, state: i % 5 === 0 ? "REQUEST_CHANGES" : i % 3 === 0 ? "COMMENT" : "APPROVE", body: "review" });
  else if (roll < 0.6) github.comment({ repo, number: governed, user: "zoe", body: `Thoughts, round ${i}.` });
  else if (roll < 0.7)
    github.push({
      repo,
      number: target.other[i % target.other.length] ?? governed,
      author: "zoe",
      files: { [`docs/page-${i % 7}.md`]: `# Page, revision ${i}\n` },
    });
  else if (roll < 0.8) github.label({ repo, number: governed, user: "alice", label: `topic-${i % 4}`, remove: i % 2 === 0 });
  else if (roll < 0.9) github.comment({ repo, number: target.issue, user, body: i % 4 === 0 ? "/vote no" : "/vote yes" });
  else if (roll < 0.95) github.push({ repo, number: governed, author: "alice", files: { "GOVERNANCE.md": `${CHARTER}\nRevision ${i}.\n` } });
  else target.other.push(github.openPullRequest({ repo, author: "zoe", title: `Fix ${i}`, files: { [`src/file-${i}.ts`]: `export const x = ${i};\n` } }));
}

/** Gavel in its own process; `stop` resolves once that process has exited. */
export interface GavelChild {
  port: number;
  memory: () => Promise<ChildMemory>;
  /** Waits until no webhook handler runs in Gavel's process; says whether one was running. */
  idle: () => Promise<{ waited: boolean }>;
  stop: () => Promise<void>;
}

async function startChild(params: { sandboxUrl: string; privateKey: string; secret: string; timeScale: number }): Promise<GavelChild> {
  const child: ChildProcess = fork(new URL("./gavel-child.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    env: {
      ...process.env,
      BENCH_SANDBOX_URL: params.sandboxUrl,
      BENCH_APP_ID: "4242",
      BENCH_PRIVATE_KEY: params.privateKey,
      BENCH_SECRET: params.secret,
      BENCH_TIME_SCALE: String(params.timeScale),
      NODE_ENV: "production",
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message: unknown) =>
      resolve(typeof message === "object" && message !== null && "port" in message && typeof message.port === "number" ? message.port : 0),
    );
    child.once("exit", (code) => reject(new Error(`Gavel's process exited with ${code}`)));
  });
  return {
    port,
    memory: async () => {
      const response = await fetch(`http://127.0.0.1:${port}/bench/memory`);
      return parseMemory(await response.json());
    },
    idle: async () => {
      const answer: unknown = await (await fetch(`http://127.0.0.1:${port}/bench/idle`)).json();
      return { waited: typeof answer === "object" && answer !== null && Reflect.get(answer, "waited") === true };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      if (child.connected) child.disconnect();
      child.kill();
      await exited;
    },
  };
}

export interface ChildMemory {
  heapUsed: number;
  rss: number;
  peakRss: number;
  caches: Record<string, number>;
}

function parseMemory(value: unknown): ChildMemory {
  const record = typeof value === "object" && value !== null ? value : {};
  const number = (key: string): number => {
    const v: unknown = Reflect.get(record, key);
    return typeof v === "number" ? v : Number.NaN;
  };
  const caches: unknown = Reflect.get(record, "caches");
  const sizes =
    typeof caches === "object" && caches !== null
      ? Object.fromEntries(Object.entries(caches).filter((e): e is [string, number] => typeof e[1] === "number"))
      : {};
  return { heapUsed: number("heapUsed"), rss: number("rss"), peakRss: number("peakRss"), caches: sizes };
}

/** A small deterministic generator (mulberry32): the same mix on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
