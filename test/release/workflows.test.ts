/**
 * What can be checked here of the files GitHub runs: every workflow and
 * action file is valid YAML of the right shape, every action it uses is
 * pinned to a release (a version tag or a commit SHA, never a branch) at the
 * current major, Node is the production line where production runs, and the
 * release workflow publishes what docs/releasing.md says.
 */
import { describe, expect, it } from "@jest/globals";
import { ACTION_BUNDLE } from "../../scripts/bundle.js";
import { at, isRecord, loadYamlFile, readRepoFile, recordAt, workflowAndActionFiles } from "./repo-files.js";

/**
 * The current major of every action Gavel's files use, each checked on its
 * release notes on 2026-12-07. All run on Node 24; the majors before them ran
 * on Node 20, which GitHub removed from its runners in September 2026
 * (github.blog/changelog/2025-09-19-deprecation-of-node-20-on-github-actions-runners).
 * An action not listed fails the test: look up its current major first.
 */
const CURRENT_MAJORS: Readonly<Record<string, number>> = {
  // github.com/actions/checkout/releases/tag/v7.0.0 (July 2026)
  "actions/checkout": 7,
  // github.com/actions/setup-node/releases/tag/v7.0.0 (July 2026)
  "actions/setup-node": 7,
  // github.com/docker/setup-qemu-action/releases/tag/v4.0.0 (March 2026: Node 24)
  "docker/setup-qemu-action": 4,
  // github.com/docker/setup-buildx-action/releases/tag/v4.0.0 (March 2026: Node 24)
  "docker/setup-buildx-action": 4,
  // github.com/docker/login-action/releases/tag/v4.0.0 (March 2026: Node 24)
  "docker/login-action": 4,
  // github.com/docker/metadata-action/releases/tag/v6.0.0 (March 2026: Node 24)
  "docker/metadata-action": 6,
  // github.com/docker/build-push-action/releases/tag/v7.0.0 (March 2026: Node 24)
  "docker/build-push-action": 7,
  // Gavel's own Action, in the example workflow adopters copy.
  "gavel-governance/gavel": 1,
};

/** `owner/repo[/path]@ref` where ref is a version tag (v7, v7.0, v7.0.1, v1.5.0-rc.1) or a full commit SHA. */
const PINNED = /^(?<action>[\w.-]+\/[\w.-]+)(?:\/[\w./-]+)?@(?:v(?<major>\d+)(?:\.\d+){0,2}(?:-[\w.]+)?|[0-9a-f]{40})$/;

const files = workflowAndActionFiles();
const documents = files.map((file) => ({ file, document: loadYamlFile(file) }));
const workflows = documents.filter(({ file }) => file !== "action.yml");

interface Step {
  file: string;
  job: string;
  step: Record<string, unknown>;
}

function steps(): Step[] {
  return workflows.flatMap(({ file, document }) =>
    Object.entries(recordAt({ node: document, path: ["jobs"], what: file })).flatMap(([job, body]) => {
      const list = at({ node: body, path: ["steps"] });
      return (Array.isArray(list) ? list : []).map((step: unknown) => ({ file, job, step: isRecord(step) ? step : {} }));
    }),
  );
}

const uses = () => steps().flatMap(({ file, step }) => (typeof step.uses === "string" ? [{ file, uses: step.uses }] : []));

/** Production's Node major: the runtime of the Action (action.yml `runs.using: node24`), which the image and the release build use too. */
const productionNode = Number(/^node(\d+)$/.exec(String(at({ node: loadYamlFile("action.yml"), path: ["runs", "using"] })))?.[1]);

describe("workflow and action files", () => {
  it("are found: the CI and release workflows, the example workflow and the Action", () => {
    expect(files).toEqual(
      expect.arrayContaining([".github/workflows/ci.yml", ".github/workflows/release.yml", "docs/examples/gavel-workflow.yml", "action.yml"]),
    );
  });

  it.each(files)("%s is valid YAML of a workflow's or an action's shape", (file) => {
    const document = loadYamlFile(file);
    if (file === "action.yml") {
      expect(Object.keys(recordAt({ node: document, path: [], what: file }))).toEqual(expect.arrayContaining(["name", "description", "inputs", "runs"]));
      return;
    }
    expect(Object.keys(recordAt({ node: document, path: [], what: file }))).toEqual(expect.arrayContaining(["name", "on", "permissions", "jobs"]));
    for (const [job, body] of Object.entries(recordAt({ node: document, path: ["jobs"], what: file }))) {
      const list = at({ node: body, path: ["steps"] });
      expect({ job, runsOn: typeof at({ node: body, path: ["runs-on"] }), steps: Array.isArray(list) && list.length > 0 }).toEqual({
        job,
        runsOn: "string",
        steps: true,
      });
      // A step either uses an action or runs a command, never both or neither.
      for (const step of Array.isArray(list) ? list : []) expect(isRecord(step) && "uses" in step !== "run" in step).toBe(true);
    }
  });

  it.each([
    ["actions/checkout@v7", true],
    ["actions/checkout@v7.0.1", true],
    ["docker/build-push-action@v7.3.0", true],
    ["gavel-governance/gavel@v1.5.0-rc.1", true],
    ["actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", true],
    ["actions/checkout@main", false],
    ["actions/checkout@master", false],
    ["actions/checkout@releases/v7", false],
    ["actions/checkout@3d3c42e", false],
    ["actions/checkout", false],
  ])("reads %s as pinned: %s", (uses, pinned) => {
    expect(PINNED.test(uses)).toBe(pinned);
  });

  it("pin every action to a release, never a branch", () => {
    const unpinned = uses().filter(({ uses }) => !PINNED.test(uses));
    expect(unpinned).toEqual([]);
    expect(uses().length).toBeGreaterThan(5);
  });

  it("use every action at its current major, which runs on Node 24", () => {
    const behind = uses().flatMap(({ file, uses }) => {
      const match = PINNED.exec(uses)?.groups;
      const current = CURRENT_MAJORS[match?.action ?? ""];
      return current !== undefined && Number(match?.major) === current ? [] : [{ file, uses, current: current ?? "unknown: look it up" }];
    });
    expect(behind).toEqual([]);
  });

  it("set up Node's production line where production is built, and test on it and on the oldest supported line", () => {
    const versions = steps()
      .filter(({ step }) => typeof step.uses === "string" && step.uses.startsWith("actions/setup-node@"))
      .map(({ file, job, step }) => ({ file, job, version: String(at({ node: step, path: ["with", "node-version"] })) }));
    expect(productionNode).toBe(24);
    expect(versions.filter(({ file }) => file.endsWith("release.yml")).map(({ version }) => version)).toEqual([String(productionNode), String(productionNode)]);
    const matrix = at({ node: loadYamlFile(".github/workflows/ci.yml"), path: ["jobs", "test", "strategy", "matrix", "node"] });
    const oldest = /^\^?(\d+)/.exec(String(at({ node: JSON.parse(readRepoFile("package.json")), path: ["engines", "node"] })))?.[1];
    expect(matrix).toEqual([Number(oldest), productionNode]);
    expect(versions.filter(({ file }) => file.endsWith("ci.yml")).map(({ version }) => version)).toEqual(["${{ matrix.node }}"]);
  });

  it("install with npm ci, which fails on a Node a dependency doesn't support instead of warning (.npmrc)", () => {
    expect(readRepoFile(".npmrc").split("\n")).toContain("engine-strict=true");
  });

  it("run .ci/run in CI, as a developer does", () => {
    const ci = steps().filter(({ file }) => file.endsWith("ci.yml"));
    expect(ci.map(({ step }) => step.run).filter((run) => run !== undefined)).toEqual(["bash .ci/run"]);
  });
});

describe("the Action (action.yml)", () => {
  const action = loadYamlFile("action.yml");

  it("is a JavaScript action on the current Node runtime whose main is the bundle `npm run bundle` writes", () => {
    expect(at({ node: action, path: ["runs"] })).toEqual({ using: `node${productionNode}`, main: ACTION_BUNDLE });
  });

  it("has a description for every input, and requires only the secret", () => {
    const inputs = recordAt({ node: action, path: ["inputs"], what: "action.yml" });
    expect(Object.entries(inputs).filter(([, input]) => typeof at({ node: input, path: ["description"] }) !== "string")).toEqual([]);
    expect(Object.keys(inputs).filter((id) => at({ node: inputs[id], path: ["required"] }) === true)).toEqual(["secret"]);
    expect(at({ node: inputs, path: ["token", "default"] })).toBe("${{ github.token }}");
  });
});

describe("the release workflow", () => {
  const release = loadYamlFile(".github/workflows/release.yml");
  const job = (name: string) => steps().filter(({ file, job }) => file.endsWith("release.yml") && job === name);
  const using = (name: string, action: string) => job(name).find(({ step }) => typeof step.uses === "string" && step.uses.startsWith(`${action}@`))?.step;

  it("runs on version tags only, and releases only a commit that is on main and passes CI", () => {
    const tags = at({ node: release, path: ["on", "push", "tags"] });
    expect(Array.isArray(tags) && tags.length > 0 && tags.every((tag) => typeof tag === "string" && tag.startsWith("v[0-9]+."))).toBe(true);
    expect(Object.keys(recordAt({ node: release, path: ["on"], what: "release.yml" }))).toEqual(["push"]);
    expect(job("test").map(({ step }) => step.run)).toEqual(expect.arrayContaining(['git merge-base --is-ancestor "$GITHUB_SHA" origin/main', "bash .ci/run"]));
    for (const name of ["image", "action"]) expect(at({ node: release, path: ["jobs", name, "needs"] })).toBe("test");
  });

  it("builds the container image for amd64 and arm64 and pushes it to the GitHub container registry", () => {
    for (const action of ["docker/setup-qemu-action", "docker/setup-buildx-action"]) expect(using("image", action)).toBeDefined();
    expect(at({ node: using("image", "docker/login-action"), path: ["with", "registry"] })).toBe("ghcr.io");
    expect(at({ node: using("image", "docker/metadata-action"), path: ["with", "images"] })).toBe("ghcr.io/${{ github.repository }}");
    expect(at({ node: using("image", "docker/build-push-action"), path: ["with"] })).toMatchObject({
      context: ".",
      platforms: "linux/amd64,linux/arm64",
      push: true,
      tags: "${{ steps.meta.outputs.tags }}",
    });
    expect(at({ node: release, path: ["jobs", "image", "permissions"] })).toEqual({ contents: "read", packages: "write" });
  });

  it("publishes the Action: notes first, then the bundle committed on the tag, then the major tag for a final release", () => {
    const runs = job("action").flatMap(({ step }) => (typeof step.run === "string" ? [step.run] : []));
    const index = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
    expect(index(/scripts\/release-notes\.ts "\$TAG"/)).toBeGreaterThanOrEqual(0);
    expect(index(/^npm run bundle$/)).toBeGreaterThan(index(/release-notes/));
    const move = runs[index(/git add --force dist\/action/)] ?? "";
    expect(index(/git add --force dist\/action/)).toBeGreaterThan(index(/^npm run bundle$/));
    expect(move).toMatch(/git push --force origin "refs\/tags\/\$\{TAG\}"/);
    expect(move).toMatch(/\*-\*\) echo .*pre-release/);
    expect(move).toMatch(/major="\$\{TAG%%\.\*\}"[\s\S]*git push --force origin "refs\/tags\/\$\{major\}"/);
    expect(at({ node: release, path: ["jobs", "action", "permissions"] })).toEqual({ contents: "write" });
    expect(at({ node: release, path: ["permissions"] })).toEqual({ contents: "read" });
  });
});
