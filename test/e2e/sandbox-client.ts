import { ProbotOctokit } from "probot";
import { httpStatus } from "../../src/github/client.js";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";

/**
 * An installation's Octokit on the sandbox, and its raw token. These tests
 * look at the sandbox's own answers (a 502, a 429 and its headers), so the
 * client is Probot's Octokit on the token with Octokit's retries and
 * throttling off; Gavel's clients keep them on, as in production.
 */
export async function installationClient(params: { local: LocalGavel; account: string }) {
  const installation = params.local.sandbox.store.installationFor(params.account);
  if (!installation) throw new Error(`the app is not installed on ${params.account}`);
  const app = await params.local.probot.auth();
  const { data } = await app.rest.apps.createInstallationAccessToken({ installation_id: installation.id });
  const octokit = new ProbotOctokit({
    auth: { token: data.token },
    baseUrl: params.local.sandbox.url,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return { octokit, token: data.token, installationId: installation.id };
}

/** The HTTP status a request ends with: 2xx, or the RequestError's status. */
export async function statusOf(request: Promise<{ status: number }>): Promise<number> {
  try {
    return (await request).status;
  } catch (error) {
    return httpStatus(error) ?? -1;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A request Octokit's types would refuse (an invalid body, an unknown parameter): sent as is, with the installation's token. */
export async function rawRequest(params: {
  local: LocalGavel;
  token: string;
  method: string;
  path: string;
  body?: unknown;
}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${params.local.sandbox.url}${params.path}`, {
    method: params.method,
    headers: { authorization: `token ${params.token}`, "content-type": "application/json" },
    ...(params.body === undefined ? {} : { body: JSON.stringify(params.body) }),
  });
  return { status: response.status, text: await response.text() };
}
