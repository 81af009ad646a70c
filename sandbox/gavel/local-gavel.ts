import { generateKeyPairSync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { load as loadYaml } from "js-yaml";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { createGavel, type GavelRuntime } from "../../src/app.js";
import type { GavelCache } from "../../src/cache/gavel-cache.js";
import type { RequestPolicy } from "../../src/github/request-policy.js";
import type { SweepReport } from "../../src/schedule/sweep.js";
import { GitHubDriver } from "../driver.js";
import { isRecord, stringsAt } from "../openapi/schema-doc.js";
import { Sandbox } from "../sandbox.js";
import { DrivenTimers } from "./driven-timers.js";

export const SANDBOX_APP_ID = 4242;
export const WEBHOOK_PATH = "/api/github/webhooks";

export interface LocalGavelOptions {
  /** Where the sandbox clock starts; default 2026-03-02 09:00 UTC. */
  start?: Date;
  /** Probot's log level; default "fatal" (problems still surface through the sandbox and the deliveries). */
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** How far the clock moves with each driver action; default one minute. */
  tickMs?: number;
  sweepToken?: string | null;
  onProblem?: (message: string) => void;
  /** Gavel's cache, for tests that move its clock; default a fresh one. */
  cache?: GavelCache;
  /** Gavel's request timeouts and retries; default FAST_REQUEST_POLICY. */
  requestPolicy?: RequestPolicy;
}

/** Production's policy with the waits shortened, so that retries don't slow the tests. */
export const FAST_REQUEST_POLICY: RequestPolicy = { timeoutMs: 2_000, readRetries: 2, backoffMs: 5 };

/**
 * Gavel's real server against the sandbox: Probot with `baseUrl` pointing at
 * it, a key pair made at start (the sandbox knows the public half), a fresh
 * webhook secret, and createGavel on the sandbox clock with timers the
 * harness fires. Deliveries arrive over HTTP at Probot's node middleware.
 */
export class LocalGavel {
  readonly sandbox: Sandbox;
  /** What people do on the sandbox's GitHub, and what the app did there. */
  readonly github: GitHubDriver;
  readonly runtime: GavelRuntime;
  /** Gavel's Probot: `probot.auth(installationId)` is an Octokit on the sandbox, for tests that call the API themselves. */
  readonly probot: Probot;
  /** Where the app receives webhooks. */
  readonly webhookUrl: string;
  private readonly timers: DrivenTimers;
  private readonly server: Server;

  private constructor(parts: { sandbox: Sandbox; github: GitHubDriver; runtime: GavelRuntime; probot: Probot; timers: DrivenTimers; server: Server; webhookUrl: string }) {
    this.sandbox = parts.sandbox;
    this.github = parts.github;
    this.runtime = parts.runtime;
    this.probot = parts.probot;
    this.timers = parts.timers;
    this.server = parts.server;
    this.webhookUrl = parts.webhookUrl;
  }

  static async start(options: LocalGavelOptions = {}): Promise<LocalGavel> {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
    const secret = randomBytes(24).toString("hex");
    const sandbox = await Sandbox.start({
      app: { id: SANDBOX_APP_ID, slug: "gavel", name: "Gavel", publicKey, webhookSecret: secret, events: manifestEvents() },
      start: options.start ?? new Date("2026-03-02T09:00:00Z"),
      ...(options.onProblem ? { onProblem: options.onProblem } : {}),
    });
    const clock = sandbox.store.clock;
    const timers = new DrivenTimers(clock.now);
    const probot = new Probot({
      appId: SANDBOX_APP_ID,
      privateKey,
      secret,
      baseUrl: sandbox.url,
      // The function form is the only one that wins over Probot's own retry and throttle options.
      Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { ...record(o.retry), enabled: false }, throttle: { ...record(o.throttle), enabled: false } })),
      logLevel: options.logLevel ?? "fatal",
    });
    const gavel = createGavel({ appId: SANDBOX_APP_ID, secret, now: clock.now, timers, sweepIntervalMs: 0, sweepToken: options.sweepToken ?? null, requestPolicy: options.requestPolicy ?? FAST_REQUEST_POLICY, ...(options.cache ? { cache: options.cache } : {}) });
    const middleware = await createNodeMiddleware(gavel.appFn, { probot, webhooksPath: WEBHOOK_PATH });
    const server = createServer((req, res) => {
      void middleware(req, res, () => {
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!isAddress(address)) throw new Error("Gavel's server has no TCP address");
    const webhookUrl = `http://127.0.0.1:${address.port}${WEBHOOK_PATH}`;
    sandbox.setWebhookUrl(webhookUrl);
    const github = new GitHubDriver({ sandbox, tickMs: options.tickMs ?? 60_000 });
    return new LocalGavel({ sandbox, github, runtime: gavel.runtime, probot, timers, server, webhookUrl });
  }

  /**
   * Waits until Gavel has nothing left to do at the current sandbox time:
   * every delivery answered (the middleware answers after the handlers ran),
   * every due timer fired and its wake-up finished, including the deliveries
   * Gavel's own writes caused.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      await this.sandbox.deliveries.idle();
      await this.runtime.scheduler().idle();
      const fired = this.timers.fireNext();
      if (fired) await this.runtime.scheduler().idle();
      if (!fired && this.sandbox.deliveries.isIdle()) return;
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
      const next = this.timers.nextAt()?.getTime() ?? Infinity;
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
    this.runtime.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.sandbox.stop();
  }
}

/** The events Gavel's manifest subscribes to: GitHub delivers no others. */
export function manifestEvents(): string[] {
  const manifest: unknown = loadYaml(readFileSync(new URL("../../app.yml", import.meta.url), "utf8"));
  const events = isRecord(manifest) ? stringsAt({ record: manifest, key: "default_events" }) : [];
  if (events.length === 0) throw new Error("app.yml lists no default_events");
  return events;
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function isAddress(value: unknown): value is AddressInfo {
  return typeof value === "object" && value !== null && "port" in value;
}
