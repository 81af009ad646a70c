import { existsSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { load } from "js-yaml";
import { at } from "../release/repo-files.js";
import { dockerignore } from "./dockerignore.js";
import { parseAssignments, parseDockerfile, type Instruction, type Stage } from "./dockerfile-parser.js";

/**
 * No Docker engine runs here, so the Dockerfile is linted: its stages, what
 * the runtime stage holds, who it runs as, and that everything it copies
 * exists in the repository or is produced by the build stage.
 */
const repo = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, repo), "utf8");
const exists = (path: string) => existsSync(new URL(path.replace(/^\.\//, ""), repo));

const dockerfile = parseDockerfile(read("Dockerfile"));
const inContext = dockerignore(read(".dockerignore"));
const stages = dockerfile.stages;
const runtime = stages[stages.length - 1];
const packageJson = readJson("package.json");

function readJson(path: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(read(path));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`${path} is not a JSON object`);
  return Object.fromEntries(Object.entries(parsed));
}

function field(params: { object: Record<string, unknown>; path: string[] }): unknown {
  let value: unknown = params.object;
  for (const key of params.path) value = typeof value === "object" && value !== null ? Object.entries(value).find(([k]) => k === key)?.[1] : undefined;
  return value;
}

function final(): Stage {
  if (!runtime) throw new Error("the Dockerfile has no stage");
  return runtime;
}

function all(params: { stage: Stage; keyword: string }): Instruction[] {
  return params.stage.instructions.filter((i) => i.keyword === params.keyword);
}

function only(params: { stage: Stage; keyword: string }): Instruction {
  const found = all(params);
  if (found.length !== 1) throw new Error(`expected one ${params.keyword} in stage ${params.stage.name ?? params.stage.index}, found ${found.length}`);
  const [instruction] = found;
  if (!instruction) throw new Error("unreachable");
  return instruction;
}

/** The stage a `COPY --from=` names, by name or index. */
function stageNamed(ref: string): Stage | undefined {
  return stages.find((s) => s.name === ref || String(s.index) === ref);
}

/** Sources and destination of a COPY, in either form. */
function copyArgs(copy: Instruction): { sources: string[]; dest: string } {
  const words = copy.exec ?? copy.rest.split(/\s+/);
  return { sources: words.slice(0, -1), dest: words[words.length - 1] ?? "" };
}

/** The ENV of a stage, in order. */
function envOf(stage: Stage): Record<string, string> {
  return Object.assign({}, ...all({ stage, keyword: "ENV" }).map((i) => parseAssignments(i.rest)));
}

/** WORKDIR in effect at an instruction of a stage (absolute). */
function workdirAt(params: { stage: Stage; instruction: Instruction }): string {
  let dir = "/";
  for (const i of params.stage.instructions) {
    if (i === params.instruction) break;
    if (i.keyword === "WORKDIR") dir = posix.resolve(dir, i.rest.trim());
  }
  return dir;
}

/** `tsc -p <config>` of `npm run build`, and where that config puts its output. */
function buildOutput(): { config: string; extendsConfig: string | null; outDir: string; rootDir: string } {
  const script = field({ object: packageJson, path: ["scripts", "build"] });
  const match = typeof script === "string" ? /^tsc -p (\S+)$/.exec(script) : null;
  if (!match?.[1]) throw new Error(`the build script is not \`tsc -p <config>\`: ${String(script)}`);
  const config = readJson(match[1]);
  const extendsConfig = typeof config.extends === "string" ? config.extends.replace(/^\.\//, "") : null;
  const base = extendsConfig ? readJson(extendsConfig) : {};
  const option = (key: string): string => {
    const own = field({ object: config, path: ["compilerOptions", key] });
    const inherited = field({ object: base, path: ["compilerOptions", key] });
    const value = own ?? inherited;
    if (typeof value !== "string") throw new Error(`${match[1]} sets no compilerOptions.${key}`);
    return value.replace(/^\.\//, "").replace(/\/$/, "");
  };
  return { config: match[1], extendsConfig, outDir: option("outDir"), rootDir: option("rootDir") };
}

describe("the Dockerfile's stages", () => {
  it("has a build stage and a runtime stage, with unique names", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const names = stages.map((s) => s.name).filter((n) => n !== null);
    expect(new Set(names).size).toBe(names.length);
  });

  it("bases every stage on an official Node image of the production runtime, the one the Action runs on, by an LTS tag", () => {
    // Production runs one Node: the newest GitHub runs JavaScript actions on (action.yml `runs.using`, e.g. node24).
    const major = /^node(\d+)$/.exec(String(at({ node: load(read("action.yml")), path: ["runs", "using"] })))?.[1] ?? "none";
    // Even majors become LTS (nodejs.org/about/previous-releases); a stage names that line, never `latest` or a Current line.
    expect(Number(major) % 2).toBe(0);
    for (const stage of stages) expect(stage.image).toMatch(new RegExp(`^node:${major}(\\.\\d+)*-(slim|alpine)$`));
    // package.json's engines include the production line.
    const engine = String(field({ object: packageJson, path: ["engines", "node"] }));
    const covers = engine
      .split("||")
      .map((part) => part.trim())
      .some((part) => Number(/^>=\s*(\d+)/.exec(part)?.[1] ?? Number.POSITIVE_INFINITY) <= Number(major) || part.startsWith(`^${major}.`));
    expect({ engine, covers }).toEqual({ engine, covers: true });
  });

  it("compiles in a build stage with the dev dependencies, from a copy of only what the build needs", () => {
    const build = stages.find((s) => all({ stage: s, keyword: "RUN" }).some((r) => /\bnpm run build\b/.test(r.rest)));
    if (!build) throw new Error("no stage runs `npm run build`");
    expect(build).not.toBe(runtime);
    const runs = all({ stage: build, keyword: "RUN" }).map((r) => r.rest);
    expect(runs.some((r) => /\bnpm ci\b/.test(r) && !/--omit[= ]dev|--production/.test(r))).toBe(true);
    const copied = all({ stage: build, keyword: "COPY" }).flatMap((c) => copyArgs(c).sources);
    const { config, extendsConfig, rootDir } = buildOutput();
    for (const needed of ["package.json", "package-lock.json", config, ...(extendsConfig ? [extendsConfig] : []), rootDir]) expect(copied).toContain(needed);
  });

  it("names only earlier stages in COPY --from", () => {
    for (const [index, stage] of stages.entries()) {
      for (const copy of all({ stage, keyword: "COPY" }).filter((c) => "from" in c.flags)) {
        const from = stageNamed(copy.flags.from ?? "");
        expect({ line: copy.line, from: copy.flags.from, known: from !== undefined && from.index < index }).toEqual({
          line: copy.line,
          from: copy.flags.from,
          known: true,
        });
      }
    }
  });
});

describe("the runtime stage", () => {
  it("installs production dependencies only, from the lockfile", () => {
    const installs = all({ stage: final(), keyword: "RUN" }).filter((r) => /\bnpm (ci|install|i)\b/.test(r.rest));
    const copiedModules = all({ stage: final(), keyword: "COPY" }).filter((c) => copyArgs(c).sources.some((s) => s.includes("node_modules")));
    expect(copiedModules).toEqual([]);
    expect(installs).toHaveLength(1);
    expect(installs[0]?.rest).toMatch(/\bnpm ci\b.*--omit=dev/);
  });

  it("runs as a non-root user, set before CMD", () => {
    const instructions = final().instructions;
    const cmdAt = instructions.findIndex((i) => i.keyword === "CMD");
    const users = instructions.slice(0, cmdAt).filter((i) => i.keyword === "USER");
    const user = users[users.length - 1]?.rest.trim().split(":")[0];
    expect(cmdAt).toBeGreaterThan(0);
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(instructions.slice(cmdAt).filter((i) => i.keyword === "USER")).toEqual([]);
  });

  it("runs in production mode, reachable from outside the container, and never sets up smee", () => {
    const env = envOf(final());
    expect(env).toMatchObject({ NODE_ENV: "production", NO_SMEE_SETUP: "true", HOST: "0.0.0.0" });
    expect(env.WEBHOOK_PROXY_URL).toBeUndefined();
    expect(only({ stage: final(), keyword: "EXPOSE" }).rest.trim()).toBe(env.PORT ?? "3000");
  });

  it("has a health check in exec form that asks the app over HTTP with node itself", () => {
    const check = only({ stage: final(), keyword: "HEALTHCHECK" });
    const command = /^CMD\s+(.*)$/s.exec(check.rest)?.[1] ?? "";
    const exec: unknown = JSON.parse(command);
    expect(Array.isArray(exec) && exec[0]).toBe("node");
    expect(command).toMatch(/\/ping|\/healthz/);
    expect(command).not.toMatch(/\bcurl\b|\bwget\b/);
  });

  it("starts probot on the compiled app, in exec form, without npm (npm start would compile again)", () => {
    const cmd = only({ stage: final(), keyword: "CMD" }).exec;
    expect(all({ stage: final(), keyword: "ENTRYPOINT" })).toEqual([]);
    expect(cmd).not.toBeNull();
    expect(cmd?.join(" ")).not.toMatch(/\bnpm\b|\bnpx\b|\btsx\b/);
    const [program, script, command, app] = cmd ?? [];
    expect(program).toBe("node");
    expect(script).toMatch(/^node_modules\/(probot\/bin\/probot\.js|\.bin\/probot)$/);
    expect(exists(script ?? "")).toBe(true);
    expect(Object.keys(Object(field({ object: packageJson, path: ["dependencies"] })))).toContain("probot");
    expect(command).toBe("run");
    // The app is the compiled twin of src/index.ts.
    const { outDir, rootDir } = buildOutput();
    const source = (app ?? "")
      .replace(/^\.\//, "")
      .replace(new RegExp(`^${outDir}/`), `${rootDir}/`)
      .replace(/\.js$/, ".ts");
    expect(app).toMatch(new RegExp(`^(\\./)?${outDir}/`));
    expect(exists(source)).toBe(true);
  });

  it("copies only files that exist in the build context or that the build stage produces", () => {
    const { outDir } = buildOutput();
    for (const copy of all({ stage: final(), keyword: "COPY" })) {
      const { sources } = copyArgs(copy);
      const from = copy.flags.from;
      if (from === undefined) {
        for (const source of sources)
          expect({ source, exists: exists(source), inContext: inContext(source) }).toEqual({ source, exists: true, inContext: true });
      } else {
        const stage = stageNamed(from);
        if (!stage) throw new Error(`COPY --from=${from}: no such stage`);
        const produced = posix.join(workdirAt({ stage, instruction: stage.instructions[stage.instructions.length - 1] ?? copy }), outDir);
        for (const source of sources) expect(posix.resolve("/", source)).toBe(produced);
      }
    }
  });
});

describe("secrets", () => {
  const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PRIVATE_KEY/;

  it("are never baked into ENV or ARG", () => {
    const declared = [
      ...Object.keys(dockerfile.globalArgs),
      ...stages.flatMap((stage) =>
        stage.instructions.filter((i) => i.keyword === "ENV" || i.keyword === "ARG").flatMap((i) => Object.keys(parseAssignments(i.rest))),
      ),
    ];
    expect(declared.filter((name) => SECRET_NAME.test(name))).toEqual([]);
  });

  it("never reach the build context", () => {
    for (const path of [
      ".env",
      ".env.production",
      "gavel.2026-11-22.private-key.pem",
      "src/key.pem",
      "node_modules/probot/package.json",
      "lib/index.js",
      ".git/config",
      "test/helpers/private-key.ts",
    ]) {
      expect({ path, inContext: inContext(path) }).toEqual({ path, inContext: false });
    }
  });

  it("are not fetched: no ADD of a remote URL", () => {
    const adds = stages.flatMap((stage) => all({ stage, keyword: "ADD" }));
    expect(adds.filter((add) => /(^|\s|")(https?:\/\/|git@|ssh:\/\/)/.test(add.rest))).toEqual([]);
  });
});

describe("the Dockerfile parser", () => {
  it("joins continued lines, drops comments inside them, and reads flags, stages and exec forms", () => {
    const parsed = parseDockerfile(
      [
        "# syntax=docker/dockerfile:1",
        "ARG BASE=node:20-slim",
        "FROM ${BASE} AS one",
        "RUN echo a \\",
        "  # a comment inside the continuation",
        "  && echo b",
        "FROM $BASE",
        "ENV A=1 \\",
        '    B="two words"',
        "ENV LEGACY some value",
        "COPY --from=one --chown=node:node /app/lib ./lib",
        'HEALTHCHECK --interval=5s CMD ["node", "-e", "1"]',
        'CMD ["node", "x.js"]',
      ].join("\n"),
    );
    expect(parsed.globalArgs).toEqual({ BASE: "node:20-slim" });
    expect(parsed.stages.map((s) => [s.name, s.image])).toEqual([
      ["one", "node:20-slim"],
      [null, "node:20-slim"],
    ]);
    expect(parsed.stages[0]?.instructions[0]).toMatchObject({ keyword: "RUN", rest: "echo a && echo b", line: 4 });
    const second = parsed.stages[1];
    if (!second) throw new Error("no second stage");
    expect(envOf(second)).toEqual({ A: "1", B: "two words", LEGACY: "some value" });
    expect(second.instructions.find((i) => i.keyword === "COPY")).toMatchObject({ flags: { from: "one", chown: "node:node" }, rest: "/app/lib ./lib" });
    expect(second.instructions.find((i) => i.keyword === "HEALTHCHECK")).toMatchObject({ flags: { interval: "5s" }, rest: 'CMD ["node", "-e", "1"]' });
    expect(second.instructions.find((i) => i.keyword === "CMD")?.exec).toEqual(["node", "x.js"]);
  });

  it("refuses what it does not understand", () => {
    expect(() => parseDockerfile("RUN echo before any FROM")).toThrow(/only ARG may come before the first FROM/);
    expect(() => parseDockerfile("FROM node:20 AS")).toThrow(/FROM image \[AS name\]/);
    expect(() => parseDockerfile("FROM node:20\nRUN echo \\")).toThrow(/ends inside a continued line/);
  });

  it("reads .dockerignore as Docker does: last match wins, directories cover their contents", () => {
    const allowed = dockerignore("*\n!src/\n**/*.pem\n# comment\n");
    expect(["src/index.ts", "src/deep/file.ts"].map(allowed)).toEqual([true, true]);
    expect(["README.md", "lib/index.js", "src/key.pem", "key.pem"].map(allowed)).toEqual([false, false, false, false]);
  });
});
