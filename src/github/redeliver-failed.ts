import type { Logger } from "probot";
import type { LruCache } from "../cache/lru-cache.js";
import { JUST_OPENED_MS } from "./trust-snapshot.js";
import { httpStatus, reading, type GitHub } from "./client.js";

/** A redelivery GitHub could not be asked for yet: the attempt to send again, and what it was. */
export interface PendingRedelivery {
  id: number;
  what: string;
}

export interface Redeliveries {
  /** Events whose every attempt since `since` failed. */
  failed: number;
  /** Of those, how many GitHub was asked to send again now. */
  redelivered: number;
}

/**
 * Asks GitHub to send again each webhook event to this app that it could not
 * deliver since `since`: GitHub records a delivery that failed (Gavel down,
 * unreachable, too slow or answering an error) and never retries it by
 * itself. An event counts as failed when none of its attempts (one `guid`,
 * redeliveries included) has the status `OK`. Each is asked for once per
 * process (`asked`), so an event Gavel can't handle (a payload it refuses)
 * is not sent again and again; a request GitHub refused for a passing reason
 * (a rate limit, an error of its own) is kept `pending` and made again by the
 * next sweep, even once the event has left the window; handling is idempotent, so a redelivery of
 * something already repaired, or one asked for by two replicas, changes
 * nothing. Uses the app's JWT: the log is the app's, across installations,
 * and reading it costs no installation's rate limit.
 * https://docs.github.com/webhooks/using-webhooks/handling-failed-webhook-deliveries
 * https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook
 */
export async function redeliverFailed(params: {
  app: GitHub;
  since: string;
  now: Date;
  /** Whether Gavel acts on `event.action`: others (every app's check runs, say) are not sent again. */
  handles: (name: string) => boolean;
  asked: LruCache<true>;
  pending: LruCache<PendingRedelivery>;
  log: Logger;
}): Promise<Redeliveries> {
  const { app } = params;
  const report: Redeliveries = { failed: 0, redelivered: 0 };
  const ask = async (request: { guid: string } & PendingRedelivery): Promise<void> => {
    try {
      await reading({ what: `asking GitHub to redeliver ${request.what}`, read: () => app.rest.apps.redeliverWebhookDelivery({ delivery_id: request.id }) });
      params.pending.delete(request.guid);
      params.asked.set({ key: request.guid, value: true });
      report.redelivered++;
      params.log.info(`sweep: ${request.what} had failed; GitHub was asked to deliver it again`);
    } catch (error) {
      // A refusal that asking again can't change (too old, gone) is given up; anything else is asked again next sweep.
      const status = httpStatus(error);
      const final = status !== null && status >= 400 && status < 500 && status !== 403 && status !== 429;
      if (final) params.pending.delete(request.guid);
      else params.pending.set({ key: request.guid, value: { id: request.id, what: request.what } });
      params.log.error(
        { err: error },
        `sweep: could not ask GitHub to redeliver ${request.what}; ${final ? "the event waits for the search for changes" : "the next sweep asks again"}`,
      );
    }
  };
  // Requests that failed last time first: their events may have left the window since.
  for (const [guid, request] of params.pending.list()) await ask({ guid, ...request });
  const since = Date.parse(params.since);
  // Newest first: stop at the first page that reaches back past `since`.
  const attempts = await reading({
    what: "listing the app's webhook deliveries",
    read: () =>
      app.paginate(app.rest.apps.listWebhookDeliveries, { per_page: 100 }, (response, done) => {
        if (response.data.some((a) => Date.parse(a.delivered_at) < since)) done();
        return response.data;
      }),
  });
  const events = new Map<string, { ok: boolean; redelivered: boolean; first: number; latest: { id: number; event: string; action?: string | null } }>();
  for (const attempt of attempts) {
    if (Date.parse(attempt.delivered_at) < since) continue;
    const seen = events.get(attempt.guid);
    const ok = attempt.status === "OK";
    const at = Date.parse(attempt.delivered_at);
    if (!seen) events.set(attempt.guid, { ok, redelivered: attempt.redelivery, first: at, latest: attempt });
    else {
      seen.ok ||= ok;
      seen.redelivered ||= attempt.redelivery;
      seen.first = Math.min(seen.first, at);
    }
  }
  for (const [guid, { ok, redelivered, first, latest }] of events) {
    if (ok || !params.handles(`${latest.event}.${latest.action ?? ""}`)) continue;
    report.failed++;
    // A redelivery in the log is the brake that holds across processes and replicas: an event is sent again once, ever.
    if (redelivered || params.asked.has(guid) || params.pending.has(guid)) continue;
    const request = { id: latest.id, what: `${latest.event}${latest.action ? `.${latest.action}` : ""} (delivery ${guid})` };
    // A PR's `opened` under a minute old skips reading comments (see justOpened): its redelivery waits a sweep, so it can't announce twice.
    if (latest.event === "pull_request" && latest.action === "opened" && params.now.getTime() - first < JUST_OPENED_MS)
      params.pending.set({ key: guid, value: request });
    else await ask({ guid, ...request });
  }
  return report;
}
