import type { ApplicationFunction, Probot } from "probot";

/**
 * Knows when Gavel's webhook handlers are done. The middleware of
 * @octokit/webhooks answers 202 "still processing" after 9 s and lets the
 * handler go on (GitHub gives up on a delivery after 10 s), so an answered
 * delivery doesn't mean a handled one: a burst paced as GitHub asks can take
 * minutes. `wrap` counts each handler Gavel registers, with no change to
 * Gavel: its Probot is handed through a proxy whose `on` wraps the handler.
 */
export class HandlerTracker {
  private running = 0;
  private waiters: Array<() => void> = [];

  wrap(appFn: ApplicationFunction): ApplicationFunction {
    return (app, options) => appFn(this.tracked(app), options);
  }

  /** Handlers running now. */
  get inFlight(): number {
    return this.running;
  }

  /** Resolves once no handler is running. */
  async idle(): Promise<void> {
    if (this.running === 0) return;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private tracked(app: Probot): Probot {
    const on: Probot["on"] = (events, handler) =>
      app.on(events, async (context) => {
        this.running++;
        try {
          await handler(context);
        } finally {
          this.running--;
          if (this.running === 0) for (const resolve of this.waiters.splice(0)) resolve();
        }
      });
    return new Proxy(app, {
      get: (target, property) => {
        if (property === "on") return on;
        const value: unknown = Reflect.get(target, property, target);
        // Probot keeps its state in private fields: its methods must run on the Probot itself, not the proxy.
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}
