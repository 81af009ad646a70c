import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { appBodies } from "../requests.js";
import { checkState } from "../story.js";

/**
 * The repository of the PR-vote stories (issue 16, point 1): five
 * maintainers, so that a simple-majority vote passes with 3 of 5, and a
 * lazy-consensus rule on PROCESS.md, as in a charter where "most business is
 * conducted by lazy consensus … any Maintainer may demand a vote".
 */
export const PROCESS_REPO = "acme/process";
export const FIVE = ["alice", "bob", "carol", "dave", "erin"];
export const PROCESS_CONFIG = [
  "rules:",
  "  - name: process",
  "    paths: [PROCESS.md]",
  "    approvals: lazy-consensus",
  "    discussion: 72h",
  "  - name: charter",
  "    paths: [CHARTER.md]",
  "    approvals: 2/3",
  "    discussion: 72h",
  "",
].join("\n");

export function createProcessRepo(local: LocalGavel): void {
  local.github.createRepo({
    repo: PROCESS_REPO,
    maintainers: FIVE,
    files: { ".github/governance.yml": PROCESS_CONFIG, "PROCESS.md": "# Process\n", "CHARTER.md": "# Charter\n" },
  });
}

/** One PR of the story, as people and Gavel act on it. */
export class PullThread {
  constructor(
    readonly local: LocalGavel,
    readonly number: number,
  ) {}

  /** zoe (no maintainer) opens a PR changing `files`; Gavel has evaluated it when this resolves. */
  static async open(params: { local: LocalGavel; files: Record<string, string> }): Promise<PullThread> {
    const number = params.local.github.openPullRequest({ repo: PROCESS_REPO, author: "zoe", title: "Release every month", files: params.files });
    await params.local.settle();
    return new PullThread(params.local, number);
  }

  /**
   * The story's start: zoe's PR on PROCESS.md, which bob objects to (the
   * lazy-consensus rule is blocked), and alice's demand for a vote on it.
   */
  static async objectedAndDemanded(params: { local: LocalGavel; vote?: string }): Promise<PullThread> {
    const pr = await PullThread.open({ local: params.local, files: { "PROCESS.md": "# Process\n\nWe release every month.\n" } });
    await pr.review("bob", "REQUEST_CHANGES");
    await pr.say("alice", params.vote ?? "/vote");
    return pr;
  }

  async say(user: string, body: string): Promise<number> {
    const id = this.local.github.comment({ repo: PROCESS_REPO, number: this.number, user, body });
    await this.local.settle();
    return id;
  }

  async review(user: string, state: "APPROVE" | "REQUEST_CHANGES"): Promise<void> {
    this.local.github.review({ repo: PROCESS_REPO, number: this.number, user, state });
    await this.local.settle();
  }

  async push(files: Record<string, string>): Promise<string> {
    const sha = this.local.github.push({ repo: PROCESS_REPO, number: this.number, author: "zoe", files });
    await this.local.settle();
    return sha;
  }

  /** The check branch protection reads, as "status/conclusion: title". */
  check(): string {
    return checkState({ local: this.local, number: this.number, repo: PROCESS_REPO });
  }

  summary(): string {
    return this.local.github.latestCheck({ repo: PROCESS_REPO, number: this.number })?.output.summary ?? "";
  }

  votes(): string[] {
    return appBodies({ local: this.local, repo: PROCESS_REPO, number: this.number, marker: "gavel:vote " });
  }

  records(): string[] {
    return appBodies({ local: this.local, repo: PROCESS_REPO, number: this.number, marker: "gavel:decision" });
  }

  labels(): string[] {
    return this.local.github.labels({ repo: PROCESS_REPO, number: this.number });
  }

  /** The URL of Gavel's comment carrying `marker`, the latest one. */
  urlOf(marker: string): string {
    const comment = this.local.github
      .appComments({ repo: PROCESS_REPO, number: this.number })
      .filter((c) => c.body.includes(marker))
      .at(-1);
    return comment ? `https://github.com/${PROCESS_REPO}/pull/${this.number}#issuecomment-${comment.id}` : "";
  }
}
