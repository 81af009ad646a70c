import type { GitHubDriver } from "../../sandbox/driver.js";
import { CHARTER } from "../e2e/story.js";

/**
 * zoe opens a PR that edits the charter; returns its number and its `opened`
 * payload as Actions writes it to GITHUB_EVENT_PATH: the webhook's, with no
 * installation, as the token is a workflow's. (No app server receives the
 * webhook itself.)
 */
export function openCharterPr(params: { github: GitHubDriver; repo: string }): { number: number; payload: object } {
  const { github, repo } = params;
  const number = github.openPullRequest({
    repo,
    author: "zoe",
    title: "Releases need two maintainers",
    files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers.\n` },
  });
  const delivery = github.deliveries().find((d) => d.event === "pull_request" && d.action === "opened");
  const webhook: unknown = JSON.parse(delivery?.body ?? "{}");
  const payload = typeof webhook === "object" && webhook !== null ? Object.fromEntries(Object.entries(webhook).filter(([key]) => key !== "installation")) : {};
  return { number, payload };
}
