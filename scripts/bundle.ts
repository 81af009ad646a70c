/**
 * Bundles Gavel's GitHub Actions entry (src/actions/main.ts) into one ES
 * module that runs with no node_modules: the file action.yml's `runs.main`
 * names. A JavaScript action runs from the action's repository as GitHub
 * checked it out, with nothing installed
 * (docs.github.com/actions/sharing-automations/creating-actions/creating-a-javascript-action),
 * so everything Gavel imports must be inside the file. Beside it, licenses.txt
 * carries the license of every package bundled, as their licenses ask.
 *
 * Usage: npm run bundle [outfile]   (default dist/action/index.js; see docs/releasing.md)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

export const ACTION_ENTRY = "src/actions/main.ts";
export const ACTION_BUNDLE = "dist/action/index.js";

/** Node's oldest line Gavel supports (package.json `engines`): the bundle must parse there too, as the tests run it there. */
const TARGET = "node20";

/**
 * esbuild turns a CommonJS `require("os")` inside an ES module into a call
 * that throws; the bundled CommonJS packages (@actions/core and others) get a
 * real `require` instead.
 */
const REQUIRE_SHIM = 'import { createRequire as __gavelCreateRequire } from "node:module";\nconst require = __gavelCreateRequire(import.meta.url);';

export interface BundleReport {
  outfile: string;
  bytes: number;
  packages: string[];
}

/** Builds the bundle and its licenses.txt; `root` is the repository (default: this checkout). */
export async function bundleAction(params: { outfile: string; root?: string }): Promise<BundleReport> {
  const root = params.root ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
  const outfile = path.resolve(root, params.outfile);
  mkdirSync(path.dirname(outfile), { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [ACTION_ENTRY],
    outfile,
    bundle: true,
    platform: "node",
    target: TARGET,
    format: "esm",
    banner: { js: REQUIRE_SHIM },
    // Names stay as written, so a stack trace in a job's log still says where.
    keepNames: true,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
  });
  const packages = bundledPackages({ inputs: Object.keys(result.metafile.inputs), root });
  writeFileSync(path.join(path.dirname(outfile), "licenses.txt"), licenses({ packages, root }));
  const bytes = Object.entries(result.metafile.outputs).find(([file]) => path.resolve(root, file) === outfile)?.[1].bytes ?? 0;
  return { outfile, bytes, packages };
}

/** The package directories (relative to root) whose files went into the bundle, e.g. `node_modules/@octokit/core`. */
export function bundledPackages(params: { inputs: string[]; root: string }): string[] {
  const dirs = new Set<string>();
  for (const input of params.inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1]) dirs.add(match[1]);
  }
  return [...dirs].sort();
}

function licenses(params: { packages: string[]; root: string }): string {
  const sections = params.packages.map((dir) => {
    const full = path.join(params.root, dir);
    const manifest: unknown = JSON.parse(readFileSync(path.join(full, "package.json"), "utf8"));
    const field = (key: string): string => {
      const value = typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, key) : undefined;
      return typeof value === "string" ? value : "";
    };
    const file = existsSync(full) ? readdirSync(full).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name)) : undefined;
    const text = file ? readFileSync(path.join(full, file), "utf8").trim() : `License: ${field("license") || "see the package"}`;
    return `${field("name")}@${field("version")} (${field("license")})\n\n${text}`;
  });
  return `Gavel's Action bundles these packages (${ACTION_BUNDLE}). Their licenses follow.\n\n${sections.join(`\n\n${"-".repeat(72)}\n\n`)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const started = Date.now();
  const report = await bundleAction({ outfile: process.argv[2] ?? ACTION_BUNDLE });
  console.log(
    `${path.relative(process.cwd(), report.outfile)}: ${(report.bytes / 1024 / 1024).toFixed(2)} MiB from ${report.packages.length} packages in ${Date.now() - started} ms`,
  );
}
