import { ProbotOctokit } from "probot";
import type { Pacing } from "../../src/github/pacing.js";

/**
 * Probot's Octokit as production configures it (throttling and retries on),
 * with the throttling plugin's clocks from `pacing`: its Bottleneck groups
 * and retry-after unit. The function form of `defaults` is the only one that
 * wins over Probot's own throttle options. Gavel builds its own clients on
 * this class (see src/github/paced-clients.ts); Probot's event and app
 * clients, which tests may use directly, get the same clocks.
 */
export function pacedOctokit(pacing: Pacing): typeof ProbotOctokit {
  return ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, throttle: { ...record(o.throttle), ...pacing.throttle } }));
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
