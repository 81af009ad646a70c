import { parseVoteCommands } from "../commands/parse-vote-commands.js";
import type { Ballot } from "../policy/vote-types.js";
import type { AppComment } from "../state/announcement-marker.js";
import { reading, type GitHub, type RepoRef } from "./client.js";

export interface Thread {
  /** GitHub's global id of the issue (for a PR, of its issue): vote markers are bound to it. */
  id: number;
  title: string;
  open: boolean;
  labels: string[];
  appComments: AppComment[];
  /** Each person's comment's last `/vote yes|no|abstain`; bots' comments never count. */
  ballots: Ballot[];
  /** The ids of every comment people have on the thread, ballots or not: a counted ballot's comment that is here but holds no ballot was edited, not deleted. */
  standing: Set<number>;
  /** GitHub's `updated_at` of the issue as read. */
  updatedAt: string;
}

/**
 * An issue or PR thread as a vote needs it: its title, state and labels, the
 * app's own comments (the only ones read as state) and everyone's ballots,
 * read in parallel and to the end.
 */
export async function loadThread(params: { github: GitHub; repo: RepoRef; number: number; appId: number }): Promise<Thread> {
  const { github, repo, number } = params;
  const where = `${repo.owner}/${repo.repo}#${number}`;
  const [issue, comments] = await Promise.all([
    reading({ what: `reading ${where}`, read: () => github.rest.issues.get({ ...repo, issue_number: number }) }),
    reading({
      what: `listing comments of ${where}`,
      read: () => github.paginate(github.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 }),
    }),
  ]);
  const appComments: AppComment[] = [];
  const ballots: Ballot[] = [];
  const standing = new Set<number>();
  for (const c of comments) {
    const base = { id: c.id, createdAt: c.created_at, updatedAt: c.updated_at, url: c.html_url };
    // Only comments the app posted as itself: a person posting through the app's UI is not the app.
    if (c.performed_via_github_app?.id === params.appId && c.user?.type === "Bot") {
      appComments.push({ ...base, body: c.body ?? "" });
      continue;
    }
    if (!c.user || c.user.type === "Bot") continue;
    standing.add(c.id);
    const choice = parseVoteCommands(c.body ?? "")
      .flatMap((cmd) => (cmd.kind === "ballot" ? [cmd.choice] : []))
      .at(-1);
    if (choice) ballots.push({ commentId: c.id, author: c.user.login, choice, createdAt: c.created_at, updatedAt: c.updated_at, url: c.html_url });
  }
  return {
    id: issue.data.id,
    title: issue.data.title,
    open: issue.data.state === "open",
    labels: issue.data.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
    appComments,
    ballots,
    standing,
    updatedAt: issue.data.updated_at,
  };
}
