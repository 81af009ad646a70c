import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";

/**
 * .env.example lists every variable Gavel and Probot read in production,
 * each with a comment, and no secret. The names are taken from the source,
 * so a variable added to the code and not to the example fails here.
 */
const repo = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, repo), "utf8");

const example = read(".env.example");
const lines = example.split("\n");

/** NAME of each `NAME=value` or `# NAME=value` line, with the line's index. */
const listed = lines.flatMap((line, index) => {
  const match = /^(?:#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
  return match?.[1] ? [{ name: match[1], value: match[2] ?? "", commented: line.startsWith("#"), index }] : [];
});

/** Environment variables a source file reads: `env.NAME`, `env["NAME"]`, and a call on a literal like `value("NAME")`. */
function variablesRead(source: string): string[] {
  const names = new Set<string>();
  for (const pattern of [/\benv\.([A-Z][A-Z0-9_]*)\b/g, /\benv\[\s*"([A-Z][A-Z0-9_]*)"\s*\]/g, /\b\w+\(\s*"([A-Z][A-Z0-9_]+)"\s*\)/g]) {
    for (const match of source.matchAll(pattern)) if (match[1]) names.add(match[1]);
  }
  return [...names].sort();
}

describe(".env.example", () => {
  const gavelReads = variablesRead(read("src/index.ts") + read("src/deploy/read-environment.ts"));
  // What `probot run` reads: its options, its key loader, and its setup mode's smee switch.
  const probotReads = [...variablesRead(read("node_modules/probot/lib/bin/read-env-options.js")), "PRIVATE_KEY", "PRIVATE_KEY_PATH", "NO_SMEE_SETUP"];

  it("finds the variables in the source (the extraction itself works)", () => {
    expect(gavelReads).toEqual(
      expect.arrayContaining([
        "APP_ID",
        "PRIVATE_KEY",
        "PRIVATE_KEY_PATH",
        "WEBHOOK_SECRET",
        "WEBHOOK_SECRET_PREVIOUS",
        "SWEEP_INTERVAL",
        "SWEEP_LOOKBACK",
        "SWEEP_TOKEN",
        "WEBHOOK_PROXY_URL",
        "NODE_ENV",
      ]),
    );
    expect(probotReads).toEqual(expect.arrayContaining(["APP_ID", "PORT", "HOST", "LOG_LEVEL", "GHE_HOST"]));
  });

  it("lists every variable Gavel reads", () => {
    expect(gavelReads.filter((name) => !listed.some((l) => l.name === name))).toEqual([]);
  });

  it("lists every variable Probot reads", () => {
    expect(probotReads.filter((name) => !listed.some((l) => l.name === name))).toEqual([]);
  });

  it("lists each variable once, under a comment saying what it is", () => {
    expect(listed.map((l) => l.name).filter((name, i, all) => all.indexOf(name) !== i)).toEqual([]);
    for (const { name, index } of listed) {
      const above = lines[index - 1] ?? "";
      expect({ name, above: /^#\s+\S/.test(above) && !/^#\s*[A-Z][A-Z0-9_]*=/.test(above) }).toEqual({ name, above: true });
    }
  });

  it("holds no secret: secret variables are empty and no key is pasted", () => {
    const secrets = listed.filter((l) => /SECRET|TOKEN|PRIVATE_KEY$|DSN/.test(l.name));
    expect(secrets.filter((l) => l.value !== "")).toEqual([]);
    expect(example).not.toMatch(/-----BEGIN/);
  });

  it("leaves the required variables uncommented and starts in production without smee", () => {
    const active = Object.fromEntries(listed.filter((l) => !l.commented).map((l) => [l.name, l.value]));
    expect(active).toEqual({ APP_ID: "", PRIVATE_KEY_PATH: "", WEBHOOK_SECRET: "", NODE_ENV: "production", NO_SMEE_SETUP: "true" });
  });
});
