import type { VoteRecord } from "../../src/policy/vote-types.js";

/** Minutes after 2026-11-22 10:00 UTC, as Gavel's clock writes instants. */
export const minutes = (n: number): string => new Date(Date.parse("2026-11-22T10:00:00.000Z") + n * 60_000).toISOString();

/** A vote's record for tests: vote 0, `default`, a majority of a, b and c, opened at minute 0 for a week, open, nothing counted; `extra` overrides. */
export function voteRecord(extra: Partial<VoteRecord> = {}): VoteRecord {
  return {
    seq: 0,
    type: "default",
    subject: null,
    recused: false,
    threshold: { kind: "majority" },
    electorate: ["a", "b", "c"],
    starter: "a",
    requestUrl: "req",
    openedAt: minutes(0),
    deadline: minutes(10_080),
    minDurationMs: 0,
    closeEarly: true,
    status: "open",
    closedAt: null,
    cancelledBy: null,
    counted: [],
    ...extra,
  };
}
