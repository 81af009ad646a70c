import type { LabelEvent } from "../policy/vote-types.js";
import { reading, type GitHub, type RepoRef } from "./client.js";

/**
 * The label changes in an issue's event log, oldest first: GitHub keeps it,
 * and nobody can edit or delete it. A change counts as Gavel's when GitHub
 * says Gavel's app made it (`performed_via_github_app`). Read only when a
 * thread's labels disagree with its votes (see decideLostVote), so budgets
 * don't pay for it.
 * https://docs.github.com/rest/issues/events#list-issue-events
 * https://docs.github.com/rest/using-the-rest-api/issue-event-types#labeled
 */
export async function loadLabelEvents(params: { github: GitHub; repo: RepoRef; number: number; appId: number }): Promise<LabelEvent[]> {
  const { github, repo, number } = params;
  const events = await reading({
    what: `listing the events of ${repo.owner}/${repo.repo}#${number}`,
    read: () => github.paginate(github.rest.issues.listEvents, { ...repo, issue_number: number, per_page: 100 }),
  });
  return events.flatMap((e) => {
    if ((e.event !== "labeled" && e.event !== "unlabeled") || !("label" in e) || !e.label) return [];
    return [{ label: e.label.name, added: e.event === "labeled", byGavel: e.performed_via_github_app?.id === params.appId, at: e.created_at }];
  });
}
