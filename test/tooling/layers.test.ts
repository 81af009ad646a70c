import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "@jest/globals";
import { findRestOutside } from "../../scripts/check-rest.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = "test/fixtures/layers";

/** Runs dependency-cruiser with the project's rules; resolves with its exit code and output, failing or not. */
async function depcruise(path: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run("npx", ["--no-install", "depcruise", path, "--config", ".dependency-cruiser.cjs"], { cwd: root });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, output: failed.stdout };
  }
}

describe("the layer checks that `npm run lint` runs", () => {
  it("src/ keeps its layers: no cycle, no impure import", async () => {
    const { code, output } = await depcruise("src");
    expect(output).toContain("no dependency violations found");
    expect(code).toBe(0);
  });

  it("an import circle and a pure module importing probot fail the check", async () => {
    const { code, output } = await depcruise(`${fixture}/src`);
    expect(code).not.toBe(0);
    expect(output).toMatch(/error no-cycles: test\/fixtures\/layers\/src\/policy\/cycle-(a|b)\.ts/);
    expect(output).toContain("error pure-stays-pure: test/fixtures/layers/src/policy/impure.ts → node_modules/probot");
  });

  it("a GitHub call outside src/github/ fails check-rest; src/ has none", () => {
    const fixtureFindings = findRestOutside({ tsconfig: `${root}${fixture}/tsconfig.json`, allowed: `${root}${fixture}/src/github` });
    expect(fixtureFindings).toEqual([expect.stringMatching(/calls-github\.ts:5: `github\.rest` calls GitHub outside/)]);
    expect(findRestOutside({ tsconfig: `${root}tsconfig.build.json`, allowed: `${root}src/github` })).toEqual([]);
  });
});
