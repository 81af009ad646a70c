import { describe, expect, it } from "@jest/globals";
import { LruCache } from "../../src/cache/lru-cache.js";
import { TtlCache } from "../../src/cache/ttl-cache.js";

type Step = { op: "set"; key: string; value: string } | { op: "get"; key: string };

describe("LruCache", () => {
  const cases: Array<{ name: string; maxEntries: number; maxWeight?: number; steps: Step[]; keys: string[] }> = [
    {
      name: "keeps entries up to its size",
      maxEntries: 2,
      steps: [
        { op: "set", key: "a", value: "1" },
        { op: "set", key: "b", value: "2" },
      ],
      keys: ["a", "b"],
    },
    {
      name: "evicts the least recently set",
      maxEntries: 2,
      steps: [
        { op: "set", key: "a", value: "1" },
        { op: "set", key: "b", value: "2" },
        { op: "set", key: "c", value: "3" },
      ],
      keys: ["b", "c"],
    },
    {
      name: "a read makes an entry recent",
      maxEntries: 2,
      steps: [
        { op: "set", key: "a", value: "1" },
        { op: "set", key: "b", value: "2" },
        { op: "get", key: "a" },
        { op: "set", key: "c", value: "3" },
      ],
      keys: ["a", "c"],
    },
    {
      name: "setting a key again replaces it",
      maxEntries: 2,
      steps: [
        { op: "set", key: "a", value: "1" },
        { op: "set", key: "a", value: "2" },
        { op: "set", key: "b", value: "3" },
      ],
      keys: ["a", "b"],
    },
    {
      name: "evicts by weight too",
      maxEntries: 10,
      maxWeight: 5,
      steps: [
        { op: "set", key: "a", value: "xxx" },
        { op: "set", key: "b", value: "xxx" },
      ],
      keys: ["b"],
    },
    {
      name: "a value heavier than the whole cache is not kept",
      maxEntries: 10,
      maxWeight: 2,
      steps: [
        { op: "set", key: "a", value: "x" },
        { op: "set", key: "b", value: "xxx" },
      ],
      keys: ["a"],
    },
  ];
  it.each(cases)("$name", ({ maxEntries, maxWeight, steps, keys }) => {
    const cache = new LruCache<string>({ maxEntries, maxWeight, weigh: (v) => v.length });
    for (const step of steps) {
      if (step.op === "set") cache.set({ key: step.key, value: step.value });
      else cache.get(step.key);
    }
    expect(["a", "b", "c"].filter((k) => cache.has(k))).toEqual(keys);
    expect(cache.weight).toBe(keys.reduce((sum, k) => sum + (cache.get(k)?.length ?? 0), 0));
  });

  it("stays bounded after a million inserts", () => {
    const cache = new LruCache<number>({ maxEntries: 1000 });
    for (let i = 0; i < 1_000_000; i++) cache.set({ key: String(i), value: i });
    expect(cache.size).toBe(1000);
    expect(cache.get("999999")).toBe(999999);
    expect(cache.get("0")).toBeUndefined();
  });

  it("deletes by predicate and keeps the weight right", () => {
    const cache = new LruCache<string>({ maxEntries: 10, weigh: (v) => v.length });
    cache.set({ key: "acme/a:x", value: "12" });
    cache.set({ key: "acme/b:x", value: "123" });
    expect(cache.deleteWhere((key) => key.startsWith("acme/a:"))).toBe(1);
    expect(cache.weight).toBe(3);
  });
});

describe("TtlCache", () => {
  it("is fresh until the TTL passes, then stale but still there for a conditional read", () => {
    let now = 0;
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 100, clock: () => now });
    cache.set({ key: "k", value: "v", etag: 'W/"1"' });
    now = 99;
    expect(cache.fresh("k")).toBe("v");
    now = 100;
    expect(cache.fresh("k")).toBeUndefined();
    expect(cache.entry("k")).toMatchObject({ value: "v", etag: 'W/"1"' });
    cache.confirm("k");
    expect(cache.fresh("k")).toBe("v");
  });

  it("an answer that was on its way when the cache was invalidated is not stored", () => {
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 100, clock: () => 0 });
    const since = cache.epoch;
    cache.delete("config"); // a push webhook, while the read was in flight
    cache.set({ key: "config", value: "old", since });
    expect(cache.entry("config")).toBeUndefined();
    cache.set({ key: "config", value: "new", since: cache.epoch });
    expect(cache.fresh("config")).toBe("new");
  });
});

describe("GitHubStores stay bounded", () => {
  it("ten times more distinct keys than the largest cap leave every cache at or under its caps", async () => {
    const { GitHubStores } = await import("../../src/github/stores.js");
    const cache = new GitHubStores({ clock: () => 0 });
    const files = [{ path: "a", previousPath: null }];
    // The largest cap is 10,000 entries (checks): ten times that fills and evicts every cache many times over.
    for (let i = 0; i < 100_000; i++) {
      const key = `org/repo-${i}`;
      cache.pullFiles.set({ key, value: { files, filesComplete: true } });
      cache.checks.set({ key, value: { id: i, status: "completed", conclusion: "success", title: "t", summary: "s", startedAt: null, confirmed: true } });
      cache.comparisons.set({ key, value: { status: "ahead", paths: ["a"] } });
      cache.files.set({ key, value: { path: "p", sha: "s", text: "x".repeat(10) } });
      cache.trees.set({ key, value: { links: [{ path: "GOVERNANCE.md", sha: "s" }], truncated: false } });
      cache.linkTargets.set({ key, value: "docs/charter.md" });
    }
    expect(cache.sizes()).toMatchObject({
      pullFiles: 2_000,
      checks: 10_000,
      comparisons: 5_000,
      defaultBranchFiles: 2_000,
      defaultBranchLinks: 2_000,
      linkTargets: 10_000,
    });
    // And by weight: 300 lists of 1,000 paths fill the file-list budget.
    const big = Array.from({ length: 1_000 }, (_, i) => ({ path: `f${i}`, previousPath: null }));
    for (let i = 0; i < 1_000; i++) cache.pullFiles.set({ key: `big-${i}`, value: { files: big, filesComplete: true } });
    expect(cache.pullFiles.weight).toBeLessThanOrEqual(300_000);
    expect(cache.pullFiles.size).toBeLessThan(300);
  });

  it.each([
    { scale: 0.1, caps: { pullFiles: 200, checks: 1_000, comparisons: 500, snapshots: 1_000 } },
    { scale: 2, caps: { pullFiles: 4_000, checks: 20_000, comparisons: 10_000, snapshots: 20_000 } },
  ])("scale $scale multiplies every cap", async ({ scale, caps }) => {
    const { GitHubStores } = await import("../../src/github/stores.js");
    const cache = new GitHubStores({ clock: () => 0, scale });
    const files = [{ path: "a", previousPath: null }];
    for (let i = 0; i < 50_000; i++) {
      const key = `org/repo-${i}`;
      cache.pullFiles.set({ key, value: { files, filesComplete: true } });
      cache.checks.set({ key, value: { id: i, status: "completed", conclusion: "success", title: "t", summary: "s", startedAt: null, confirmed: true } });
      cache.comparisons.set({ key, value: { status: "ahead", paths: ["a"] } });
      cache.snapshots.set({
        key,
        value: {
          id: i,
          number: i,
          open: true,
          draft: false,
          headSha: "h",
          baseRef: "main",
          author: "a",
          authorIsBot: false,
          labels: [],
          changedFiles: 1,
          comments: 0,
          updatedAt: "2026-01-01T00:00:00Z",
          createdAt: "2026-01-01T00:00:00Z",
          source: "api",
        },
      });
    }
    expect(cache.sizes()).toMatchObject(caps);
  });

  it("refuses a scale that would leave no room", async () => {
    const { GitHubStores } = await import("../../src/github/stores.js");
    expect(() => new GitHubStores({ scale: 0 })).toThrow("the cache's scale must be above 0, not 0");
  });
});
