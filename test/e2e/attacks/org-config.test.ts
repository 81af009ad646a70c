import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { CHARTER, MAINTAINERS, startStory } from "../story.js";

/**
 * Issue 14, guarantee 6: org-wide rules only where they are trusted. Without
 * a config of its own, a repository falls back to its org's `.github`
 * repository only when Gavel is installed there, so that changes to that
 * config are governed too; a `.github` outside the installation never sets
 * the rules, and the check always says which rules apply and why. Each case
 * is its own organization on one sandbox, whose installation holds selected
 * repositories only (an org member may create repositories; only its owners
 * choose what the app is installed on).
 */
const CONFIG = ".github/governance.yml";

/** What an org member who may create repositories writes into `<org>/.github`: they alone approve, and one approval is enough. */
const TAKEOVER = "maintainers:\n  file: null\n  users: [mallory]\nrules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 1\n";
/** An org-wide config its owners mean: a majority, no waiting. */
const ORG_RULES = "rules:\n  - name: org-charter\n    paths: [GOVERNANCE.md]\n    approvals: majority\n";

describe("attack: an org-wide config Gavel doesn't govern", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
  });
  afterAll(async () => {
    await local.stop();
  });

  /**
   * `<org>/community` (granted to the installation, the story's maintainers,
   * and `ownConfig` if given) and `<org>/.github` holding `orgConfig`,
   * granted or not, public unless `private`.
   */
  function org(params: { name: string; orgConfig: string; granted: boolean; private?: boolean; ownConfig?: string }): string {
    const repo = `${params.name}/community`;
    local.github.installApp({ account: params.name, selected: true });
    local.github.createRepo({
      repo,
      maintainers: MAINTAINERS,
      files: { "GOVERNANCE.md": CHARTER, ...(params.ownConfig ? { [CONFIG]: params.ownConfig } : {}) },
    });
    local.github.createRepo({
      repo: `${params.name}/.github`,
      install: params.granted,
      private: params.private ?? false,
      files: { [CONFIG]: params.orgConfig },
    });
    return repo;
  }

  /** mallory's charter PR on `repo`, after Gavel is done with it. */
  async function charterPr(repo: string): Promise<number> {
    const number = local.github.openPullRequest({
      repo,
      author: "mallory",
      title: "One approval is plenty",
      files: { "GOVERNANCE.md": `${CHARTER}\nOne approval is plenty.\n` },
    });
    await local.settle();
    return number;
  }

  function check(params: { repo: string; number: number }): { state: string; summary: string } {
    const run = local.github.latestCheck(params);
    return { state: `${run?.status ?? "none"}/${run?.conclusion ?? "-"}: ${run?.output.title ?? ""}`, summary: run?.output.summary ?? "" };
  }

  it("a `.github` the app is not installed on does not set the rules: the defaults apply, and the check says why", async () => {
    const repo = org({ name: "umbrella", orgConfig: TAKEOVER, granted: false });
    const number = await charterPr(repo);
    const { state, summary } = check({ repo, number });
    // The defaults' charter: 2/3 of the seven maintainers and two weeks; mallory is none of them.
    expect(state).toMatch(/^in_progress\/-: 0 of 5 approvals · discussion ends /);
    expect(summary).toContain(
      "**Rules:** Gavel's defaults. umbrella/.github has a `.github/governance.yml`, but Gavel is not installed on umbrella/.github, so nothing governs changes to it and it does not apply here.",
    );
  });

  it("a `.github` the app is installed on sets the rules, and the check says so; granting it takes effect at the next event, not after the cache's TTL", async () => {
    const repo = org({ name: "wayne", orgConfig: ORG_RULES, granted: false });
    const number = await charterPr(repo);
    expect(check({ repo, number }).state).toMatch(/^in_progress\/-: 0 of 5 approvals/);
    local.github.grantRepository({ repo: "wayne/.github", by: "bruce" });
    await local.settle();
    local.github.review({ repo, number, user: "bob", state: "COMMENT", body: "Reading it." });
    await local.settle();
    const { state, summary } = check({ repo, number });
    expect(state).toBe("in_progress/-: 0 of 4 approvals");
    expect(summary).toContain(
      "**Rules:** `wayne/.github:.github/governance.yml`, the org-wide config: this repository has no `.github/governance.yml`, and Gavel is installed on wayne/.github, so changes to it are governed there.",
    );
    // Taken away again: back to the defaults, at the next event.
    local.github.grantRepository({ repo: "wayne/.github", by: "bruce", revoke: true });
    await local.settle();
    local.github.review({ repo, number, user: "bob", state: "COMMENT", body: "Still reading." });
    await local.settle();
    expect(check({ repo, number }).state).toMatch(/^in_progress\/-: 0 of 5 approvals/);
  });

  it("a private `.github` outside the installation answers 404: the defaults apply, and the check says why rather than staying silent", async () => {
    const repo = org({ name: "cyberdyne", orgConfig: TAKEOVER, granted: false, private: true });
    const number = await charterPr(repo);
    const { state, summary } = check({ repo, number });
    expect(state).toMatch(/^in_progress\/-: 0 of 5 approvals/);
    expect(summary).toContain(
      "**Rules:** Gavel's defaults. This repository has no `.github/governance.yml`, and Gavel is not installed on cyberdyne/.github (if it exists), so no org-wide config applies.",
    );
  });

  // The repository's own config answers 404 first (`after: 1`); then the fallback fails.
  it.each([
    {
      what: "whose installation can't be looked up (502)",
      name: "tyrell",
      fault: { route: "GET /repos/{owner}/{repo}/installation", status: 502 },
      names: "tyrell/.github",
    },
    {
      what: "whose config can't be read (403)",
      name: "soylent",
      fault: { route: "GET /repos/{owner}/{repo}/contents/{path}", status: 403, after: 1, times: 1 },
      names: "soylent/.github:.github/governance.yml",
    },
  ])("a fallback $what fails closed, never the defaults", async ({ name, fault, names }) => {
    const repo = org({ name, orgConfig: ORG_RULES, granted: true });
    local.github.injectFault(fault);
    const number = await charterPr(repo);
    local.github.clearFaults();
    const { state, summary } = check({ repo, number });
    expect(state).toBe("completed/failure: Evaluation error, will retry");
    expect(summary).toContain(names);
  });

  it("`_extends: .github` in the repository's own config still applies the org file, installed there or not", async () => {
    const repo = org({ name: "initrode", orgConfig: ORG_RULES, granted: false, ownConfig: "_extends: .github\n" });
    const number = await charterPr(repo);
    const { state, summary } = check({ repo, number });
    expect(state).toBe("in_progress/-: 0 of 4 approvals");
    expect(summary).toContain("**Rules:** `.github/governance.yml`, extending `initrode/.github:.github/governance.yml`.");
  });
});
