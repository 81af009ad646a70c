import { describe, expect, it } from "@jest/globals";
import { KeyedLock } from "../../src/schedule/keyed-lock.js";

/** A task that records its start and end and waits until released. */
function gate() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { released, release };
}

describe("KeyedLock", () => {
  it("runs tasks of one key one at a time, in order", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const first = gate();
    const a = lock.exclusive({
      key: "k",
      task: async () => {
        log.push("a start");
        await first.released;
        log.push("a end");
      },
    });
    const b = lock.exclusive({
      key: "k",
      task: async () => {
        log.push("b");
      },
    });
    const c = lock.exclusive({
      key: "other",
      task: async () => {
        log.push("c");
      },
    });
    await c;
    expect(log).toEqual(["a start", "c"]);
    first.release();
    await Promise.all([a, b]);
    expect(log).toEqual(["a start", "c", "a end", "b"]);
  });

  it("a failing task doesn't block the next", async () => {
    const lock = new KeyedLock();
    await expect(
      lock.exclusive({
        key: "k",
        task: async () => {
          throw new Error("boom");
        },
      }),
    ).rejects.toThrow("boom");
    let ran = false;
    await lock.exclusive({
      key: "k",
      task: async () => {
        ran = true;
      },
    });
    expect(ran).toBe(true);
  });

  it("coalesces requests that arrive while one runs into one more run, with the latest task", async () => {
    const lock = new KeyedLock();
    const runs: string[] = [];
    const first = gate();
    const a = lock.coalesce({
      key: "k",
      task: async () => {
        runs.push("a");
        await first.released;
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    const b = lock.coalesce({
      key: "k",
      task: async () => {
        runs.push("b");
      },
    });
    const c = lock.coalesce({
      key: "k",
      task: async () => {
        runs.push("c");
      },
    });
    first.release();
    await Promise.all([a, b, c]);
    expect(runs).toEqual(["a", "c"]);
  });
});

describe("KeyedLock before the first run starts", () => {
  it("runs only the latest of requests made together", async () => {
    const lock = new KeyedLock();
    const runs: string[] = [];
    await Promise.all(
      ["a", "b", "c"].map((name) =>
        lock.coalesce({
          key: "k",
          task: async () => {
            runs.push(name);
          },
        }),
      ),
    );
    expect(runs).toEqual(["c"]);
  });
});
