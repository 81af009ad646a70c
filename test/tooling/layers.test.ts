import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "@jest/globals";
import { findRestOutside } from "../../scripts/check-rest.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = "test/fixtures/layers";

/**
 * Runs `biome check --error-on-warnings`, as `npm run lint` does, with the
 * project's rules, on one file holding `source` in a scratch folder.
 */
async function biome(source: string): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "gavel-biome-"));
  const { vcs: _vcs, files: _files, $schema: _schema, ...rules } = JSON.parse(readFileSync(`${root}biome.json`, "utf8"));
  writeFileSync(join(dir, "biome.json"), JSON.stringify(rules));
  writeFileSync(join(dir, "probe.ts"), source);
  try {
    const { stdout, stderr } = await run(`${root}node_modules/.bin/biome`, ["check", "--error-on-warnings", "probe.ts"], { cwd: dir });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

/** Each check spawns a process or a type checker: seconds, more under the full suite's load. */
const SLOW_MS = 120_000;

// `npm run lint` runs these checks in CI; these tests show that each fails on code that breaks it.
describe("the layer checks that `npm run lint` runs", () => {
  it(
    "Biome fails on code that isn't formatted or breaks a lint rule, and passes it once it is",
    async () => {
      const unformatted = await biome("export const x =    1;\n");
      expect(unformatted.code).not.toBe(0);
      const comma = await biome("export const x = (1, 2);\n");
      expect(comma.code).not.toBe(0);
      expect(comma.output).toContain("lint/complexity/noCommaOperator");
      expect((await biome("export const x = 1;\n")).code).toBe(0);
    },
    SLOW_MS,
  );

  it(
    "an import circle and a pure module importing probot fail the check",
    async () => {
      const { code, output } = await depcruise(`${fixture}/src`);
      expect(code).not.toBe(0);
      expect(output).toMatch(/error no-cycles: test\/fixtures\/layers\/src\/policy\/cycle-(a|b)\.ts/);
      expect(output).toContain("error pure-stays-pure: test/fixtures/layers/src/policy/impure.ts → node_modules/probot");
    },
    SLOW_MS,
  );

  it(
    "a GitHub call outside src/github/ fails check-rest, and a `request` of something else doesn't",
    () => {
      const findings = findRestOutside({ tsconfig: `${root}${fixture}/tsconfig.json`, allowed: `${root}${fixture}/src/github` });
      expect(findings).toEqual([expect.stringMatching(/calls-github\.ts:5: `github\.rest` calls GitHub outside/)]);
    },
    SLOW_MS,
  );
});
