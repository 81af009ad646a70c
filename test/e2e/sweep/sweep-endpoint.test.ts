import { afterEach, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { CHARTER, REPO, startStory } from "../story.js";

/**
 * `POST /gavel/sweep` on Gavel's own server runs the reconcile sweep for a
 * scheduler outside the process. It takes a bearer token, and without one
 * configured it isn't served at all.
 */
let local: LocalGavel;
afterEach(async () => {
  await local.stop();
  expect(local.sandbox.problems).toEqual([]);
});

async function call(params: { token?: string; method?: string }): Promise<{ status: number; body: string }> {
  const url = new URL("/gavel/sweep", local.webhookUrl);
  const headers: Record<string, string> = params.token === undefined ? {} : { authorization: `Bearer ${params.token}` };
  const response = await fetch(url, { method: params.method ?? "POST", headers });
  return { status: response.status, body: await response.text() };
}

describe("the sweep endpoint", () => {
  it("refuses a request without the token, with a wrong one, or not a POST, and runs nothing", async () => {
    local = await startStory({ sweepToken: "right-token" });
    local.github.resetRequestCounts();
    expect((await call({})).status).toBe(401);
    expect((await call({ token: "wrong-token" })).status).toBe(401);
    expect((await call({ token: "right-token", method: "GET" })).status).toBe(405);
    expect(local.github.requestCounts()).toEqual({});
  });

  it("runs the sweep with the right token and answers its report", async () => {
    local = await startStory({ sweepToken: "right-token" });
    local.github.openPullRequest({ repo: REPO, author: "zoe", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    await local.settle();
    const response = await call({ token: "right-token" });
    await local.settle();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ installations: 1, redelivered: 0, found: 1, evaluated: 1, failed: 0 });
  });

  it("is not served without a token", async () => {
    local = await startStory();
    expect((await call({ token: "any" })).status).toBe(404);
  });
});
