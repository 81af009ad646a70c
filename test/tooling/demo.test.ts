import { describe, expect, it } from "@jest/globals";
import { spawn } from "node:child_process";

/** Runs `npm run demo`'s script with `args`; its exit code and what it printed. */
function demo(args: string[]): Promise<{ code: number | null; out: string }> {
  const tsx = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;
  const main = new URL("../../sandbox/demo/main.ts", import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [main, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("npm run demo", () => {
  it("tells the story as maintainers see it, and --verbose adds webhooks and API requests", async () => {
    const [plain, verbose] = await Promise.all([demo([]), demo(["--verbose"])]);
    expect(plain.code).toBe(0);
    expect(verbose.code).toBe(0);
    // Thresholds in words, comments in full, an objection that blocks and is withdrawn.
    expect(plain.out).toContain("5 of 7 maintainers needed, 5 have approved");
    expect(plain.out).toContain("│ ### 🏛️ This pull request changes the project's governance");
    expect(plain.out).toContain('❌ failure · "Blocked: process has an objection (1 request for changes)"');
    expect(plain.out).toContain('✅ success · "Approved: process"');
    expect(plain.out).not.toMatch(/^ {3}API /m);
    expect(plain.out).not.toMatch(/^ {3}webhooks /m);
    expect(verbose.out).toMatch(/^ {3}API {7}\d+ requests?: /m);
    expect(verbose.out).toMatch(/^ {3}webhooks {2}pull_request\.opened/m);
  }, 120_000);
});
