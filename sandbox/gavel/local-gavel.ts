import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { load as loadYaml } from "js-yaml";
import { Probot, type Logger } from "probot";
import { createGavel, type GavelRuntime } from "../../src/app.js";
import type { GitHubStores } from "../../src/github/stores.js";
import type { SweepReport } from "../../src/schedule/sweep.js";
import { GitHubDriver } from "../driver.js";
import { isRecord, stringsAt } from "../openapi/schema-doc.js";
import { Sandbox } from "../sandbox.js";
import { DrivenTimers } from "./driven-timers.js";
import { HandlerTracker } from "./handler-tracker.js";
import { pacedOctokit, sandboxPacing } from "./paced-octokit.js";
import { webhookMiddleware } from "./webhook-middleware.js";

export const SANDBOX_APP_ID = 4242;
export const WEBHOOK_PATH = "/api/github/webhooks";

export interface LocalGavelOptions {
  /** Where the sandbox clock starts; default 2026-03-02 09:00 UTC. */
  start?: Date;
  /** Probot's log level; default "fatal" (problems still surface through the sandbox and the deliveries). */
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** Probot's logger (then `logLevel` is its own), for tests that read what Gavel and Probot log; default Probot's. */
  log?: Logger;
  /** How far the clock moves with each driver action; default one minute. */
  tickMs?: number;
  sweepToken?: string | null;
  onProblem?: (message: string) => void;
  /** Gavel's stores (its cache), for tests that move their clock; default fresh ones. */
  stores?: GitHubStores;
  /**
   * Every clock of Gavel's requests (Octokit's throttling, GitHub's content
   * limits, Gavel's timeouts and backoff), as a fraction of production's;
   * default E2E_TIME_SCALE.
   */
  timeScale?: number;
  /**
   * When Gavel's webhook middleware answers `202 still processing` and lets
   * its handlers go on; default Probot's 9 s (see webhookMiddleware). Tests
   * of what happens after that answer scale it with `timeScale`.
   */
  answerWebhooksAfterMs?: number;
}

/**
 * The e2e tests run production's request machinery (Octokit's throttling and
 * retry plugins, Gavel's lanes of writes and request policy) twenty times
 * faster: writes 50 ms apart, searches 100 ms, GitHub's minute of content
 * limits in 3 s and its hour in 3 minutes, backoff from 12.5 ms; the timeout
 * of an attempt is 250 ms raised to SANDBOX_MIN_TIMEOUT_MS. GAVEL_E2E_TIME_SCALE
 * overrides it for a run.
 */
export const E2E_TIME_SCALE = Number(process.env.GAVEL_E2E_TIME_SCALE ?? "0.05");

/** One running Gavel: its Probot, its runtime (scheduler, sweep), its timers and its HTTP server. */
interface GavelProcess {
  runtime: GavelRuntime;
  probot: Probot;
  timers: DrivenTimers;
  /** Gavel's webhook handlers still running, answered or not (Probot answers 202 after 9 s and goes on). */
  handlers: HandlerTracker;
  server: Server;
  webhookUrl: string;
}

/**
 * Gavel's real server against the sandbox: Probot with `baseUrl` pointing at
 * it, a key pair made at start (the sandbox knows the public half), a fresh
 * webhook secret, and createGavel on the sandbox clock with timers the
 * harness fires. Deliveries arrive over HTTP at Probot's node middleware.
 * `restart()` replaces the process (its timers and cache are lost, as in a
 * crash); `addReplica()` runs a second one that receives every delivery too.
 */
export class LocalGavel {
  readonly sandbox: Sandbox;
  /** What people do on the sandbox's GitHub, and what the app did there. */
  readonly github: GitHubDriver;
  private processes: GavelProcess[];
  private readonly boot: () => Promise<GavelProcess>;

  private constructor(parts: { sandbox: Sandbox; github: GitHubDriver; first: GavelProcess; boot: () => Promise<GavelProcess> }) {
    this.sandbox = parts.sandbox;
    this.github = parts.github;
    this.processes = [parts.first];
    this.boot = parts.boot;
  }

  private get primary(): GavelProcess {
    const first = this.processes[0];
    if (!first) throw new Error("no Gavel process is running");
    return first;
  }

  get runtime(): GavelRuntime {
    return this.primary.runtime;
  }

  /** Gavel's Probot: `probot.auth(installationId)` is an Octokit on the sandbox, for tests that call the API themselves. */
  get probot(): Probot {
    return this.primary.probot;
  }

  /** Where the app receives webhooks. */
  get webhookUrl(): string {
    return this.primary.webhookUrl;
  }

  static async start(options: LocalGavelOptions = {}): Promise<LocalGavel> {
    const { publicKey, privateKey } = appKeys();
    const secret = randomBytes(24).toString("hex");
    const sandbox = await Sandbox.start({
      app: { id: SANDBOX_APP_ID, slug: "gavel", name: "Gavel", publicKey, webhookSecret: secret, events: manifestEvents() },
      start: options.start ?? new Date("2026-03-02T09:00:00Z"),
      ...(options.onProblem ? { onProblem: options.onProblem } : {}),
    });
    let booted = 0;
    // Only the first process may use injected stores: every later one starts empty, as after a crash.
    const boot = () => bootGavel({ sandbox, privateKey, secret, options: booted++ === 0 ? options : { ...options, stores: undefined } });
    const first = await boot();
    sandbox.setWebhookUrl(first.webhookUrl);
    const github = new GitHubDriver({ sandbox, tickMs: options.tickMs ?? 60_000 });
    return new LocalGavel({ sandbox, github, first, boot });
  }

  /**
   * Kills the primary Gavel (its in-memory timers and cache are lost, its
   * server stops answering) and starts a fresh one in its place, as a crash
   * and a restart would. Deliveries go to the new one.
   */
  async restart(): Promise<void> {
    const [old, ...rest] = this.processes;
    if (old) await shutDown(old);
    const next = await this.boot();
    this.processes = [next, ...rest];
    this.sandbox.setWebhookUrl(next.webhookUrl);
  }

  /** A second Gavel with its own cache and timers; the sandbox sends it every delivery too, at the same time. */
  async addReplica(): Promise<GavelRuntime> {
    const replica = await this.boot();
    this.processes.push(replica);
    this.sandbox.deliveries.extraUrls.push(replica.webhookUrl);
    return replica.runtime;
  }

  /**
   * Waits until Gavel has nothing left to do at the current sandbox time:
   * every delivery answered and its handlers done (the middleware answers
   * after the handlers ran, or with 202 after 9 s while they go on), every
   * due timer fired and its wake-up finished, including the deliveries
   * Gavel's own writes caused. Requests queued by Gavel's pacing are part of
   * a handler or a wake-up, so they are waited for too, in real time.
   */
  async settle(): Promise<void> {
    const handling = () => this.processes.some((p) => p.handlers.inFlight > 0);
    for (let round = 0; round < 1000; round++) {
      await this.sandbox.deliveries.idle();
      await Promise.all(this.processes.map((p) => p.handlers.idle()));
      await Promise.all(this.processes.map((p) => p.runtime.scheduler().idle()));
      let fired = false;
      for (const p of this.processes) {
        if (p.timers.fireNext()) {
          fired = true;
          await p.runtime.scheduler().idle();
        }
      }
      if (!fired && this.sandbox.deliveries.isIdle() && !handling()) return;
    }
    throw new Error("Gavel did not settle after 1000 rounds: a timer or webhook loop?");
  }

  /**
   * Moves the sandbox clock on by `ms`, stopping at each of Gavel's timers on
   * the way so that it runs at its own time (as on a live server), and
   * settling there.
   */
  async advance(ms: number): Promise<void> {
    const target = this.github.now().getTime() + ms;
    for (let stop = 0; stop < 1000; stop++) {
      const next = Math.min(...this.processes.map((p) => p.timers.nextAt()?.getTime() ?? Infinity));
      if (next > target) break;
      this.github.advanceClock(Math.max(0, next - this.github.now().getTime()));
      await this.settle();
    }
    this.github.advanceClock(Math.max(0, target - this.github.now().getTime()));
    await this.settle();
  }

  /** Runs Gavel's reconcile sweep (as its interval or the sweep endpoint would), then settles. */
  async sweep(): Promise<SweepReport> {
    const report = await this.runtime.sweep();
    await this.settle();
    return report;
  }

  async stop(): Promise<void> {
    await this.settle();
    for (const p of this.processes) await shutDown(p);
    await this.sandbox.stop();
  }
}

async function bootGavel(params: { sandbox: Sandbox; privateKey: string; secret: string; options: LocalGavelOptions }): Promise<GavelProcess> {
  const { sandbox, privateKey, secret, options } = params;
  const clock = sandbox.store.clock;
  const timers = new DrivenTimers(clock.now);
  const pacing = sandboxPacing(options.timeScale ?? E2E_TIME_SCALE);
  const probot = new Probot({
    appId: SANDBOX_APP_ID,
    privateKey,
    secret,
    baseUrl: sandbox.url,
    Octokit: pacedOctokit(pacing),
    logLevel: options.logLevel ?? "fatal",
    ...(options.log ? { log: options.log } : {}),
  });
  const gavel = createGavel({
    appId: SANDBOX_APP_ID,
    secret,
    now: clock.now,
    timers,
    sweepIntervalMs: 0,
    sweepToken: options.sweepToken ?? null,
    pacing,
    ...(options.stores ? { stores: options.stores } : {}),
  });
  const handlers = new HandlerTracker();
  const middleware = await webhookMiddleware({
    probot,
    appFn: handlers.wrap(gavel.appFn),
    path: WEBHOOK_PATH,
    ...(options.answerWebhooksAfterMs === undefined ? {} : { answerAfterMs: options.answerWebhooksAfterMs }),
  });
  const server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!isAddress(address)) throw new Error("Gavel's server has no TCP address");
  return { runtime: gavel.runtime, probot, timers, handlers, server, webhookUrl: `http://127.0.0.1:${address.port}${WEBHOOK_PATH}` };
}

async function shutDown(gavel: GavelProcess): Promise<void> {
  gavel.runtime.stop();
  gavel.server.closeAllConnections();
  await new Promise<void>((resolve) => gavel.server.close(() => resolve()));
}

let keys: { publicKey: string; privateKey: string } | null = null;

/**
 * The app's RSA key pair, made once per process: making one takes a tenth of
 * a second or more, and each start has its own sandbox anyway, which knows
 * only its own app's public key.
 */
export function appKeys(): { publicKey: string; privateKey: string } {
  keys ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return keys;
}

/** The events Gavel's manifest subscribes to: GitHub delivers no others. */
export function manifestEvents(): string[] {
  const manifest: unknown = loadYaml(readFileSync(new URL("../../app.yml", import.meta.url), "utf8"));
  const events = isRecord(manifest) ? stringsAt({ record: manifest, key: "default_events" }) : [];
  if (events.length === 0) throw new Error("app.yml lists no default_events");
  return events;
}

function isAddress(value: unknown): value is AddressInfo {
  return typeof value === "object" && value !== null && "port" in value;
}
