import { describe, expect, it } from "@jest/globals";
import {
  decideFailure,
  decidePullRequest,
  ERROR_RETRY_MIN_MS,
  ERROR_RETRY_MS,
  FOREIGN_RULES_RETRY_MS,
  type PullOutcome,
} from "../../src/pull-requests/decide-pull-request.js";
import type { LoadedPullRequest, ReadyPullRequest } from "../../src/pull-requests/loaded-pull-request.js";
import { pullRequestReport } from "../../src/messages/pull-request-report.js";
import { checkRunState } from "../../src/messages/check-report.js";
import type { ExistingCheck, PullRequestFacts, PullRequestSnapshot } from "../../src/policy/types.js";
import { readAnnouncements } from "../../src/state/announcement-marker.js";
import { deriveMarkerKey } from "../../src/state/signed-marker.js";
import { at, charter, evaluate, HEAD, iso, matchFacts, OLD, prFacts, review, supporting, T0 } from "../helpers/facts.js";

const key = deriveMarkerKey({ secret: "decide-test" });
const rules = [charter, supporting];
const OWN = { kind: "own", file: ".github/governance.yml" } as const;

const pr: PullRequestSnapshot = {
  id: 9007,
  number: 7,
  open: true,
  draft: false,
  headSha: HEAD,
  baseRef: "main",
  author: "outsider",
  authorIsBot: false,
  labels: [],
  changedFiles: 1,
  comments: 1,
  updatedAt: T0,
  createdAt: T0,
  source: "webhook",
};

function ready(
  params: { facts?: Partial<PullRequestFacts>; existing?: ExistingCheck | null; duplicates?: number[]; filesAtHead?: boolean } = {},
): ReadyPullRequest {
  const facts = prFacts(params.facts ?? {});
  return {
    kind: "ready",
    pr,
    rules: OWN,
    matches: matchFacts({ rules, facts }),
    facts,
    existing: params.existing ?? null,
    duplicates: params.duplicates ?? [],
    filesAtHead: params.filesAtHead ?? true,
    reviewsEtag: null,
  };
}

/** A check run that already shows exactly what `loaded` would publish at `now`. */
function showing(loaded: ReadyPullRequest, now: Date): ExistingCheck {
  const run = checkRunState(pullRequestReport({ evaluation: evaluate({ rules, facts: loaded.facts, now }), rules: loaded.rules }));
  return { id: 1, status: run.status, conclusion: run.conclusion, title: run.title, summary: run.summary, startedAt: T0, confirmed: true };
}

const fiveApprovals = ["alice", "bob", "carol", "dave", "erin"].map((by) => review({ by, state: "APPROVED" }));
const problems = [{ file: ".github/governance.yml", line: 3, key: "rules", message: "bad" }];
const foreign = [{ file: "acme/.github:.github/governance.yml", line: 3, key: "rules", message: "bad" }];
const tooLarge = { path: "MAINTAINERS.md", problem: "too-large" as const, bytes: 2_000_000, limit: 1_000_000 };

/** The parts of an outcome a row asserts: the rest of each outcome is checked by the rows that care. */
type Shape = Partial<Record<keyof PullOutcome, unknown>>;

describe("decidePullRequest: every kind of load result", () => {
  const rows: Array<{ name: string; loaded: LoadedPullRequest; now?: Date; want: Shape }> = [
    {
      name: "a closed PR: nothing to publish, nothing to wake for",
      loaded: { kind: "closed", pr: { ...pr, open: false } },
      want: { again: null, check: null, waitingLabel: null, wakeAt: null, announce: null },
    },
    {
      name: "a list of a newer head: read again, write nothing",
      loaded: { kind: "moved", pr, listedAt: OLD },
      want: { again: expect.stringContaining("new head"), check: null, waitingLabel: null },
    },
    {
      name: "a broken config here: a failing check, no label, no timer (the fixing push re-evaluates)",
      loaded: { kind: "invalid-config", pr, problems, existing: null },
      want: {
        check: { headSha: HEAD, report: expect.objectContaining({ state: "failure", title: "Configuration error in .github/governance.yml line 3" }) },
        waitingLabel: false,
        wakeAt: null,
      },
    },
    {
      name: "a broken config in the org's .github: labelled and retried hourly",
      loaded: { kind: "invalid-config", pr, problems: foreign, existing: null },
      want: {
        check: expect.objectContaining({ report: expect.objectContaining({ state: "failure" }) }),
        waitingLabel: true,
        wakeAt: new Date(Date.parse(T0) + FOREIGN_RULES_RETRY_MS).toISOString(),
      },
    },
    {
      name: "an unusable maintainers file: a failing check that names it, no retry",
      loaded: { kind: "unusable-file", pr, file: tooLarge, existing: null },
      want: {
        check: { headSha: HEAD, report: expect.objectContaining({ state: "failure", title: expect.stringContaining("MAINTAINERS.md is too large") }) },
        waitingLabel: false,
        wakeAt: null,
      },
    },
    {
      name: "announced and waiting: the waiting check, the label, a wake-up when the discussion ends",
      loaded: ready(),
      now: at(3),
      want: {
        announce: null,
        confirm: null,
        check: { headSha: HEAD, report: expect.objectContaining({ state: "waiting" }) },
        waitingLabel: true,
        wakeAt: iso(14),
      },
    },
    {
      name: "never announced: an announcement to post, signed, and the label first",
      loaded: ready({ facts: { announcements: [] } }),
      want: {
        announce: { body: expect.stringContaining("This pull request changes the project's governance"), starts: ["charter"], headSha: HEAD },
        waitingLabel: true,
      },
    },
    {
      name: "a draft: no announcement; it waits for ready-for-review",
      loaded: ready({ facts: { announcements: [], draft: true } }),
      want: { announce: null, waitingLabel: true, check: expect.objectContaining({ report: expect.objectContaining({ state: "waiting" }) }) },
    },
    {
      name: "an edited announcement: blocked, nothing announced, no timer",
      loaded: ready({ facts: { tamperedAnnouncements: [55] } }),
      want: { announce: null, waitingLabel: false, wakeAt: null, check: expect.objectContaining({ report: expect.objectContaining({ state: "failure" }) }) },
    },
    {
      name: "a new success on a head whose file list is proven: the reviews are confirmed first",
      loaded: ready({ facts: { reviews: fiveApprovals } }),
      now: at(15),
      want: {
        confirm: { pr: false, reviews: true, sharers: true },
        check: expect.objectContaining({ report: expect.objectContaining({ state: "success" }) }),
        waitingLabel: false,
        wakeAt: null,
      },
    },
    {
      name: "a new success on a list that can't name its head: the PR is confirmed too",
      loaded: ready({ facts: { reviews: fiveApprovals }, filesAtHead: false }),
      now: at(15),
      want: { confirm: { pr: true, reviews: true, sharers: true } },
    },
    {
      name: "no governed file: success, with only the PR to confirm when its list can't name the head",
      loaded: ready({ facts: { files: [{ path: "README.md", previousPath: null }] }, filesAtHead: false }),
      want: {
        confirm: { pr: true, reviews: false, sharers: true },
        check: { headSha: HEAD, report: expect.objectContaining({ state: "success", title: "No governed files changed" }) },
        waitingLabel: false,
      },
    },
    {
      name: "an objection that blocks: a failing check, the label off, no timer",
      loaded: ready({ facts: { reviews: ["alice", "bob", "carol"].map((by) => review({ by, state: "CHANGES_REQUESTED" })) } }),
      now: at(3),
      want: { check: expect.objectContaining({ report: expect.objectContaining({ state: "failure" }) }), waitingLabel: false, wakeAt: null, confirm: null },
    },
    {
      name: "later copies of the announcement (replicas raced) are deleted",
      loaded: ready({ duplicates: [81, 82] }),
      now: at(3),
      want: { deleteComments: [81, 82] },
    },
  ];
  it.each(rows)("$name", ({ loaded, now, want }) => {
    expect(decidePullRequest({ loaded, now: now ?? new Date(T0), key })).toMatchObject(want);
  });

  it("a success the check already shows needs no confirmation and writes the same check", () => {
    const loaded = ready({ facts: { reviews: fiveApprovals } });
    const outcome = decidePullRequest({ loaded: { ...loaded, existing: showing(loaded, at(15)) }, now: at(15), key });
    expect(outcome.confirm).toBeNull();
    expect(outcome.check?.report.state).toBe("success");
  });

  it("the announcement's marker reads back as the next announcement of this PR, starting the due rules", () => {
    const loaded = ready({
      facts: {
        announcements: [],
        files: [
          { path: "GOVERNANCE.md", previousPath: null },
          { path: "SECURITY.md", previousPath: null },
        ],
      },
    });
    const outcome = decidePullRequest({ loaded, now: new Date(T0), key });
    const body = outcome.announce?.body ?? "";
    const read = readAnnouncements({ key, scope: { threadId: pr.id }, comments: [{ id: 1, body, createdAt: T0, updatedAt: T0, url: "u" }] });
    expect(read.tampered).toEqual([]);
    expect(read.announcements.map((a) => a.starts)).toEqual([["charter", "supporting-documents"]]);
  });

  it("decided again with the posted announcement, nothing more is announced and the discussion runs from its time", () => {
    const loaded = ready({ facts: { announcements: [] } });
    const posted = { commentId: 3, createdAt: iso(1), starts: ["charter"], headSha: HEAD, url: "u", base: null, baseChanged: false };
    const outcome = decidePullRequest({ loaded: { ...loaded, facts: { ...loaded.facts, announcements: [posted] } }, now: at(1), key });
    expect(outcome.announce).toBeNull();
    expect(outcome.wakeAt).toBe(iso(15));
  });
});

describe("decideFailure", () => {
  const error = new Error("reading reviews of acme/widgets#7: 502 Bad Gateway");
  const rows: Array<{ name: string; headSha: string | null; retryAfterMs: number | null; wait: number; labelled: boolean }> = [
    {
      name: "a GitHub error: a failing check on the head, the label, a retry after ERROR_RETRY_MS",
      headSha: HEAD,
      retryAfterMs: null,
      wait: ERROR_RETRY_MS,
      labelled: true,
    },
    { name: "a rate limit: waited out as GitHub asks", headSha: HEAD, retryAfterMs: 30 * 60_000, wait: 30 * 60_000, labelled: true },
    { name: "a reset in a second: never sooner than ERROR_RETRY_MIN_MS", headSha: HEAD, retryAfterMs: 1_000, wait: ERROR_RETRY_MIN_MS, labelled: true },
    {
      name: "no head known (the PR itself could not be read): nothing to write, still a retry",
      headSha: null,
      retryAfterMs: null,
      wait: ERROR_RETRY_MS,
      labelled: false,
    },
  ];
  it.each(rows)("$name", ({ headSha, retryAfterMs, wait, labelled }) => {
    const outcome = decideFailure({ error, headSha, retryAfterMs, accessRefused: false, now: new Date(T0) });
    expect(outcome.wakeAt).toBe(new Date(Date.parse(T0) + wait).toISOString());
    expect(outcome.waitingLabel).toBe(labelled);
    if (headSha)
      expect(outcome.check).toEqual({
        headSha,
        report: expect.objectContaining({ state: "failure", title: "Evaluation error, will retry", summary: expect.stringContaining("502 Bad Gateway") }),
      });
    else expect(outcome.check).toBeNull();
  });

  it("access refused (the repository was taken from the installation): nothing written, no retry", () => {
    const outcome = decideFailure({ error, headSha: HEAD, retryAfterMs: null, accessRefused: true, now: new Date(T0) });
    expect(outcome).toMatchObject({ check: null, waitingLabel: null, wakeAt: null });
  });
});
