import { describe, expect, it } from "@jest/globals";
import { PULL_REQUEST_FIELDS, REPOSITORY_FIELDS, requirePayload, type FieldPaths } from "../../src/handlers/require-payload.js";

const repository = { full_name: "acme/community", name: "community", owner: { login: "acme" } };
const pull = { id: 1, number: 7, state: "open", head: { sha: "abc" }, base: { ref: "main" } };
const FIELDS: FieldPaths = { ...REPOSITORY_FIELDS, ...PULL_REQUEST_FIELDS, "check_run.pull_requests.*.number": "number" };

describe("requirePayload", () => {
  it("accepts a payload with every field, whatever else it holds or lacks", () => {
    const payload = { action: "synchronize", repository, pull_request: { ...pull, title: "x" }, check_run: { pull_requests: [] } };
    expect(() => requirePayload({ context: { name: "pull_request", payload }, fields: FIELDS })).not.toThrow();
  });

  it.each([
    {
      name: "a missing leaf",
      payload: { action: "synchronize", repository, pull_request: { ...pull, head: {} } },
      says: "pull_request.synchronize for acme/community: the payload has no pull_request.head.sha; nothing was evaluated",
    },
    {
      name: "a null object",
      payload: { action: "opened", repository, pull_request: { ...pull, head: null } },
      says: "pull_request.opened for acme/community: the payload has no pull_request.head; nothing was evaluated",
    },
    {
      name: "a number given as text",
      payload: { action: "opened", repository, pull_request: { ...pull, number: "7" } },
      says: "pull_request.opened for acme/community: the payload has pull_request.number but it is not a number; nothing was evaluated",
    },
    {
      name: "no repository",
      payload: { action: "opened", pull_request: pull },
      says: "pull_request.opened: the payload has no repository; nothing was evaluated",
    },
    {
      name: "no full_name: the repository from owner and name",
      payload: { action: "opened", repository: { name: "community", owner: { login: "acme" } }, pull_request: { ...pull, base: "main" } },
      says: "pull_request.opened for acme/community: the payload has no pull_request.base.ref; nothing was evaluated",
    },
    {
      name: "an element of an array",
      payload: { repository, pull_request: pull, check_run: { pull_requests: [{ number: 1 }, { id: 2 }] } },
      says: "pull_request for acme/community: the payload has no check_run.pull_requests.1.number; nothing was evaluated",
    },
    {
      name: "an array that is not one",
      payload: { repository, pull_request: pull, check_run: { pull_requests: {} } },
      says: "pull_request for acme/community: the payload has check_run.pull_requests but it is not an array; nothing was evaluated",
    },
  ])("names the event, the field and the repository: $name", ({ payload, says }) => {
    expect(() => requirePayload({ context: { name: "pull_request", payload }, fields: FIELDS })).toThrow(new Error(says));
  });
});
