import { afterEach, beforeEach, expect } from "@jest/globals";
import { LocalGavel, type LocalGavelOptions } from "../../sandbox/gavel/local-gavel.js";

/** The repository of the e2e stories: seven maintainers, Gavel's default rules. */
export const REPO = "acme/community";
export const MAINTAINERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"];
export const DAY = 86_400_000;

export const CHARTER = "# Governance\n\nChanges to this charter need a 2/3 vote of all maintainers after a two-week discussion.\n";

/** Gavel's real server on a fresh sandbox holding the story's repository; the sandbox clock starts 2026-03-02 09:00 UTC. */
export async function startStory(options: LocalGavelOptions = {}): Promise<LocalGavel> {
  const local = await LocalGavel.start({ onProblem: () => undefined, ...options });
  local.github.createRepo({ repo: REPO, maintainers: MAINTAINERS, files: { "GOVERNANCE.md": CHARTER, "README.md": "# community\n" } });
  return local;
}

/**
 * A fresh story for each test of a file, handed to `use` (which may set up
 * more); after each test, faults are cleared, Gavel and the sandbox stop, and
 * the sandbox must have reported nothing it can't serve faithfully.
 */
export function withFreshStory(use: (local: LocalGavel) => void, options: LocalGavelOptions = {}): void {
  let current: LocalGavel | null = null;
  beforeEach(async () => {
    current = await startStory(options);
    use(current);
  });
  afterEach(async () => {
    const local = current;
    current = null;
    if (!local) return;
    local.github.clearFaults();
    await local.stop();
    expect(local.sandbox.problems).toEqual([]);
  });
}

/** Opens the charter PR (by alice, changing GOVERNANCE.md) and waits for Gavel. */
export async function openCharterPr(local: LocalGavel): Promise<number> {
  const number = local.github.openPullRequest({
    repo: REPO,
    author: "alice",
    title: "Releases need two maintainers",
    files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` },
  });
  await local.settle();
  return number;
}

export async function approve(params: { local: LocalGavel; number: number; users: string[]; repo?: string }): Promise<void> {
  for (const user of params.users) {
    params.local.github.review({ repo: params.repo ?? REPO, number: params.number, user, state: "APPROVE" });
    await params.local.settle();
  }
}

export async function say(params: { local: LocalGavel; number: number; user: string; body: string }): Promise<number> {
  const id = params.local.github.comment({ repo: REPO, number: params.number, user: params.user, body: params.body });
  await params.local.settle();
  return id;
}

/** The check branch protection reads, as "status/conclusion: title". */
export function checkState(params: { local: LocalGavel; number: number; repo?: string }): string {
  const check = params.local.github.latestCheck({ repo: params.repo ?? REPO, number: params.number });
  return check ? `${check.status}/${check.conclusion ?? "-"}: ${check.output.title ?? ""}` : "no check";
}

/** Everything a person could see on a thread: for "nothing changed" assertions. */
export function visibleState(params: { local: LocalGavel; number: number }): unknown {
  const { github } = params.local;
  const thread = { repo: REPO, number: params.number };
  const runs = github.exists(thread) ? github.checkRuns(thread) : [];
  return {
    comments: github.comments(thread).map((c) => ({ ...c })),
    labels: github.labels(thread),
    runs: runs.map((r) => ({ ...r, output: { ...r.output } })),
  };
}

/** API writes counted since the last reset. */
export function writes(counts: Record<string, number>): string[] {
  return Object.keys(counts).filter((route) => !route.startsWith("GET ") && !route.includes("/access_tokens"));
}
