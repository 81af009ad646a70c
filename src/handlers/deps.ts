import type { Logger } from "probot";
import type { MarkerKey } from "../state/signed-marker.js";

/** What every handler needs besides the event: injected so tests control the clock and the keys. */
export interface GavelDeps {
  appId: number;
  markerKey: MarkerKey;
  now: () => Date;
  log: Logger;
}
