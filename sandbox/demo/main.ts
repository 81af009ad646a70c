/**
 * `npm run demo`: Gavel's real server against the local GitHub, playing one
 * governance story on a repository with seven maintainers, printed as the
 * maintainers would see it (`--verbose` adds webhooks and API requests). No
 * account, no network, no setup; it exits 0 when the story ends as it should.
 */
import { LocalGavel } from "../gavel/local-gavel.js";
import { Timeline } from "./timeline.js";

const REPO = "acme/community";
const MAINTAINERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"];
const DAY = 86_400_000;
const CONFIG = `rules:
  - name: charter
    paths: [GOVERNANCE.md, .github/governance.yml]
    approvals: 2/3
    discussion: 14d
  - name: people
    paths: [MAINTAINERS.md]
    approvals: 2/3
  - name: process
    paths: ["docs/process/**"]
    approvals: lazy-consensus
    discussion: 72h
`;

const started = Date.now();
const local = await LocalGavel.start({ logLevel: "error" });
const github = local.github;
const timeline = new Timeline({ local, verbose: process.argv.includes("--verbose") });
const out = (line = "") => process.stdout.write(`${line}\n`);

out("Gavel on a local GitHub: the real app and Probot server, an in-memory GitHub, signed webhooks over HTTP.");
out(`GitHub API ${local.sandbox.url} · Gavel ${local.webhookUrl} · nothing leaves this machine`);
github.createRepo({
  repo: REPO,
  maintainers: MAINTAINERS,
  files: {
    "GOVERNANCE.md": "# Governance\n\nChanges to this charter need a 2/3 vote of all maintainers after a two-week discussion.\n",
    "README.md": "# community\n",
    "docs/process/releases.md": "# Releases\n\nAny maintainer may cut a release.\n",
    ".github/governance.yml": CONFIG,
  },
});
out(`${REPO}: MAINTAINERS.md lists ${MAINTAINERS.map((m) => `@${m}`).join(", ")}, and .github/governance.yml says:`);
for (const line of CONFIG.trimEnd().split("\n")) out(`  │ ${line}`);
out("(so the charter needs 2/3 of ALL seven maintainers, 5 of 7, and 14 days of discussion; process documents pass after 72 hours unless a");
out(" maintainer objects; votes: nomination by majority, removal by 2/3 with the subject recused)");

const pr = 1;
timeline.watch({ repo: REPO, number: pr });
await timeline.step({
  title: `@alice opens #${pr} "Releases need two maintainers" (changes GOVERNANCE.md)`,
  actions: [
    () =>
      github.openPullRequest({
        repo: REPO,
        author: "alice",
        title: "Releases need two maintainers",
        files: {
          "GOVERNANCE.md":
            "# Governance\n\nChanges to this charter need a 2/3 vote of all maintainers after a two-week discussion.\n\nReleases need two maintainers.\n",
        },
      }),
  ],
});
await timeline.step({
  title: "@bob, @carol, @dave and @erin approve",
  actions: ["bob", "carol", "dave", "erin"].map((user) => () => github.review({ repo: REPO, number: pr, user, state: "APPROVE" })),
});
await timeline.step({
  title: "@alice pushes a new wording of GOVERNANCE.md: the approvals are now stale",
  actions: [
    () =>
      github.push({
        repo: REPO,
        number: pr,
        author: "alice",
        files: {
          "GOVERNANCE.md":
            "# Governance\n\nChanges to this charter need a 2/3 vote of all maintainers after a two-week discussion.\n\nEvery release needs the approval of two maintainers.\n",
        },
      }),
  ],
});
await timeline.step({
  title: "@bob, @carol, @dave and @frank approve the new wording",
  actions: ["bob", "carol", "dave", "frank"].map((user) => () => github.review({ repo: REPO, number: pr, user, state: "APPROVE" })),
});
await timeline.step({ title: "a week passes: Gavel renews its waiting check before GitHub would call it stale", actions: [() => local.advance(7 * DAY)] });
await timeline.step({ title: "another week passes: the discussion period ends", actions: [() => local.advance(7 * DAY)] });
const charter = github.latestCheck({ repo: REPO, number: pr });

let process_ = 0;
await timeline.step({
  title: `@dave opens a pull request "Releases need a second maintainer" (changes docs/process/releases.md)`,
  actions: [
    () => {
      process_ = github.openPullRequest({
        repo: REPO,
        author: "dave",
        title: "Releases need a second maintainer",
        files: { "docs/process/releases.md": "# Releases\n\nA release needs a second maintainer's approval.\n" },
      });
      timeline.watch({ repo: REPO, number: process_ });
    },
  ],
});
await timeline.step({
  title: "@grace objects: she requests changes",
  actions: [() => github.review({ repo: REPO, number: process_, user: "grace", state: "REQUEST_CHANGES", body: "What if only one maintainer is around?" })],
});
await timeline.step({
  title: "@dave answers; @grace withdraws her objection by approving",
  actions: [() => github.review({ repo: REPO, number: process_, user: "grace", state: "APPROVE", body: "Fair: we have seven." })],
});
await timeline.step({ title: "72 hours pass without another objection", actions: [() => local.advance(3 * DAY)] });
const lazy = github.latestCheck({ repo: REPO, number: process_ });

const nomination = github.openIssue({ repo: REPO, author: "alice", title: "Nominate @heidi as a maintainer" });
timeline.watch({ repo: REPO, number: nomination });
await timeline.step({
  title: `@alice opens #${nomination} and starts a vote: /vote nomination @heidi`,
  actions: [
    () => github.comment({ repo: REPO, number: nomination, user: "alice", body: "Heidi has reviewed half our PRs this year.\n\n/vote nomination @heidi" }),
  ],
});
await timeline.step({
  title: "@bob, @carol, @dave and @erin vote /vote yes: 4 of 7 is a majority",
  actions: ["bob", "carol", "dave", "erin"].map((user) => () => github.comment({ repo: REPO, number: nomination, user, body: "/vote yes" })),
});

const removal = github.openIssue({ repo: REPO, author: "alice", title: "Remove @grace (inactive for a year)" });
timeline.watch({ repo: REPO, number: removal });
await timeline.step({
  title: `@alice opens #${removal}: /vote removal @grace (Grace is recused: N = 6)`,
  actions: [() => github.comment({ repo: REPO, number: removal, user: "alice", body: "/vote removal @grace" })],
});
await timeline.step({
  title: "@grace tries to vote on her own removal",
  actions: [() => github.comment({ repo: REPO, number: removal, user: "grace", body: "/vote no" })],
});
await timeline.step({
  title: "@bob, @carol, @dave and @erin vote yes: 4 of 6 is 2/3",
  actions: ["bob", "carol", "dave", "erin"].map((user) => () => github.comment({ repo: REPO, number: removal, user, body: "/vote yes" })),
});

const failedDeliveries = github.deliveries().filter((d) => d.status !== 200);
const outcome = {
  charterGreen: charter?.status === "completed" && charter.conclusion === "success",
  processGreen: lazy?.status === "completed" && lazy.conclusion === "success",
  nominationPassed: github.labels({ repo: REPO, number: nomination }).includes("vote: passed"),
  removalPassed: github.labels({ repo: REPO, number: removal }).includes("vote: passed"),
};
out("");
out(
  `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${github.deliveries().length} webhook deliveries, ${timeline.requests} API requests by Gavel, ${local.sandbox.problems.length} sandbox problems.`,
);
await local.stop();
const ok =
  outcome.charterGreen &&
  outcome.processGreen &&
  outcome.nominationPassed &&
  outcome.removalPassed &&
  failedDeliveries.length === 0 &&
  local.sandbox.problems.length === 0;
if (!ok) {
  out(`The story did not end as it should: ${JSON.stringify({ ...outcome, failedDeliveries: failedDeliveries.length, problems: local.sandbox.problems })}`);
  process.exitCode = 1;
}
