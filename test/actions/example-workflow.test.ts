import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { load } from "js-yaml";
import { COMMENT_EVENTS } from "../../src/handlers/issue-comment.js";
import { REVIEW_EVENTS } from "../../src/handlers/pull-request-review.js";
import { PULL_REQUEST_EVENTS } from "../../src/handlers/pull-request.js";
import { isRecord, loadYamlFile, recordAt } from "../release/repo-files.js";

describe("the example workflow (docs/examples/gavel-workflow.yml)", () => {
  const workflow: unknown = load(readFileSync(new URL("../../docs/examples/gavel-workflow.yml", import.meta.url), "utf8"));
  const at = (path: string[]): unknown =>
    path.reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? Reflect.get(node, key) : undefined), workflow);
  const actions = (events: readonly string[]) => events.map((e) => e.split(".")[1]);

  it("subscribes to exactly the actions Gavel handles, plus the sweep's triggers", () => {
    expect(at(["on", "pull_request_target", "types"])).toEqual(actions(PULL_REQUEST_EVENTS));
    expect(at(["on", "pull_request_review", "types"])).toEqual(actions(REVIEW_EVENTS));
    expect(at(["on", "issue_comment", "types"])).toEqual(actions(COMMENT_EVENTS));
    expect(at(["on", "push", "branches"])).toEqual(["main"]);
    expect(at(["on", "schedule"])).toEqual([{ cron: "7,22,37,52 * * * *" }]);
    expect(Object.keys(at(["on"]) ?? {})).toContain("workflow_dispatch");
  });

  it("asks for the token's permissions Gavel uses, runs one event per item at a time, and passes the secret", () => {
    expect(at(["permissions"])).toEqual({ checks: "write", "pull-requests": "write", issues: "write", contents: "read" });
    expect(at(["concurrency"])).toEqual({
      group: "gavel-${{ github.event.pull_request.number || github.event.issue.number || github.ref }}",
      "cancel-in-progress": false,
      queue: "max",
    });
    // A job named `governance` would write a check run that passes for Gavel's.
    expect(Object.keys(at(["jobs"]) ?? {})).toEqual(["gavel"]);
    const steps = at(["jobs", "gavel", "steps"]);
    // One step: Gavel's released Action, nothing checked out, installed or built.
    expect(steps).toEqual([
      {
        uses: "gavel-governance/gavel@v1",
        with: { secret: "${{ secrets.GAVEL_SECRET }}", "previous-secrets": "${{ secrets.GAVEL_SECRET_PREVIOUS }}" },
      },
    ]);
    // Every input it passes is one the Action has, and every input the Action requires is passed.
    const inputs = recordAt({ node: loadYamlFile("action.yml"), path: ["inputs"], what: "action.yml" });
    const passed = Object.keys(recordAt({ node: Array.isArray(steps) ? steps[0] : null, path: ["with"], what: "the step" }));
    expect(passed.filter((id) => !(id in inputs))).toEqual([]);
    const required = Object.entries(inputs).filter(([, input]) => isRecord(input) && input.required === true);
    expect(required.map(([id]) => id).filter((id) => !passed.includes(id))).toEqual([]);
    // Nothing checks out the pull request's code: `pull_request_target` has a write token.
    expect(JSON.stringify(steps)).not.toMatch(/head\.(sha|ref)|github\.head_ref/);
  });
});
