import type { Logger } from "probot";
import { LruCache } from "../cache/lru-cache.js";
import type { AppClient } from "./app-client.js";
import type { GitHub } from "./client.js";
import type { Pacing } from "./pacing.js";
import { applyRequestPolicy } from "./request-policy.js";

/** A client's throttle id: one limiter per installation in each of Octokit's throttling groups. */
const APP_ID_LANE = "app";

/**
 * Installations whose client is kept. A client holds no pacing of its own
 * (the limiters and lanes are keyed by installation in `Pacing`), and its
 * token is refreshed by the app's auth as it expires, so an evicted one is
 * only rebuilt.
 */
const KEPT_CLIENTS = 1_000;

/**
 * Gavel's clients, each paced by its own installation's limiters: GitHub's
 * limits are per installation. Probot 14 gives a webhook handler's
 * `context.octokit` no throttle id, so every handler of the process would
 * share one write limiter (`no-id`); only `probot.auth(installationId)` gets
 * an id, with Probot's rate-limit handlers, which wait out a limit inside the
 * request. These are built the way Probot's `getAuthenticatedOctokit` builds
 * that client (the app client's `auth` with a factory), with Gavel's throttle
 * options instead:
 *
 * - `id`: the installation, and `pacing`'s groups and retry-after unit;
 * - `onRateLimit` / `onSecondaryRateLimit` answer false: a 403 or 429 is
 *   never waited out inside a request; it reaches the evaluation, which
 *   fails closed and is scheduled for GitHub's reset (`retryAfterMs`);
 * - Gavel's request policy (timeouts per attempt, read retries, one write at
 *   a time within GitHub's content limits) on top.
 *
 * The app's own client (its JWT) is rebuilt the same way once, with the id
 * `app`. https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
export function pacedClients(params: { app: () => Promise<GitHub>; pacing: Pacing; log: Logger }): AppClient {
  const { pacing, log } = params;
  const throttle = (id: string) => ({
    ...pacing.throttle,
    id,
    onRateLimit: (retryAfter: number, options: { method: string; url: string }) => {
      log.warn(
        `GitHub's rate limit for ${id === APP_ID_LANE ? "the app" : `installation ${id}`} on ${options.method} ${options.url}: retry in ${retryAfter} s`,
      );
      return false;
    },
    onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }) => {
      log.warn(
        `GitHub's secondary rate limit for ${id === APP_ID_LANE ? "the app" : `installation ${id}`} on ${options.method} ${options.url}: retry in ${retryAfter} s`,
      );
      return false;
    },
  });
  const paced = (github: GitHub, lane: string) => applyRequestPolicy({ github, policy: pacing.policy, writes: { lanes: pacing.writes, lane } });
  let asApp: Promise<GitHub> | null = null;
  const clients = new LruCache<Promise<GitHub>>({ maxEntries: KEPT_CLIENTS });
  const installationClient = async (installationId: number): Promise<GitHub> => {
    const app = await params.app();
    const id = String(installationId);
    const client: unknown = await app.auth({
      type: "installation",
      installationId,
      factory: (factoryOptions: unknown) => {
        const octokit = field(factoryOptions, "octokit");
        const own = record(field(factoryOptions, "octokitOptions"));
        return rebuilt({
          client: octokit,
          options: { ...own, throttle: { ...record(own.throttle), ...throttle(id) }, auth: { ...record(own.auth), installationId } },
        });
      },
    });
    if (!isGitHub(client)) throw new Error(`Probot gave no client for installation ${installationId}`);
    return paced(client, id);
  };
  return {
    asApp: () => {
      asApp ??= params.app().then((app) => paced(rebuilt({ client: app, options: { throttle: throttle(APP_ID_LANE) } }), APP_ID_LANE));
      return asApp;
    },
    asInstallation: (installationId) => {
      const key = String(installationId);
      const kept = clients.get(key);
      if (kept) return kept;
      const client = installationClient(installationId);
      clients.set({ key, value: client });
      // A client that could not be made (the app's auth failed) is asked for again next time.
      client.catch(() => clients.delete(key));
      return client;
    },
  };
}

/**
 * A new client of the same class as `client`: Probot's Octokit, whose
 * defaults hold the app's credentials, base URL, logger and plugins, and
 * merge `options` over Probot's throttle options (as when Probot made it).
 */
function rebuilt(params: { client: unknown; options: Record<string, unknown> }): GitHub {
  const clientClass: unknown = typeof params.client === "object" && params.client !== null ? params.client.constructor : null;
  if (typeof clientClass !== "function") throw new Error("Probot's client has no class to rebuild it from");
  const client: unknown = Reflect.construct(clientClass, [params.options]);
  if (!isGitHub(client)) throw new Error("rebuilding Probot's client gave something else");
  return client;
}

function isGitHub(value: unknown): value is GitHub {
  return typeof value === "object" && value !== null && "request" in value && "hook" in value && "rest" in value && "paginate" in value;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}
