import type { IncomingMessage, ServerResponse } from "node:http";
import { createNodeMiddleware as webhooksMiddleware } from "@octokit/webhooks";
import { type ApplicationFunction, createNodeMiddleware, type Probot } from "probot";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => unknown;
type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Gavel's HTTP endpoint as `probot run` serves it: the handlers `appFn` adds
 * (the sweep endpoint), then the webhook middleware of @octokit/webhooks.
 * That middleware answers a delivery `202 still processing` once `timeout`
 * has passed (9,000 ms; Probot passes none) and lets the handlers go on; if
 * they fail later, GitHub has logged the delivery as a success and never
 * redelivers it.
 * https://github.com/octokit/webhooks.js/blob/main/src/middleware/create-middleware.ts
 * https://github.com/octokit/webhooks.js/blob/main/src/middleware/node/index.ts
 *
 * Without `answerAfterMs` this is Probot's own `createNodeMiddleware`. With
 * it, the same pieces are put together as Probot does (`probot.load`, then
 * the webhooks middleware on `probot.webhooks`), with that timeout instead:
 * tests scale it with Gavel's other clocks.
 */
export async function webhookMiddleware(params: { probot: Probot; appFn: ApplicationFunction; path: string; answerAfterMs?: number }): Promise<Middleware> {
  const { probot, appFn, path, answerAfterMs } = params;
  if (answerAfterMs === undefined) return createNodeMiddleware(appFn, { probot, webhooksPath: path });
  const handlers: Handler[] = [];
  await probot.load(appFn, { cwd: process.cwd(), addHandler: (handler) => void handlers.push(handler) });
  handlers.push(webhooksMiddleware(probot.webhooks, { path, log: probot.log, timeout: answerAfterMs }));
  return async (req, res, next) => {
    for (const handler of handlers) if (await handler(req, res)) return true;
    next();
    return false;
  };
}
