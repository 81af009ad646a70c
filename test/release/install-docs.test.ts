/**
 * docs/install.md walks through GitHub's "Register new GitHub App" page for
 * those who register by hand: every field of the page has its row, and what
 * the rows say about permissions and events is what app.yml asks for. The
 * release documents link only to files that exist.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { loadYamlFile, REPO, readRepoFile, recordAt } from "./repo-files.js";

/** The fields of the page, in its order (docs.github.com/apps/creating-github-apps/registering-a-github-app/registering-a-github-app). */
const FIELDS = [
  "GitHub App name",
  "Description",
  "Homepage URL",
  "Callback URL",
  "Expire user authorization tokens",
  "Request user authorization (OAuth) during installation",
  "Enable Device Flow",
  "Setup URL",
  "Redirect on update",
  "Active",
  "Webhook URL",
  "Secret",
  "SSL verification",
  "Permissions",
  "Subscribe to events",
  "Where can this GitHub App be installed?",
];

const install = readRepoFile("docs/install.md");
const manifest = loadYamlFile("app.yml");
/** The table's row for a field: the line that starts with it in bold. */
const row = (field: string) => install.split("\n").find((line) => line.startsWith("| ") && line.includes(`**${field}**`)) ?? "";

describe("docs/install.md", () => {
  it("has a row for every field of GitHub's registration page, in the page's order", () => {
    expect(FIELDS.filter((field) => row(field) === "")).toEqual([]);
    const lines = FIELDS.map((field) => install.indexOf(row(field)));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("asks for the permissions app.yml asks for, at the same levels", () => {
    const permissions = recordAt({ node: manifest, path: ["default_permissions"], what: "app.yml" });
    const label = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " ");
    const level = (value: unknown) => (value === "write" ? "Read and write" : "Read-only");
    const missing = Object.entries(permissions).filter(([name, value]) => !row("Permissions").includes(`**${label(name)}** ${level(value)}`));
    expect(missing).toEqual([]);
  });

  it("subscribes to the events app.yml lists, and no other", () => {
    const events = recordAt({ node: manifest, path: [], what: "app.yml" }).default_events;
    const label = (event: string) => event.charAt(0).toUpperCase() + event.slice(1).replace(/_/g, " ");
    const named = [...row("Subscribe to events").matchAll(/\*\*([A-Z][a-z ]+)\*\*/g)].map((match) => match[1]).filter((name) => name !== "Subscribe to events");
    expect(named).toEqual((Array.isArray(events) ? events : []).map((event) => label(String(event))));
  });

  it("says what app.yml says of the webhook path and who may install it", () => {
    expect(row("Webhook URL")).toContain("/api/github/webhooks");
    expect(String(recordAt({ node: manifest, path: ["hook_attributes"], what: "app.yml" }).url)).toMatch(/\/api\/github\/webhooks$/);
    expect(recordAt({ node: manifest, path: [], what: "app.yml" }).public).toBe(false);
    expect(row("Where can this GitHub App be installed?")).toContain("**Only on this account.**");
  });
});

describe("the release documents", () => {
  it.each([
    "docs/install.md",
    "docs/releasing.md",
    "README.md",
    "CONTRIBUTING.md",
    "SECURITY.md",
    "CHANGELOG.md",
    "docs/actions-mode.md",
    "docs/deployment.md",
  ])("%s links only to files that exist", (file) => {
    const base = new URL(file, REPO);
    const targets = [...readRepoFile(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1] ?? "")
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.filter((target) => !existsSync(new URL(target, base)))).toEqual([]);
  });
});
