import { describe, expect, it } from "@jest/globals";
import { GitHubStores } from "../../src/github/stores.js";
import { justOpened, trustSnapshot } from "../../src/github/trust-snapshot.js";
import type { PullRequestSnapshot } from "../../src/policy/types.js";

const NOW = new Date("2026-11-22T10:00:00Z");
const repo = { owner: "acme", repo: "widgets" };

function snapshot(overrides: Partial<PullRequestSnapshot> = {}): PullRequestSnapshot {
  return {
    id: 1,
    number: 7,
    open: true,
    draft: false,
    headSha: "a".repeat(40),
    baseRef: "main",
    author: "alice",
    authorIsBot: false,
    labels: [],
    changedFiles: 1,
    comments: 0,
    updatedAt: "2026-11-22T09:59:58Z",
    createdAt: "2026-11-22T09:59:58Z",
    source: "webhook",
    ...overrides,
  };
}

describe("trustSnapshot", () => {
  const cases: Array<{ name: string; seen: PullRequestSnapshot[]; incoming: PullRequestSnapshot; trusted: boolean }> = [
    { name: "a fresh webhook is trusted", seen: [], incoming: snapshot(), trusted: true },
    { name: "a webhook older than ten minutes is read again", seen: [], incoming: snapshot({ updatedAt: "2026-11-22T09:49:59Z" }), trusted: false },
    { name: "a webhook without a readable time is read again", seen: [], incoming: snapshot({ updatedAt: "yesterday" }), trusted: false },
    {
      name: "an older webhook after a newer one is read again",
      seen: [snapshot({ updatedAt: "2026-11-22T09:59:59Z", labels: ["governance"] })],
      incoming: snapshot(),
      trusted: false,
    },
    { name: "a newer webhook after an older one is trusted", seen: [snapshot({ updatedAt: "2026-11-22T09:59:00Z" })], incoming: snapshot(), trusted: true },
    { name: "the same second with other labels can't be ordered", seen: [snapshot({ labels: ["governance"] })], incoming: snapshot(), trusted: false },
    { name: "the same second and the same state is the same PR", seen: [snapshot()], incoming: snapshot(), trusted: true },
    {
      name: "a PR Gavel just read from the API is the truth",
      seen: [snapshot({ updatedAt: "2026-11-22T09:59:59Z" })],
      incoming: snapshot({ source: "api", updatedAt: "2026-01-01T00:00:00Z" }),
      trusted: true,
    },
  ];
  it.each(cases)("$name", ({ seen, incoming, trusted }) => {
    const store = new GitHubStores().snapshots;
    for (const s of seen) trustSnapshot({ store, repo, snapshot: s, now: NOW });
    expect(trustSnapshot({ store, repo, snapshot: incoming, now: NOW })).toEqual(trusted ? incoming : null);
  });
});

describe("justOpened: when an opened webhook's count of comments can be believed", () => {
  const cases: Array<{ name: string; createdAt: string; comments: number | null; expected: boolean }> = [
    { name: "opened seconds ago with no comment", createdAt: "2026-11-22T09:59:58Z", comments: 0, expected: true },
    { name: "opened seconds ago with a comment", createdAt: "2026-11-22T09:59:58Z", comments: 1, expected: false },
    { name: "a count the source didn't give", createdAt: "2026-11-22T09:59:58Z", comments: null, expected: false },
    { name: "opened a minute ago (a redelivery)", createdAt: "2026-11-22T09:59:00Z", comments: 0, expected: false },
    { name: "opened in the future (clock skew)", createdAt: "2026-11-22T10:00:05Z", comments: 0, expected: false },
  ];
  it.each(cases)("$name", ({ createdAt, comments, expected }) => {
    expect(justOpened({ snapshot: snapshot({ createdAt, comments }), now: NOW })).toBe(expected);
  });
});
