import type { Timers } from "../../src/schedule/wake-scheduler.js";

/** Gavel's timers on the sandbox clock: nothing fires until the sandbox's time has come and the harness fires it. */
export class DrivenTimers implements Timers {
  private pending: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 0;
  /** Every delay asked for, in order: tests see long waits split as setTimeout requires. */
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

  /** Fires the earliest timer due by the clock, if any; returns whether one fired. */
  fireNext(): boolean {
    const due = this.pending.filter((t) => t.at <= this.now().getTime()).sort((a, b) => a.at - b.at || a.id - b.id)[0];
    if (!due) return false;
    this.pending = this.pending.filter((t) => t.id !== due.id);
    due.fn();
    return true;
  }

  /** How many timers are armed. */
  count(): number {
    return this.pending.length;
  }

  /** When the next timer is due, or null. */
  nextAt(): Date | null {
    const at = Math.min(...this.pending.map((t) => t.at));
    return Number.isFinite(at) ? new Date(at) : null;
  }
}
