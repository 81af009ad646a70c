import { describe, expect, it } from "@jest/globals";
import { Probot } from "probot";
import { DrivenTimers } from "../../sandbox/gavel/driven-timers.js";
import type { ItemRef } from "../../src/items/item-ref.js";
import { MAX_TIMER_MS, seenUntil, WakeScheduler } from "../../src/schedule/wake-scheduler.js";

const item: ItemRef = { installationId: 1, owner: "acme", repo: "widgets", number: 7, kind: "pull" };
const DAY = 86_400_000;

/** A clock the test moves by hand. */
class Clock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** The scheduler reads `clock`; timers fire by `timerClock`, which a test may let run ahead. */
function setup() {
  const clock = new Clock(new Date("2026-11-22T00:00:00Z"));
  const timerClock = new Clock(new Date("2026-11-22T00:00:00Z"));
  const timers = new DrivenTimers(timerClock.now);
  const runs: string[] = [];
  const scheduler = new WakeScheduler({
    now: clock.now,
    timers,
    run: async (woken) => {
      runs.push(`${woken.owner}/${woken.repo}#${woken.number}@${clock.now().toISOString()}`);
    },
    log: new Probot({ githubToken: "unused", logLevel: "fatal" }).log,
  });
  /** Fires, in time order, every timer due by `timerClock` (including ones they set), letting each run finish; returns how many fired. */
  const tick = async (): Promise<number> => {
    let fired = 0;
    while (timers.fireNext()) {
      fired++;
      await scheduler.idle();
    }
    return fired;
  };
  const setBoth = (iso: string) => {
    clock.set(iso);
    timerClock.set(iso);
  };
  return { clock: { now: clock.now, set: setBoth }, schedulerClock: clock, timerClock, timers, runs, scheduler, tick };
}

describe("WakeScheduler", () => {
  it("splits waits longer than setTimeout allows and still wakes on time", async () => {
    const { clock, timers, runs, scheduler, tick } = setup();
    scheduler.record({ item, nextWakeAt: "2027-01-21T00:00:00.000Z" }); // 60 days
    expect(timers.delays).toEqual([MAX_TIMER_MS]);
    clock.set(new Date(clock.now().getTime() + MAX_TIMER_MS).toISOString());
    expect(await tick()).toBe(1);
    expect(runs).toEqual([]);
    expect(timers.delays[1]).toBe(MAX_TIMER_MS);
    clock.set("2027-01-21T00:00:00.000Z");
    await tick();
    expect(runs).toEqual(["acme/widgets#7@2027-01-21T00:00:00.000Z"]);
  });

  it("the latest evaluation decides the one timer of an item", async () => {
    const { clock, timers, runs, scheduler, tick } = setup();
    scheduler.record({ item, nextWakeAt: "2026-11-23T00:00:00.000Z" });
    scheduler.record({ item, nextWakeAt: "2026-11-25T00:00:00.000Z" });
    scheduler.record({ item, nextWakeAt: "2026-11-25T00:00:00.000Z" });
    expect(timers.count()).toBe(1);
    clock.set("2026-11-24T00:00:00.000Z");
    expect(await tick()).toBe(0);
    clock.set("2026-11-25T00:00:00.000Z");
    await tick();
    expect(runs).toHaveLength(1);
  });

  it("a timer that fires early re-arms for the rest instead of running", async () => {
    const { schedulerClock, timerClock, timers, runs, scheduler, tick } = setup();
    scheduler.record({ item, nextWakeAt: "2026-11-23T00:00:00.000Z" });
    // Timers run a minute ahead of the wall clock the scheduler trusts.
    timerClock.set("2026-11-23T00:00:00.000Z");
    schedulerClock.set("2026-11-22T23:59:00.000Z");
    expect(await tick()).toBe(1);
    expect(runs).toEqual([]);
    expect(timers.delays).toEqual([DAY, 60_000]);
  });

  it("forget and nextWakeAt null disarm", () => {
    const { timers, scheduler } = setup();
    scheduler.record({ item, nextWakeAt: "2026-11-23T00:00:00.000Z" });
    scheduler.record({ item, nextWakeAt: null });
    expect(timers.count()).toBe(0);
    scheduler.record({ item, nextWakeAt: "2026-11-23T00:00:00.000Z" });
    scheduler.forget({ item });
    expect(timers.count()).toBe(0);
  });

  it("is due when unknown, when its time has come, or when GitHub changed it since", () => {
    const { clock, scheduler } = setup();
    expect(scheduler.isDue({ item, updatedAt: "2026-11-21T00:00:00Z" })).toBe(true);
    scheduler.record({ item, nextWakeAt: "2026-11-23T00:00:00.000Z" });
    expect(scheduler.isDue({ item, updatedAt: "2026-11-21T00:00:00Z" })).toBe(false);
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T00:00:01Z" })).toBe(true);
    clock.set("2026-11-23T00:00:00.000Z");
    expect(scheduler.isDue({ item, updatedAt: "2026-11-21T00:00:00Z" })).toBe(true);
  });

  it("remembers when a forgotten item was evaluated, so the sweep skips it until GitHub changes it", () => {
    const { clock, scheduler } = setup();
    clock.set("2026-11-22T12:00:00.000Z");
    scheduler.forget({ item });
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T11:59:59Z" })).toBe(false);
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T12:00:00Z" })).toBe(false);
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T12:00:01Z" })).toBe(true);
    expect(scheduler.isDue({ item: { ...item, number: 8 }, updatedAt: "2026-11-22T11:00:00Z" })).toBe(true);
    scheduler.stop();
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T11:59:59Z" })).toBe(true);
  });

  it.each([
    ["forgotten", null, "2026-11-22T12:00:03.000Z", ["12:00:03", false], ["12:00:04", true]],
    ["waiting", "2026-11-25T00:00:00.000Z", "2026-11-22T12:00:03.000Z", ["12:00:03", false], ["12:00:04", true]],
    ["written before what it read (never moves back)", null, "2026-11-22T11:59:00.000Z", ["12:00:00", false], ["12:00:01", true]],
    ["written nothing", null, null, ["12:00:00", false], ["12:00:01", true]],
  ])("an item %s that Gavel then wrote to is seen up to its own last write", (_name, wakeAt, wrote, [quiet, quietDue], [later, laterDue]) => {
    const { clock, scheduler } = setup();
    clock.set("2026-11-22T12:00:05.000Z");
    scheduler.record({ item, nextWakeAt: wakeAt, seenUntil: new Date("2026-11-22T12:00:00.000Z") });
    scheduler.sawOwnWrites({ item, at: wrote === null ? null : new Date(wrote) });
    expect(scheduler.isDue({ item, updatedAt: `2026-11-22T${quiet}Z` })).toBe(quietDue);
    expect(scheduler.isDue({ item, updatedAt: `2026-11-22T${later}Z` })).toBe(laterDue);
  });

  it("takes own writes only for an item it evaluated: an unknown one stays due", () => {
    const { scheduler } = setup();
    scheduler.sawOwnWrites({ item, at: new Date("2026-11-22T12:00:03.000Z") });
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T12:00:00Z" })).toBe(true);
  });

  it("takes a change made while an evaluation ran as unseen: the evaluation counts from when it began reading", () => {
    const { clock, scheduler } = setup();
    clock.set("2026-11-22T12:00:05.000Z");
    scheduler.forget({ item, seenUntil: new Date("2026-11-22T12:00:00.000Z") });
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T12:00:00Z" })).toBe(false);
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T12:00:03Z" })).toBe(true);
    scheduler.record({ item, nextWakeAt: "2026-11-25T00:00:00.000Z", seenUntil: new Date("2026-11-22T12:00:04.000Z") });
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T12:00:03Z" })).toBe(false);
    expect(scheduler.isDue({ item, updatedAt: "2026-11-22T12:00:05Z" })).toBe(true);
  });

  it("lists an installation's items whose wake time passed", () => {
    const { clock, scheduler } = setup();
    const other = { ...item, number: 8 };
    const elsewhere = { ...item, installationId: 2 };
    scheduler.record({ item, nextWakeAt: "2026-11-23T00:00:00.000Z" });
    scheduler.record({ item: other, nextWakeAt: "2026-11-25T00:00:00.000Z" });
    scheduler.record({ item: elsewhere, nextWakeAt: "2026-11-23T00:00:00.000Z" });
    expect(scheduler.overdue(1)).toEqual([]);
    clock.set("2026-11-23T00:00:00.000Z");
    expect(scheduler.overdue(1)).toEqual([item]);
    expect(scheduler.overdue(2)).toEqual([elsewhere]);
    scheduler.forget({ item });
    expect(scheduler.overdue(1)).toEqual([]);
  });
});

describe("seenUntil", () => {
  it.each([
    ["a webhook's copy of the PR, minutes old: its version", "2026-11-22T11:55:00Z", "2026-11-22T12:00:00.250Z", "2026-11-22T11:55:00.000Z"],
    ["a PR just read: its version", "2026-11-22T12:00:00Z", "2026-11-22T12:00:00.250Z", "2026-11-22T12:00:00.000Z"],
    [
      "a version stamped after the reads began (GitHub's clock ahead): when they began",
      "2026-11-22T12:00:03Z",
      "2026-11-22T12:00:00.250Z",
      "2026-11-22T12:00:00.250Z",
    ],
    ["no readable version: when the reads began", "not a date", "2026-11-22T12:00:00.250Z", "2026-11-22T12:00:00.250Z"],
  ])("%s", (_name, updatedAt, readStart, expected) => {
    expect(seenUntil({ updatedAt, readStart: new Date(readStart) }).toISOString()).toBe(expected);
  });
});
