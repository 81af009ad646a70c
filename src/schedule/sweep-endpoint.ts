import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "probot";
import type { SweepReport } from "./sweep.js";

export const SWEEP_PATH = "/gavel/sweep";

/**
 * `POST /gavel/sweep` with `Authorization: Bearer <SWEEP_TOKEN>` runs the
 * reconcile sweep and answers its report: for deployments woken by an
 * external cron (serverless, a Kubernetes CronJob). A missing or wrong token
 * gets 401 and runs nothing. Returns false for other paths, as Probot's
 * handler chain expects.
 */
export function sweepEndpoint(params: { token: string; sweep: () => Promise<SweepReport>; log: Logger }) {
  const expected = digest(params.token);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== SWEEP_PATH) return false;
    if (req.method !== "POST") return reply({ res, status: 405, body: { error: "use POST" } });
    const header = req.headers.authorization ?? "";
    const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
    // Compare digests so the comparison takes the same time whatever the length.
    if (given === "" || !timingSafeEqual(digest(given), expected)) return reply({ res, status: 401, body: { error: "a valid bearer token is required" } });
    try {
      return reply({ res, status: 200, body: await params.sweep() });
    } catch (error) {
      params.log.error({ err: error }, "the sweep requested over HTTP failed");
      return reply({ res, status: 500, body: { error: error instanceof Error ? error.message : String(error) } });
    }
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function reply(params: { res: ServerResponse; status: number; body: unknown }): true {
  params.res.writeHead(params.status, { "content-type": "application/json" });
  params.res.end(JSON.stringify(params.body));
  return true;
}
