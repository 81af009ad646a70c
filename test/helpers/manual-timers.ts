import type { Timers } from "../../src/schedule/wake-scheduler.js";

/** Timers driven by a test's clock: nothing fires until the test says the time has come. */
export class ManualTimers implements Timers {
  private pending: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 0;
  /** Every delay asked for, so tests can see long waits being split. */
  readonly delays: number[] = [];

  constructor(private readonly now: () => Date) {}

  set(params: { fn: () => void; ms: number }): () => void {
    const id = this.nextId++;
    this.delays.push(params.ms);
    this.pending.push({ at: this.now().getTime() + params.ms, fn: params.fn, id });
    return () => {
      this.pending = this.pending.filter((t) => t.id !== id);
    };
  }

  /**
   * Fires, in time order, every timer due by the clock's current time,
   * including ones they set, waiting after each for the work it started
   * (`settle`, e.g. the scheduler's idle) to finish.
   */
  async fireDue(settle: () => Promise<void>): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = this.pending.filter((t) => t.at <= this.now().getTime()).sort((a, b) => a.at - b.at)[0];
      if (!due) return fired;
      this.pending = this.pending.filter((t) => t.id !== due.id);
      due.fn();
      fired++;
      await settle();
    }
  }

  count(): number {
    return this.pending.length;
  }
}
