/**
 * `npm run setup -- --webhook-url https://<your host>/api/github/webhooks`:
 * registers a GitHub App for Gavel with Probot's manifest flow and writes
 * `.env`, step by step in docs/install.md.
 *
 * Probot 14's flow (`run` without APP_ID and a key) serves a page whose button
 * posts the manifest to GitHub's registration page; GitHub sends the browser
 * back with a code, which Probot exchanges for the new app's id, key and
 * webhook secret (docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest).
 * Around it, this script:
 * - runs it outside production (Probot's setup mode refuses NODE_ENV=production)
 *   and never opens a smee.io channel (NO_SMEE_SETUP);
 * - serves app.yml with the webhook URL and name given: Probot reads `app.yml`
 *   and `package.json` from its working directory, and app.yml's own
 *   hook_attributes would win over anything else, so it runs in a folder
 *   holding the completed manifest;
 * - writes the key to a file (mode 0600) and `.env` the way Gavel and
 *   `docker run --env-file` read it, keeping what `.env` already held, instead
 *   of Probot's quoted multi-line PRIVATE_KEY; the OAuth client secret Gavel
 *   never uses is not written at all.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, parseEnv } from "node:util";
import { load } from "js-yaml";
import { run } from "probot";

/** Where the key goes, beside `.env` (`*.pem` is ignored by git and Docker's build context). */
export const KEY_FILE = "gavel.private-key.pem";

export interface SetupOptions {
  /** The checkout: its app.yml is the manifest, and .env and the key are written there. */
  root: string;
  /** GitHub's webhook URL for the new app: where Gavel will listen. */
  webhookUrl: string;
  /** The app's name on GitHub, if not app.yml's (names are unique across GitHub). */
  name?: string;
  /** Register the app under this organization instead of the user's account. */
  org?: string;
  /** Port of the local setup page (default 3000). */
  port?: number;
}

export interface Registration {
  appId: string;
  envFile: string;
  keyFile: string;
}

export interface RunningSetup {
  /** The page to open in a browser. */
  url: string;
  /** Resolves once GitHub registered the app and .env is written. */
  registered: Promise<Registration>;
  stop(): Promise<void>;
}

/** Starts Probot's setup page with Gavel's manifest; changes process.env and the working directory until `stop`. */
export async function startSetup(options: SetupOptions): Promise<RunningSetup> {
  const envFile = path.join(options.root, ".env");
  const existing = existsSync(envFile) ? readFileSync(envFile, "utf8") : "";
  const { APP_ID: registeredId = "" } = parseEnv(existing);
  if (registeredId.trim() !== "")
    throw new Error(`${envFile} already names an app (APP_ID=${registeredId}): remove APP_ID and the key from it to register another`);
  const manifest = completeManifest({ root: options.root, webhookUrl: options.webhookUrl, name: options.name });

  const folder = mkdtempSync(path.join(tmpdir(), "gavel-setup-"));
  writeFileSync(path.join(folder, "app.yml"), JSON.stringify(manifest));
  writeFileSync(path.join(folder, "package.json"), JSON.stringify({ name: manifest.name, description: manifest.description }));
  const port = options.port ?? 3000;
  const saved = { cwd: process.cwd(), env: { ...process.env } };
  // Setup mode: no app yet, never production, never smee.io.
  for (const name of ["APP_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH", "WEBHOOK_PROXY_URL", "GH_ORG"]) delete process.env[name];
  Object.assign(process.env, { NODE_ENV: "development", NO_SMEE_SETUP: "true", PORT: String(port), HOST: "localhost" });
  if (options.org) process.env.GH_ORG = options.org;
  process.chdir(folder);

  let resolve: (registration: Registration) => void = () => undefined;
  const registered = new Promise<Registration>((done) => {
    resolve = done;
  });
  const updateEnv = (values: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
    resolve(writeRegistration({ root: options.root, existing, values }));
    return values;
  };
  const restore = () => {
    process.chdir(saved.cwd);
    for (const name of Object.keys(process.env)) if (!(name in saved.env)) delete process.env[name];
    Object.assign(process.env, saved.env);
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    const server = await run(() => undefined, { env: process.env, updateEnv });
    return {
      url: `http://localhost:${server.port}/probot`,
      registered,
      stop: async () => {
        await server.stop();
        restore();
      },
    };
  } catch (error) {
    restore();
    throw error;
  }
}

export interface Manifest {
  name: string;
  description: string;
  hook_attributes: { url: string; active?: boolean };
  [key: string]: unknown;
}

/** app.yml with the webhook URL (and name) given; refuses what GitHub or Probot's page would not take. */
export function completeManifest(params: { root: string; webhookUrl: string; name?: string | undefined }): Manifest {
  const parsed: unknown = load(readFileSync(path.join(params.root, "app.yml"), "utf8"));
  if (typeof parsed !== "object" || parsed === null) throw new Error("app.yml is not a manifest");
  const url = webhookUrl(params.webhookUrl);
  const hook = Reflect.get(parsed, "hook_attributes");
  const manifest: Manifest = {
    ...parsed,
    name: params.name ?? String(Reflect.get(parsed, "name") ?? ""),
    description: String(Reflect.get(parsed, "description") ?? ""),
    hook_attributes: { ...(typeof hook === "object" && hook !== null ? hook : {}), url },
  };
  if (manifest.name.trim() === "" || manifest.name.length > 34) throw new Error(`the app's name must have 1 to 34 characters, not "${manifest.name}"`);
  // Probot's page puts the manifest in value='…': an apostrophe would cut it short and GitHub would get broken JSON.
  if (JSON.stringify(manifest).includes("'")) throw new Error("the manifest must not contain an apostrophe (') : Probot's setup page would cut it short");
  return manifest;
}

function webhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--webhook-url must be a full URL such as https://gavel.example.org/api/github/webhooks, not "${text}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`--webhook-url must be an https URL, not "${text}"`);
  if (url.hostname === "gavel.example.org") throw new Error("--webhook-url is app.yml's placeholder: give the address where your Gavel will listen");
  return url.toString();
}

/** Writes the key file and .env: the new app's values replace their lines, every other line stays. */
function writeRegistration(params: { root: string; existing: string; values: NodeJS.ProcessEnv }): Registration {
  const { APP_ID = "", PRIVATE_KEY = "", WEBHOOK_SECRET = "" } = params.values;
  const keyFile = path.join(params.root, KEY_FILE);
  // Probot hands the key quoted, for its own .env: `"-----BEGIN …"`.
  writeFileSync(keyFile, `${PRIVATE_KEY.replace(/^"|"$/g, "").trim()}\n`, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  const settings: Record<string, string> = { APP_ID, PRIVATE_KEY_PATH: KEY_FILE, WEBHOOK_SECRET, NODE_ENV: "production", NO_SMEE_SETUP: "true" };
  const lines = params.existing === "" ? [] : params.existing.replace(/\n$/, "").split("\n");
  const written = new Set<string>();
  const kept = lines.map((line) => {
    const name = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    if (!name || !(name in settings) || written.has(name)) return line;
    written.add(name);
    return `${name}=${settings[name]}`;
  });
  const added = Object.entries(settings)
    .filter(([name]) => !written.has(name))
    .map(([name, value]) => `${name}=${value}`);
  const envFile = path.join(params.root, ".env");
  writeFileSync(envFile, `${[...kept, ...added].join("\n")}\n`, { mode: 0o600 });
  return { appId: APP_ID, envFile, keyFile };
}

/** `npm run setup -- --webhook-url <url> [--name <name>] [--org <org>] [--port <port>] [--no-open]` */
export function parseSetupArgs(params: { args: string[]; root: string }): SetupOptions & { open: boolean } {
  const { values } = parseArgs({
    args: params.args,
    options: {
      "webhook-url": { type: "string" },
      name: { type: "string" },
      org: { type: "string" },
      port: { type: "string" },
      "no-open": { type: "boolean", default: false },
    },
  });
  const url = values["webhook-url"] ?? "";
  if (url === "") throw new Error("give the URL GitHub will deliver webhooks to: npm run setup -- --webhook-url https://<your host>/api/github/webhooks");
  const port = values.port === undefined ? 3000 : Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
  return {
    root: params.root,
    webhookUrl: url,
    port,
    open: !values["no-open"],
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(values.org === undefined ? {} : { org: values.org }),
  };
}

/** Opens the page in the desktop's browser when there is one; the URL is printed either way. */
function openBrowser(url: string): void {
  const command = process.platform === "darwin" ? "open" : process.platform === "win32" ? "explorer" : "xdg-open";
  spawn(command, [url], { stdio: "ignore", detached: true })
    .on("error", () => undefined)
    .unref();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  try {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
    const options = parseSetupArgs({ args: process.argv.slice(2), root });
    const setup = await startSetup(options);
    console.log(`\nOpen ${setup.url} and click "Register GitHub App". GitHub asks you to confirm the name, then comes back here.\n`);
    if (options.open && process.stdout.isTTY) openBrowser(setup.url);
    const registration = await setup.registered;
    // Let Probot send the browser on to the app's installation page before the server stops.
    await new Promise((done) => setTimeout(done, 500));
    await setup.stop();
    console.log(
      [
        "",
        `Registered app ${registration.appId}. Written: ${path.relative(root, registration.envFile)} (APP_ID, PRIVATE_KEY_PATH, WEBHOOK_SECRET) and ${path.relative(root, registration.keyFile)} (mode 0600).`,
        "Next: install the app on your repositories (the browser is there now), start Gavel (npm start, or the container), and require the governance check.",
        "Step by step: docs/install.md",
      ].join("\n"),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
