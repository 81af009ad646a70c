import { isRecord } from "../openapi/schema-doc.js";
import { ApiError, notFound, type RouteTable } from "../server/route-types.js";
import type { Delivery, DeliveryQueue } from "../webhooks/deliveries.js";

/**
 * The app's webhook delivery log, as GitHub keeps it: every finished attempt,
 * newest first, paged by cursor; and "Redeliver". A delivery the sandbox
 * dropped is logged as GitHub logs one it could not make ("failed to
 * connect"); one still in flight is not logged yet, nor one whose failure
 * reaches the log late (DropSpec.logDelayMs).
 * https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook
 * https://docs.github.com/webhooks/using-webhooks/handling-failed-webhook-deliveries
 */
export function hookRoutes(params: { deliveries: DeliveryQueue; now: () => Date }): RouteTable {
  const { deliveries, now } = params;
  return {
    "GET /app/hook/deliveries": (request) => {
      const perPage = Math.min(100, Number(request.query.get("per_page") ?? 30));
      const cursor = request.query.get("cursor");
      const finished = deliveries
        .list()
        .filter((d) => !d.unlogged && (d.dropped || d.status !== null || d.error !== null))
        .filter((d) => d.loggedAt === undefined || Date.parse(d.loggedAt) <= now().getTime())
        .sort((a, b) => b.hookId - a.hookId);
      const from = cursor === null ? 0 : finished.findIndex((d) => d.hookId === Number(cursor));
      if (from < 0) throw new ApiError({ status: 422, message: `cursor ${cursor} is not a delivery in the log` });
      const page = finished.slice(from, from + perPage);
      const next = finished[from + perPage];
      const headers: Record<string, string> = next ? { link: `</app/hook/deliveries?per_page=${perPage}&cursor=${next.hookId}>; rel="next"` } : {};
      return { status: 200, body: page.map(logEntry), headers };
    },

    "POST /app/hook/deliveries/{delivery_id}/attempts": (request) => {
      const again = deliveries.redeliverAttempt(Number(request.params.delivery_id));
      if (!again) throw notFound();
      return { status: 202, body: {} };
    },
  };
}

function logEntry(delivery: Delivery) {
  const payload: unknown = JSON.parse(delivery.body);
  const id = (key: string): number | null => {
    const value = isRecord(payload) ? payload[key] : undefined;
    return isRecord(value) && typeof value.id === "number" ? value.id : null;
  };
  const answered = delivery.status;
  const status =
    delivery.dropped || answered === null ? "failed to connect to host" : answered >= 200 && answered < 300 ? "OK" : `Invalid HTTP Response: ${answered}`;
  return {
    id: delivery.hookId,
    guid: delivery.id,
    delivered_at: delivery.at,
    redelivery: delivery.redelivery,
    duration: (delivery.durationMs ?? 0) / 1000,
    status,
    status_code: answered ?? 0,
    event: delivery.event,
    action: delivery.action,
    installation_id: id("installation"),
    repository_id: id("repository"),
    throttled_at: null,
  };
}
