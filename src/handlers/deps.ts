import type { Logger } from "probot";
import type { GavelCache } from "../cache/gavel-cache.js";
import type { KeyedLock } from "../schedule/keyed-lock.js";
import type { WakeScheduler } from "../schedule/wake-scheduler.js";
import type { MarkerKey } from "../state/signed-marker.js";

/** What every handler needs besides the event: injected so tests control the clock and the keys. */
export interface GavelDeps {
  appId: number;
  markerKey: MarkerKey;
  now: () => Date;
  log: Logger;
  /** Where each evaluation arms its next wake-up. */
  schedule: Pick<WakeScheduler, "record" | "forget">;
  /** Keeps work on one PR or thread in order within this process. */
  locks: KeyedLock;
  /** What this process remembers between events, to spare API calls. */
  cache: GavelCache;
}
