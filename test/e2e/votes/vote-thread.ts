import type { LocalGavel } from "../../../sandbox/gavel/local-gavel.js";
import { appBodies } from "../requests.js";
import { REPO, say } from "../story.js";

/** The vote tests' thread: an issue on the story's repository, whose comments Gavel reads. */
export class VoteThread {
  constructor(
    readonly local: LocalGavel,
    readonly number: number,
  ) {}

  static open(params: { local: LocalGavel; title: string }): VoteThread {
    return new VoteThread(params.local, params.local.github.openIssue({ repo: REPO, author: "alice", title: params.title }));
  }

  /** `user` comments `body`; Gavel has handled it when this resolves. Returns the comment's id. */
  say(user: string, body: string): Promise<number> {
    return say({ local: this.local, number: this.number, user, body });
  }

  /** Gavel's vote comments (the live tally), oldest first. */
  votes(): string[] {
    return appBodies({ local: this.local, repo: REPO, number: this.number, marker: "gavel:vote " });
  }

  /** The live tally of the first vote. */
  vote(): string {
    return this.votes()[0] ?? "";
  }

  /** Gavel's decision records. */
  records(): string[] {
    return appBodies({ local: this.local, repo: REPO, number: this.number, marker: "gavel:decision" });
  }

  /** Gavel's replies to commands, without their hidden marker. */
  replies(): string[] {
    return appBodies({ local: this.local, repo: REPO, number: this.number, marker: "<!-- gavel:reply " }).map((body) =>
      body.replace(/\n\n<!-- gavel:reply \S+ -->$/, ""),
    );
  }

  labels(): string[] {
    return this.local.github.labels({ repo: REPO, number: this.number });
  }

  /** The outcome each decision record states. */
  outcomes(): string[] {
    return this.records().map((r) => /\*\*Outcome: (\w+)/.exec(r)?.[1] ?? "?");
  }
}
