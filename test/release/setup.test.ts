/**
 * `npm run setup` end to end, with a browser's requests and GitHub's two
 * steps of the manifest flow played by this test
 * (docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest):
 * GitHub's registration page takes the `manifest` form field and sends the
 * browser to `redirect_url?code=…`; `POST /app-manifests/{code}/conversions`
 * answers the new app's id, key and secrets. GitHub is reached as a GitHub
 * Enterprise Server (GHE_HOST), the way Probot lets a flow point elsewhere.
 * Probot's own setup page and code exchange run unchanged.
 */
import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { completeManifest, KEY_FILE, parseSetupArgs, startSetup } from "../../scripts/setup.js";
import { readEnvironment } from "../../src/deploy/read-environment.js";
import { loadYamlFile, REPO } from "./repo-files.js";

const WEBHOOK_URL = "https://gavel.acme.test/api/github/webhooks";
const CODE = "a180b1a3d263c81bc6441d7b990bae27d4c10679";
const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

let root = "";
let github: FakeGitHub;
const saved = { cwd: process.cwd(), env: { ...process.env } };

interface FakeGitHub {
  host: string;
  /** What the registration page received: the form's manifest, and the path it was posted to. */
  registrations: Array<{ path: string; manifest: unknown }>;
  conversions: string[];
  close: () => Promise<void>;
}

async function body(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += String(chunk);
  return text;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address: AddressInfo | string | null = server.address();
  return typeof address === "object" && address !== null ? address.port : 0;
}

async function startFakeGitHub(): Promise<FakeGitHub> {
  const registrations: FakeGitHub["registrations"] = [];
  const conversions: string[] = [];
  const server = createServer(async (request, response) => {
    const path = request.url ?? "/";
    if (request.method === "POST" && /^\/(organizations\/[^/]+\/)?settings\/apps\/new$/.test(path)) {
      const manifest: unknown = JSON.parse(new URLSearchParams(await body(request)).get("manifest") ?? "null");
      registrations.push({ path, manifest });
      const redirect = typeof manifest === "object" && manifest !== null ? Reflect.get(manifest, "redirect_url") : undefined;
      response.writeHead(302, { location: `${String(redirect)}?code=${CODE}` }).end();
      return;
    }
    if (request.method === "POST" && path.startsWith("/api/v3/app-manifests/") && path.endsWith("/conversions")) {
      conversions.push(path);
      response.writeHead(201, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: 4242,
          slug: "gavel-for-acme",
          name: "Gavel for acme",
          html_url: "https://github.com/apps/gavel-for-acme",
          pem: PEM,
          webhook_secret: "e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9",
          client_id: "Iv23li000000000000",
          client_secret: "client-secret-gavel-never-uses",
        }),
      );
      return;
    }
    response.writeHead(404).end();
  });
  const port = await listen(server);
  return { host: `127.0.0.1:${port}`, registrations, conversions, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on, for the setup page. */
async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "gavel-root-"));
  copyFileSync(new URL("app.yml", REPO), join(root, "app.yml"));
  github = await startFakeGitHub();
  Object.assign(process.env, { GHE_HOST: github.host, GHE_PROTOCOL: "http", LOG_LEVEL: "error", NODE_ENV: "production" });
});

afterEach(async () => {
  await github.close();
  rmSync(root, { recursive: true, force: true });
  process.chdir(saved.cwd);
  for (const name of Object.keys(process.env)) if (!(name in saved.env)) delete process.env[name];
  Object.assign(process.env, saved.env);
});

describe("npm run setup", () => {
  it("serves app.yml with the webhook URL to GitHub's registration page, exchanges the code and writes .env and the key", async () => {
    writeFileSync(join(root, ".env"), "# my settings\nSWEEP_INTERVAL=30m\nNODE_ENV=development\n");
    const port = await freePort();
    const setup = await startSetup({ root, webhookUrl: WEBHOOK_URL, name: "Gavel for acme", org: "acme", port });
    try {
      // The browser opens the page: a form that posts the manifest to GitHub, in a single-quoted attribute.
      const page = await (await fetch(setup.url)).text();
      const action = /<form action="([^"]+)" method="post"/.exec(page)?.[1];
      const value = /name="manifest" id="manifest" value='([^']*)'/.exec(page)?.[1] ?? "";
      expect(action).toBe(`http://${github.host}/organizations/acme/settings/apps/new`);
      const manifest: unknown = JSON.parse(value);
      expect(manifest).toEqual({
        ...Object(loadYamlFile("app.yml")),
        name: "Gavel for acme",
        hook_attributes: { url: WEBHOOK_URL, active: true },
        redirect_url: `http://localhost:${port}/probot/setup`,
        version: "v1",
      });

      // The button: GitHub registers the app and sends the browser back with a code.
      const registered = await fetch(action ?? "", { method: "POST", body: new URLSearchParams({ manifest: value }), redirect: "manual" });
      expect(github.registrations).toEqual([{ path: "/organizations/acme/settings/apps/new", manifest }]);
      const back = await fetch(registered.headers.get("location") ?? "", { redirect: "manual" });
      expect(github.conversions).toEqual([`/api/v3/app-manifests/${CODE}/conversions`]);
      // On to installing the new app.
      expect(back.headers.get("location")).toBe("https://github.com/apps/gavel-for-acme/installations/new");
      const registration = await setup.registered;
      expect(registration).toEqual({ appId: "4242", envFile: join(root, ".env"), keyFile: join(root, KEY_FILE) });
    } finally {
      await setup.stop();
    }

    // .env keeps what it held, and Gavel starts with it: the key in a file only its owner reads, no OAuth secret.
    const env = readFileSync(join(root, ".env"), "utf8");
    expect(env).toBe(
      [
        "# my settings",
        "SWEEP_INTERVAL=30m",
        "NODE_ENV=production",
        "APP_ID=4242",
        `PRIVATE_KEY_PATH=${KEY_FILE}`,
        "WEBHOOK_SECRET=e4d5c6b7a8f9e0d1c2b3a4f5e6d7c8b9",
        "NO_SMEE_SETUP=true",
        "",
      ].join("\n"),
    );
    expect(readFileSync(join(root, KEY_FILE), "utf8")).toBe(PEM.endsWith("\n") ? PEM : `${PEM}\n`);
    expect(statSync(join(root, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(readEnvironment(parseEnv(env))).toMatchObject({ ok: true });
    // The working directory and environment are the caller's again.
    expect({ cwd: process.cwd(), nodeEnv: process.env.NODE_ENV, org: process.env.GH_ORG }).toEqual({ cwd: saved.cwd, nodeEnv: "production", org: undefined });
  }, 30_000);

  it("refuses to register a second app over a .env that names one", async () => {
    writeFileSync(join(root, ".env"), "APP_ID=17\n");
    await expect(startSetup({ root, webhookUrl: WEBHOOK_URL, port: await freePort() })).rejects.toThrow("already names an app (APP_ID=17)");
    expect(existsSync(join(root, KEY_FILE))).toBe(false);
  });

  it.each([
    [["--name", "Gavel"], "give the URL GitHub will deliver webhooks to"],
    [["--webhook-url", "gavel.acme.test"], "must be a full URL"],
    [["--webhook-url", "https://gavel.example.org/api/github/webhooks"], "app.yml's placeholder"],
    [["--webhook-url", WEBHOOK_URL, "--name", "Gavel for the Acme Widget Foundation, Inc."], "1 to 34 characters"],
    [["--webhook-url", WEBHOOK_URL, "--port", "http"], "--port must be a port number"],
  ])("refuses %j", (args, message) => {
    expect(() => completeManifest(parseSetupArgs({ args, root }))).toThrow(message);
  });

  it("refuses a manifest with an apostrophe, which Probot's single-quoted attribute would cut short", () => {
    writeFileSync(join(root, "app.yml"), "name: Gavel\nurl: https://example.org\ndescription: Enforces a project's governance\n");
    expect(() => completeManifest({ root, webhookUrl: WEBHOOK_URL })).toThrow("must not contain an apostrophe");
  });
});
