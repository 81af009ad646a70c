import { LocalGavel } from "../sandbox/gavel/local-gavel.js";
import { GitHubStores } from "../src/github/stores.js";
import { REPO, SEVEN, CHARTER } from "./world.js";

export interface EventCost {
  event: string;
  /** API requests by Gavel for the event with nothing cached (a fresh process), and right after a similar event. */
  cold: number;
  warm: number;
  /** Of the warm requests, how many GitHub answered 304 (free of the rate limit). */
  warmNotModified: number;
}

const CONFIG = "rules:\n  - name: charter\n    paths: [GOVERNANCE.md]\n    approvals: 2/3\n    discussion: 14d\n";
const TOKENS = "POST /app/installations/{installation_id}/access_tokens";

interface World {
  local: LocalGavel;
  cache: GitHubStores;
  pr: number;
  issue: number;
  seq: number;
}

/** One event of each kind Gavel handles, measured on the sandbox with a cleared cache, then again warm. */
const EVENTS: Array<{ event: string; act: (w: World) => void }> = [
  {
    event: "pull_request.opened (governed)",
    act: (w) =>
      void w.local.github.openPullRequest({ repo: REPO, author: "alice", title: `t${w.seq++}`, files: { "GOVERNANCE.md": `${CHARTER}\n${w.seq}\n` } }),
  },
  {
    event: "pull_request.opened (no governed file)",
    act: (w) => void w.local.github.openPullRequest({ repo: REPO, author: "zoe", title: `t${w.seq++}`, files: { "README.md": `# ${w.seq}\n` } }),
  },
  {
    event: "pull_request.synchronize (governed)",
    act: (w) => void w.local.github.push({ repo: REPO, number: w.pr, author: "alice", files: { "GOVERNANCE.md": `${CHARTER}\npush ${w.seq++}\n` } }),
  },
  {
    event: "pull_request_review.submitted (vote changes)",
    act: (w) =>
      void w.local.github.review({
        repo: REPO,
        number: w.pr,
        user: SEVEN[w.seq++ % 2 === 0 ? 1 : 2] ?? "bob",
        state: w.seq % 2 === 0 ? "APPROVE" : "REQUEST_CHANGES",
      }),
  },
  {
    event: "pull_request_review.submitted (nothing changes)",
    act: (w) => void w.local.github.review({ repo: REPO, number: w.pr, user: "zoe", state: "COMMENT", body: `note ${w.seq++}` }),
  },
  { event: "pull_request.labeled", act: (w) => void w.local.github.label({ repo: REPO, number: w.pr, user: "alice", label: `topic-${w.seq++}` }) },
  {
    event: "issue_comment.created (ballot)",
    act: (w) => void w.local.github.comment({ repo: REPO, number: w.issue, user: SEVEN[w.seq++ % 7] ?? "bob", body: "/vote yes" }),
  },
  {
    event: "issue_comment.created (no command)",
    act: (w) => void w.local.github.comment({ repo: REPO, number: w.issue, user: "zoe", body: `+1, thanks ${w.seq++}` }),
  },
  {
    event: "push (default branch, rules untouched)",
    act: (w) => void w.local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "README.md": `# ${w.seq++}\n` } }),
  },
];

export async function eventCosts(): Promise<EventCost[]> {
  const cache = new GitHubStores();
  const local = await LocalGavel.start({
    stores: cache,
    onProblem: (m) => {
      throw new Error(m);
    },
  });
  try {
    local.github.createRepo({ repo: REPO, maintainers: SEVEN, files: { "GOVERNANCE.md": CHARTER, ".github/governance.yml": CONFIG } });
    const pr = local.github.openPullRequest({ repo: REPO, author: "alice", title: "Charter", files: { "GOVERNANCE.md": `${CHARTER}\nv2\n` } });
    const issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Adopt the charter" });
    local.github.comment({ repo: REPO, number: issue, user: "alice", body: "/vote" });
    await local.settle();
    const world: World = { local, cache, pr, issue, seq: 0 };
    const costs: EventCost[] = [];
    for (const { event, act } of EVENTS) {
      cache.clear();
      const cold = await measure({ world, act });
      const warm = await measure({ world, act });
      costs.push({ event, cold: cold.calls, warm: warm.calls, warmNotModified: warm.notModified });
    }
    return costs;
  } finally {
    await local.stop();
  }
}

async function measure(params: { world: World; act: (w: World) => void }): Promise<{ calls: number; notModified: number }> {
  const { local } = params.world;
  local.github.resetRequestCounts();
  params.act(params.world);
  await local.settle();
  const log = local.github.requestLog().filter((r) => r.route !== TOKENS);
  return { calls: log.length, notModified: log.filter((r) => r.status === 304).length };
}
