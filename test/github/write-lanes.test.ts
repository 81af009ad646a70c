import { describe, expect, it } from "@jest/globals";
import { CONTENT_LIMITS, type ContentLimit, WriteLanes, WriteLanesStopped } from "../../src/github/write-lanes.js";

/** Lanes on a manual clock: a sleep moves the clock on by its length and is recorded. */
function lanesAt(limits: readonly ContentLimit[], spacingMs = 0): { lanes: WriteLanes; clock: { now: number }; sleeps: number[] } {
  const clock = { now: 0 };
  const sleeps: number[] = [];
  const lanes = new WriteLanes({
    limits,
    spacingMs,
    clock: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
  });
  return { lanes, clock, sleeps };
}

/** A write that takes `ms` of the manual clock and says when it started. */
function write(params: { clock: { now: number }; ms: number }): () => Promise<number> {
  return async () => {
    const started = params.clock.now;
    params.clock.now += params.ms;
    return started;
  };
}

describe("WriteLanes: GitHub's content limits as sliding windows", () => {
  const cases: Array<{ name: string; limits: ContentLimit[]; writes: number; takesMs: number; starts: number[] }> = [
    { name: "under every limit, writes follow each other at once", limits: [{ requests: 5, perMs: 100 }], writes: 3, takesMs: 1, starts: [0, 1, 2] },
    {
      name: "a full window holds the next write until its oldest write leaves it",
      limits: [{ requests: 2, perMs: 100 }],
      writes: 5,
      takesMs: 10,
      // Counted when answered (10, 20): the third may start once 10 has left the window, at 110.
      starts: [0, 10, 110, 120, 220],
    },
    {
      name: "of two windows, the one with less room decides",
      limits: [
        { requests: 3, perMs: 50 },
        { requests: 4, perMs: 1_000 },
      ],
      writes: 6,
      takesMs: 5,
      // 5, 10, 15 fill the short window (next at 55); 5…60 fill the long one (next at 1,005, then 1,010).
      starts: [0, 5, 10, 55, 1_005, 1_010],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { lanes, clock } = lanesAt(c.limits);
      const starts: number[] = [];
      for (let i = 0; i < c.writes; i++) starts.push(await lanes.run({ lane: "1", write: write({ clock, ms: c.takesMs }) }));
      expect(starts).toEqual(c.starts);
    });
  }

  it("GitHub's figures: the 81st write in a minute waits for the first to be a minute old, the 501st in an hour for the first to be an hour old", async () => {
    const { lanes, clock } = lanesAt(CONTENT_LIMITS);
    const starts: number[] = [];
    for (let i = 0; i < 501; i++) starts.push(await lanes.run({ lane: "1", write: write({ clock, ms: 100 }) }));
    // The first 80 are answered at 100…8,000 ms; the 81st starts at 60,100, when the first leaves the minute.
    expect(starts.slice(79, 81)).toEqual([7_900, 60_100]);
    // Never more than 80 answered in any minute, nor 500 in any hour.
    const answered = starts.map((s) => s + 100);
    for (const [i, at] of answered.entries()) {
      expect(answered.filter((other) => other > at - 60_000 && other <= at).length).toBeLessThanOrEqual(80);
      expect(i < 500 || at - (answered[i - 500] ?? 0) >= 3_600_000).toBe(true);
    }
  });
});

describe("WriteLanes: a second of quiet between writes, from each answer", () => {
  it("each write starts the spacing after the previous one was answered, however long that took", async () => {
    const { lanes, clock } = lanesAt([], 1_000);
    const starts: number[] = [];
    for (const ms of [300, 2_000, 10]) starts.push(await lanes.run({ lane: "1", write: write({ clock, ms }) }));
    starts.push(await lanes.run({ lane: "1", write: write({ clock, ms: 10 }) }));
    // Answered at 300, 3,300 and 4,310: each next write waits a second from there.
    expect(starts).toEqual([0, 1_300, 4_300, 5_310]);
  });

  it("a write after a long quiet goes at once; the spacing and a full window wait for the later of the two", async () => {
    const { lanes, clock, sleeps } = lanesAt([{ requests: 2, perMs: 5_000 }], 1_000);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) starts.push(await lanes.run({ lane: "1", write: write({ clock, ms: 100 }) }));
    clock.now += 60_000;
    starts.push(await lanes.run({ lane: "1", write: write({ clock, ms: 100 }) }));
    // 100 and 1,200 fill the window: the third waits until 100 leaves it (5,100), later than the spacing (2,200).
    expect(starts).toEqual([0, 1_100, 5_100, 65_200]);
    expect(sleeps).toEqual([1_000, 3_900]);
  });
});

describe("WriteLanes: one write at a time per installation, in order", () => {
  it("starts a write only once the previous one on its lane is answered, in the order asked", async () => {
    const lanes = new WriteLanes({ limits: [] });
    const events: string[] = [];
    const gate = deferred();
    const first = lanes.run({
      lane: "1",
      write: async () => {
        events.push("first starts");
        await gate.promise;
        events.push("first answered");
      },
    });
    const second = lanes.run({ lane: "1", write: async () => void events.push("second starts") });
    const third = lanes.run({ lane: "1", write: async () => void events.push("third starts") });
    await tick();
    expect(events).toEqual(["first starts"]);
    expect(lanes.pending("1")).toBe(3);
    gate.resolve();
    await Promise.all([first, second, third]);
    expect(events).toEqual(["first starts", "first answered", "second starts", "third starts"]);
    expect(lanes.pending("1")).toBe(0);
  });

  it("another installation's lane doesn't wait", async () => {
    const lanes = new WriteLanes({ limits: [] });
    const gate = deferred();
    const slow = lanes.run({ lane: "1", write: () => gate.promise });
    await expect(lanes.run({ lane: "2", write: async () => "done" })).resolves.toBe("done");
    gate.resolve();
    await slow;
  });

  it("a failed write gives its error to its caller, still counts against the limits, and frees the lane", async () => {
    const { lanes, clock, sleeps } = lanesAt([{ requests: 1, perMs: 100 }]);
    const failing = lanes.run({ lane: "1", write: async () => Promise.reject(new Error("502")) });
    await expect(failing).rejects.toThrow("502");
    await expect(lanes.run({ lane: "1", write: async () => clock.now })).resolves.toBe(100);
    expect(sleeps).toEqual([100]);
  });

  it("once stopped, a write not yet started is refused and never made", async () => {
    const lanes = new WriteLanes({ limits: [] });
    const gate = deferred();
    const made: string[] = [];
    const first = lanes.run({ lane: "1", write: () => gate.promise.then(() => void made.push("first")) });
    const second = lanes.run({ lane: "1", write: async () => void made.push("second") });
    const refused = expect(second).rejects.toBeInstanceOf(WriteLanesStopped);
    await tick();
    lanes.stop();
    gate.resolve();
    await first;
    await refused;
    expect(made).toEqual(["first"]);
  });
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

async function tick(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
