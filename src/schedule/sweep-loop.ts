import type { Logger } from "probot";
import type { SweepReport } from "./sweep.js";
import type { Timers } from "./wake-scheduler.js";

/** Sweeps now, then every interval, one sweep at a time; returns what stops it. */
export function sweepLoop(params: { timers: Timers; intervalMs: number; run: () => Promise<SweepReport>; log: Logger }): () => void {
  let cancel: () => void = () => undefined;
  let stopped = false;
  const tick = (): void => {
    params
      .run()
      .catch((error: unknown) => params.log.error({ err: error }, "the reconcile sweep failed; it runs again next interval"))
      .finally(() => {
        if (!stopped) cancel = params.timers.set({ fn: tick, ms: params.intervalMs });
      });
  };
  cancel = params.timers.set({ fn: tick, ms: 0 });
  return () => {
    stopped = true;
    cancel();
  };
}
