import { describe, expect, it } from "@jest/globals";
import { DEFAULT_CONFIG } from "../../src/config/defaults.js";
import { openVote } from "../../src/policy/open-vote.js";
import { MAX_ELECTORATE, MAX_VOTE_MARKER_CHARS, VOTE_RECORD_LIMITS, voteMarkerSize } from "../../src/state/vote-marker.js";

const NOW = new Date("2026-11-22T10:00:00.000Z");
/** `n` distinct valid logins of `length` characters. */
const logins = (n: number, length: number) => Array.from({ length: n }, (_, i) => `m${i}`.padEnd(length, "x"));
const open = (params: { voters: string[]; type?: string; subject?: string }) =>
  openVote({
    votes: DEFAULT_CONFIG.votes,
    type: params.type ?? null,
    subject: params.subject ?? null,
    starter: params.voters[0] ?? "alice",
    voters: params.voters,
    requestUrl: `https://github.com/${"o".repeat(39)}/${"r".repeat(100)}/issues/1234567#issuecomment-123456789012`,
    seq: 0,
    now: NOW,
    limits: VOTE_RECORD_LIMITS,
  });

describe("openVote: the electorate must fit the vote's signed marker", () => {
  it.each([1, 300, 1_000, MAX_ELECTORATE])("%i voters of 15-character logins open, the whole electorate recorded, with room for every ballot", (n) => {
    const opened = open({ voters: logins(n, 15) });
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.record.electorate).toHaveLength(n);
    expect(voteMarkerSize(opened.record)).toBeLessThanOrEqual(MAX_VOTE_MARKER_CHARS);
  });

  it.each([
    [
      MAX_ELECTORATE + 1,
      5,
      `this electorate of ${(MAX_ELECTORATE + 1).toLocaleString("en-US")} voters is too large to record in a GitHub comment; at most ${MAX_ELECTORATE.toLocaleString("en-US")}.`,
    ],
    [5_000, 5, `this electorate of 5,000 voters is too large to record in a GitHub comment; at most ${MAX_ELECTORATE.toLocaleString("en-US")}.`],
    // Under the count, but GitHub's longest logins take more than the marker holds: measured, not assumed.
    [1_000, 39, "this electorate of 1,000 voters is too large to record in a GitHub comment; with logins this long, its signed record would take"],
  ])("%i voters of %i-character logins are refused, saying why and the limit", (n, length, reason) => {
    const opened = open({ voters: logins(n, length) });
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.reason).toContain(reason);
      expect(opened.reason).toContain("A smaller electorate can be set under `maintainers:` in `.github/governance.yml`");
    }
  });

  it("the limit counts the electorate after a removal's subject is recused", () => {
    const voters = logins(MAX_ELECTORATE + 1, 8);
    const opened = open({ voters, type: "removal", subject: voters[5] });
    expect(opened).toMatchObject({ ok: true, record: { electorate: { length: MAX_ELECTORATE } } });
  });

  it("other refusals come first: an unknown type is named, not the size", () => {
    expect(open({ voters: logins(5_000, 5), type: "coup" })).toMatchObject({ ok: false, reason: expect.stringContaining("no vote type `coup`") });
  });
});
