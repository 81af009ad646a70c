import type { ApplicationFunction } from "probot";
import { onCheckRerequested, RERUN_EVENTS } from "./handlers/check-rerequested.js";
import type { GavelDeps } from "./handlers/deps.js";
import { onPullRequestReview, REVIEW_EVENTS } from "./handlers/pull-request-review.js";
import { onPullRequest, PULL_REQUEST_EVENTS } from "./handlers/pull-request.js";
import { deriveMarkerKey } from "./state/signed-marker.js";

export interface GavelOptions {
  /** The GitHub App's id: only this app's comments and check runs are read as Gavel's own. */
  appId: number;
  /** The app's secret; the key that signs Gavel's state markers is derived from it. */
  secret: string;
  /** Injected clock; defaults to the system clock. */
  now?: () => Date;
}

/** Wiring only: each webhook family goes to its handler. */
export function createGavel(options: GavelOptions): ApplicationFunction {
  return (app) => {
    const deps: GavelDeps = {
      appId: options.appId,
      markerKey: deriveMarkerKey(options.secret),
      now: options.now ?? (() => new Date()),
      log: app.log,
    };
    app.on([...PULL_REQUEST_EVENTS], (context) => onPullRequest({ context, deps }));
    app.on([...REVIEW_EVENTS], (context) => onPullRequestReview({ context, deps }));
    app.on([...RERUN_EVENTS], (context) => onCheckRerequested({ context, deps }));
  };
}
