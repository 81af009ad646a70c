import { ProbotOctokit } from "probot";
import { createPacing, type Pacing } from "../../src/github/pacing.js";

/**
 * The shortest timeout of one network attempt on the sandbox, whatever the
 * time scale. The scale shortens the waits Gavel makes (Octokit's spacing of
 * writes and searches, GitHub's content windows, backoff), not the sandbox's
 * own answers: a 200-PR listing takes it tens of milliseconds on a busy
 * machine, so a 5 s timeout scaled to 50 ms would fail requests that GitHub's
 * latency, against 5 s, never would. It stays under every queue a burst
 * builds (200 writes × 50 ms), so a timeout that counted queued time would
 * still show. The same as the e2e suite's timeout before issue 15.
 */
export const SANDBOX_MIN_TIMEOUT_MS = 2_000;

/** Production's pacing with every clock × `timeScale`, for Gavel on the sandbox (e2e tests, the soak, the bench). */
export function sandboxPacing(timeScale: number): Pacing {
  return createPacing({ timeScale, minTimeoutMs: SANDBOX_MIN_TIMEOUT_MS });
}

/**
 * Probot's Octokit as production configures it (throttling and retries on),
 * with the throttling plugin's clocks from `pacing`: its Bottleneck groups
 * and retry-after unit. The function form of `defaults` is the only one that
 * wins over Probot's own throttle options (the object form's `throttle` is
 * replaced by Probot's). Gavel builds its own clients on this class (see
 * src/github/paced-clients.ts); Probot's event and app clients, which tests
 * may use directly, get the same clocks.
 */
export function pacedOctokit(pacing: Pacing): typeof ProbotOctokit {
  // A client's own throttle options win: Gavel's clients bring their installation's id and their own pacing.
  return ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, throttle: { ...pacing.throttle, ...record(o.throttle) } }));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
