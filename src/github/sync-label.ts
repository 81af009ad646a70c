import { answeredAt, httpStatus, reading, type GitHub, type RepoRef } from "./client.js";

/** What a label sync did, and GitHub's time of its write (null when it wrote nothing, or GitHub gave no time). */
export interface LabelSync {
  change: "added" | "removed" | "unchanged";
  at: string | null;
}

/**
 * Makes an issue or PR carry `label` or not, writing only when that differs
 * from `current` (the labels Gavel just read). Adding creates the label in
 * the repository if it doesn't exist; removing one already gone is done.
 * https://docs.github.com/rest/issues/labels#add-labels-to-an-issue
 */
export async function syncLabel(params: {
  github: GitHub;
  repo: RepoRef;
  number: number;
  label: string;
  present: boolean;
  current: string[];
}): Promise<LabelSync> {
  const { github, repo, number, label } = params;
  const has = params.current.some((l) => l.toLowerCase() === label.toLowerCase());
  if (has === params.present) return { change: "unchanged", at: null };
  const where = `${repo.owner}/${repo.repo}#${number}`;
  if (params.present) {
    const added = await reading({
      what: `labelling ${where} "${label}"`,
      read: () => github.rest.issues.addLabels({ ...repo, issue_number: number, labels: [label] }),
    });
    return { change: "added", at: answeredAt(added) };
  }
  const at = await reading({
    what: `removing the label "${label}" from ${where}`,
    read: async () => {
      try {
        return answeredAt(await github.rest.issues.removeLabel({ ...repo, issue_number: number, name: label }));
      } catch (error) {
        if (httpStatus(error) !== 404) throw error;
        return null;
      }
    },
  });
  return { change: "removed", at };
}
