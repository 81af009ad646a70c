import { createHmac, randomUUID } from "node:crypto";
import type { AppIdentity, SandboxClock } from "../model/store.js";

export interface Delivery {
  /** X-GitHub-Delivery (the API's `guid`): a redelivery keeps it, as GitHub's "Redeliver" does. */
  id: string;
  /** This attempt's id in the app's delivery log (`GET /app/hook/deliveries`). */
  hookId: number;
  /** Sent by "Redeliver" (`POST /app/hook/deliveries/{id}/attempts`). */
  redelivery: boolean;
  event: string;
  action: string | null;
  /** Who caused it (the payload's `sender`); null for a forged delivery. */
  sender: string | null;
  body: string;
  /** Sandbox time it was sent. */
  at: string;
  /** The app's HTTP status; null while queued, or when dropped or unreachable. */
  status: number | null;
  /** Wall-clock milliseconds from sending to the app's answer; null until answered. */
  durationMs: number | null;
  dropped: boolean;
  /** Dropped without a trace: GitHub never attempted it, so its delivery log doesn't show it (a GitHub incident). */
  unlogged: boolean;
  /** When the attempt shows in the delivery log, if later than `at` (see DropSpec.logDelayMs). */
  loggedAt?: string;
  error: string | null;
}

/** Drops deliveries of one event (`pull_request_review`) or event and action (`pull_request_review.submitted`), like a delivery GitHub never managed to make. */
export interface DropSpec {
  event: string;
  times?: number;
  /** GitHub never attempted it: the app's delivery log doesn't show it, so it can't be redelivered. Default: logged as failed to connect. */
  unlogged?: boolean;
  /**
   * The failure shows in the delivery log this long after the attempt, which
   * keeps its time (`delivered_at`): deliveries "can take a few minutes" to
   * appear there (issue 15).
   */
  logDelayMs?: number;
}

/**
 * Delivers webhooks to the app, signed with its webhook secret, one at a time
 * in the order they happened. GitHub promises no order; the sandbox keeps one
 * so that runs are reproducible. The benchmark raises `concurrency` to send
 * several at once, as GitHub does, and bounds the log it keeps. The app's middleware answers once its
 * handlers ran, so `idle()` means every event was handled.
 */
export class DeliveryQueue {
  private log: Delivery[] = [];
  private nextHookId = 1;
  private drops: Array<DropSpec & { hits: number }> = [];
  private pending = 0;
  private running = 0;
  private readonly queued: Array<() => Promise<void>> = [];
  private readonly waiters: Array<() => void> = [];
  /** How many deliveries may be in flight at once; 1 keeps their order. */
  concurrency = 1;
  /** How many deliveries the log keeps (the oldest go first); redelivery needs the original in the log. */
  logLimit = Number.POSITIVE_INFINITY;
  /** More apps' URLs that get every delivery too, at the same time (replicas behind no load balancer). */
  readonly extraUrls: string[] = [];
  /** Called as each delivery is answered (or fails): lets a long run keep figures without keeping deliveries. */
  onAnswered: ((delivery: Delivery) => void) | null = null;

  /** Deliveries queued or in flight. */
  get backlog(): number {
    return this.pending;
  }

  constructor(private readonly deps: { app: AppIdentity; clock: SandboxClock }) {}

  enqueue(params: { event: string; action: string | null; sender: string; payload: unknown }): Delivery {
    const delivery: Delivery = {
      id: randomUUID(),
      hookId: this.nextHookId++,
      redelivery: false,
      event: params.event,
      action: params.action,
      sender: params.sender,
      body: JSON.stringify(params.payload),
      at: this.deps.clock.iso(),
      status: null,
      durationMs: null,
      dropped: false,
      unlogged: false,
      error: null,
    };
    this.remember(delivery);
    const drop = this.takeDrop(delivery);
    if (drop) {
      delivery.dropped = true;
      delivery.unlogged = drop.unlogged === true;
      if (drop.logDelayMs) delivery.loggedAt = new Date(Date.parse(delivery.at) + drop.logDelayMs).toISOString();
      return delivery;
    }
    this.send({ delivery, signature: sign({ secret: this.deps.app.webhookSecret, body: delivery.body }) });
    return delivery;
  }

  /** Sends a delivery again with the same id and body, as GitHub's "Redeliver" does; it is logged as a new attempt. */
  redeliver(id: string): Delivery {
    const original = this.log.find((d) => d.id === id);
    if (!original) throw new Error(`no delivery ${id}`);
    const again: Delivery = {
      ...original,
      hookId: this.nextHookId++,
      redelivery: true,
      at: this.deps.clock.iso(),
      status: null,
      durationMs: null,
      dropped: false,
      unlogged: false,
      error: null,
    };
    this.remember(again);
    this.send({ delivery: again, signature: sign({ secret: this.deps.app.webhookSecret, body: again.body }) });
    return again;
  }

  /** Sends a delivery signed with another secret: what a forger would send. */
  forge(params: { event: string; payload: unknown; secret: string }): Delivery {
    // Not GitHub's: its delivery log never shows it.
    const delivery: Delivery = {
      id: randomUUID(),
      hookId: this.nextHookId++,
      redelivery: false,
      event: params.event,
      action: null,
      sender: null,
      body: JSON.stringify(params.payload),
      at: this.deps.clock.iso(),
      status: null,
      durationMs: null,
      dropped: false,
      unlogged: true,
      error: null,
    };
    this.remember(delivery);
    this.send({ delivery, signature: sign({ secret: params.secret, body: delivery.body }) });
    return delivery;
  }

  dropDeliveries(spec: DropSpec): void {
    this.drops.push({ ...spec, hits: 0 });
  }

  clearDrops(): void {
    this.drops = [];
  }

  list(): Delivery[] {
    return [...this.log];
  }

  /** Sends again the attempt with this id in the app's delivery log; null if the log has none. */
  redeliverAttempt(hookId: number): Delivery | null {
    const attempt = this.log.find((d) => d.hookId === hookId);
    return attempt ? this.redeliver(attempt.id) : null;
  }

  isIdle(): boolean {
    return this.pending === 0;
  }

  /** Resolves once every queued delivery has been answered. */
  async idle(): Promise<void> {
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private remember(delivery: Delivery): void {
    this.log.push(delivery);
    if (this.log.length > this.logLimit) this.log = this.log.slice(-this.logLimit);
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const next = this.queued.shift();
      if (!next) return;
      this.running++;
      void next().finally(() => {
        this.running--;
        this.pending--;
        if (this.pending === 0) for (const resolve of this.waiters.splice(0)) resolve();
        this.pump();
      });
    }
  }

  private takeDrop(delivery: Delivery): DropSpec | null {
    const name = `${delivery.event}.${delivery.action ?? ""}`;
    const drop = this.drops.find((d) => d.event === delivery.event || d.event === name);
    if (!drop) return null;
    drop.hits++;
    if (drop.times !== undefined && drop.hits >= drop.times) this.drops = this.drops.filter((d) => d !== drop);
    return drop;
  }

  private send(params: { delivery: Delivery; signature: string }): void {
    const { delivery } = params;
    const url = this.deps.app.webhookUrl;
    this.pending++;
    this.queued.push(async () => {
      const started = performance.now();
      try {
        if (!url) throw new Error("the app has no webhook URL");
        // The primary's answer is the delivery's; replicas get the same request at the same time.
        const [status] = await Promise.all([url, ...this.extraUrls].map((target) => this.post({ url: target, delivery, signature: params.signature })));
        delivery.status = status ?? null;
        delivery.durationMs = performance.now() - started;
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
      this.onAnswered?.(delivery);
    });
    this.pump();
  }

  private async post(params: { url: string; delivery: Delivery; signature: string }): Promise<number> {
    const { delivery } = params;
    const response = await fetch(params.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/sandbox",
        "x-github-event": delivery.event,
        "x-github-delivery": delivery.id,
        "x-hub-signature-256": params.signature,
        "x-github-hook-id": "1",
        "x-github-hook-installation-target-type": "integration",
        "x-github-hook-installation-target-id": String(this.deps.app.id),
      },
      body: delivery.body,
    });
    await response.text();
    return response.status;
  }
}

/** X-Hub-Signature-256: the HMAC-SHA256 of the exact body, keyed with the webhook secret. */
export function sign(params: { secret: string; body: string }): string {
  return `sha256=${createHmac("sha256", params.secret).update(params.body).digest("hex")}`;
}
