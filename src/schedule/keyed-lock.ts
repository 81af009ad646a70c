/**
 * Per-item ordering inside one process. Evaluations of the same PR must not
 * interleave: one that read reviews before a dismissal must not publish after
 * the one that saw it.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly coalescing = new Map<string, { again: boolean; task: () => Promise<void>; done: Promise<void> }>();

  /** Runs `task` after every earlier task of `key` has finished. */
  exclusive(params: { key: string; task: () => Promise<void> }): Promise<void> {
    const previous = this.tails.get(params.key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(params.task);
    const tail = run.catch(() => undefined);
    this.tails.set(params.key, tail);
    void tail.then(() => {
      if (this.tails.get(params.key) === tail) this.tails.delete(params.key);
    });
    return run;
  }

  /**
   * Like `exclusive`, for tasks that read everything fresh (an evaluation):
   * requests that arrive while one runs collapse into one more run after it,
   * with the latest task.
   */
  coalesce(params: { key: string; task: () => Promise<void> }): Promise<void> {
    const pending = this.coalescing.get(params.key);
    if (pending) {
      pending.again = true;
      pending.task = params.task;
      return pending.done;
    }
    const entry = { again: false, task: params.task, done: Promise.resolve() };
    entry.done = this.exclusive({
      key: params.key,
      task: async () => {
        try {
          do {
            entry.again = false;
            await entry.task();
          } while (entry.again);
        } finally {
          this.coalescing.delete(params.key);
        }
      },
    });
    this.coalescing.set(params.key, entry);
    return entry.done;
  }
}
