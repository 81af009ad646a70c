import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { pino } from "pino";
import { maintainersFile } from "../../sandbox/driver.js";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { sign } from "../../sandbox/webhooks/deliveries.js";
import { checkState, CHARTER, MAINTAINERS, openCharterPr, REPO, say, startStory, visibleState, writes } from "./story.js";

/**
 * Hostile or broken deliveries and comments (issue #8): forged, unsigned or
 * replayed webhooks are refused before any handler runs; broken payloads
 * crash nothing and pass nothing; comments are read by the documented rules.
 * After each, the next ordinary event is served.
 */
type Json = Record<string, unknown>;

describe("e2e: hostile webhook deliveries", () => {
  let local: LocalGavel;
  /** What Gavel and Probot logged, one JSON line each, as a deployment's log would show it. */
  const logged: string[] = [];
  beforeAll(async () => {
    local = await startStory({ log: pino({ level: "error" }, { write: (line: string) => void logged.push(line) }) });
  });
  afterAll(async () => {
    await local.stop();
  });

  /** Posts a delivery as GitHub would, with the given signature header (none when null); returns the answer a person sees in GitHub's delivery log. */
  async function post(params: { event: string; body: string; signature: string | null }): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { "content-type": "application/json", "x-github-event": params.event, "x-github-delivery": crypto.randomUUID() };
    if (params.signature !== null) headers["x-hub-signature-256"] = params.signature;
    const response = await fetch(local.webhookUrl, { method: "POST", headers, body: params.body });
    return { status: response.status, text: await response.text() };
  }
  const secret = () => local.sandbox.store.app.webhookSecret;

  /** Opens a PR whose `opened` delivery GitHub never manages to make; returns it and that delivery, to tamper with. */
  async function prWithLostDelivery(params: { author: string; files: Record<string, string> }): Promise<{ number: number; id: string; payload: Json }> {
    local.github.dropDeliveries({ event: "pull_request.opened", times: 1 });
    const number = local.github.openPullRequest({ repo: REPO, author: params.author, title: "A change", files: params.files });
    await local.settle();
    const dropped = local.github.deliveries().at(-1);
    expect(dropped?.dropped).toBe(true);
    return { number, id: dropped?.id ?? "", payload: JSON.parse(dropped?.body ?? "{}") as Json };
  }

  it.each([
    {
      name: "signed with another secret",
      tamper: false,
      signature: (body: string) => sign({ secret: "not-the-secret", body }),
      says: "signature does not match",
    },
    { name: "without a signature header", tamper: false, signature: () => null, says: "Required headers missing: x-hub-signature-256" },
    {
      name: "with a stale signature (GitHub's, replayed on a modified body)",
      tamper: true,
      signature: (_body: string, original: string) => sign({ secret: secret(), body: original }),
      says: "signature does not match",
    },
  ])("a delivery $name is refused (400) before any handler runs, and nothing changes", async ({ tamper, signature, says }) => {
    const { number, id, payload } = await prWithLostDelivery({ author: "alice", files: { "GOVERNANCE.md": `${CHARTER}\nMore.\n` } });
    const original = JSON.stringify(payload);
    // Someone who captured GitHub's delivery edits its body and replays GitHub's signature.
    const body = tamper ? JSON.stringify({ ...payload, pull_request: { ...(payload.pull_request as Json), title: "Just a typo" } }) : original;
    const before = visibleState({ local, number });
    local.github.resetRequestCounts();

    const answer = await post({ event: "pull_request", body, signature: signature(body, original) });
    await local.settle();
    expect(answer.status).toBe(400);
    expect(answer.text).toContain(says);
    expect(local.github.requestCounts()).toEqual({});
    expect(visibleState({ local, number })).toEqual(before);
    expect(checkState({ local, number })).toBe("no check");

    // GitHub's own delivery of the same event is then served.
    local.github.redeliver(id);
    await local.settle();
    expect(checkState({ local, number })).toMatch(/^in_progress\/-: 1 of 5 approvals · discussion ends /);
  });

  /** A delivery GitHub never manages to make, caused by `act`: its id and payload, to tamper with and to redeliver. */
  async function lostDelivery(params: { event: string; act: () => number }): Promise<{ id: string; event: string; body: string; number: number }> {
    local.github.dropDeliveries({ event: params.event, times: 1 });
    const number = params.act();
    await local.settle();
    const dropped = local.github
      .deliveries()
      .filter((d) => d.dropped)
      .at(-1);
    expect([dropped?.event, dropped?.action].filter(Boolean).join(".")).toBe(params.event);
    return { id: dropped?.id ?? "", event: dropped?.event ?? "", body: dropped?.body ?? "{}", number };
  }
  /** The JSON `body` without the field at the dotted `path`. */
  const without = (body: string, path: string): string => JSON.stringify(dropField({ value: JSON.parse(body), path: path.split(".") }));
  const says = (event: string, path: string) => `${event} for ${REPO}: the payload has no ${path}; nothing was evaluated`;
  /** The messages logged at level error or above since the last call. */
  const errorsLogged = () =>
    logged.splice(0).flatMap((line) => {
      const entry: unknown = JSON.parse(line);
      return typeof entry === "object" && entry !== null && "level" in entry && typeof entry.level === "number" && entry.level >= 50 && "msg" in entry
        ? [entry.msg]
        : [];
    });

  it("a correctly signed pull_request without installation is refused by Probot (401) before any handler; the next delivery is served", async () => {
    const { number, id, payload } = await prWithLostDelivery({ author: "zoe", files: { "README.md": "# community\n\nTypo fixed.\n" } });
    const body = without(JSON.stringify(payload), "installation");
    const answer = await post({ event: "pull_request", body, signature: sign({ secret: secret(), body }) });
    await local.settle();
    expect(answer).toEqual({ status: 401, text: expect.stringContaining('an \\"installation\\" key is missing') });
    expect(checkState({ local, number })).toBe("no check");

    local.github.redeliver(id);
    await local.settle();
    expect(checkState({ local, number })).toBe("completed/success: No governed files changed");
  });

  it.each(["pull_request.head", "pull_request.head.sha", "pull_request.number", "pull_request.base", "repository.owner"])(
    "a correctly signed pull_request.opened without %s fails with a message naming it, writes nothing, passes nothing; the next delivery is served",
    async (path) => {
      // A README-only PR: exactly the kind a careless evaluation would pass.
      const { number, id, payload } = await prWithLostDelivery({ author: "zoe", files: { "README.md": "# community\n\nTypo fixed.\n" } });
      const body = without(JSON.stringify(payload), path);
      errorsLogged();
      local.github.resetRequestCounts();
      const answer = await post({ event: "pull_request", body, signature: sign({ secret: secret(), body }) });
      await local.settle();
      const message = says("pull_request.opened", path);
      // Probot answers with the handler's error, which GitHub's delivery log shows, and logs it.
      expect(answer).toEqual({ status: 500, text: JSON.stringify({ error: `Error: ${message}` }) });
      expect(errorsLogged()).toContain(message);
      expect(writes(local.github.requestCounts())).toEqual([]);
      expect(checkState({ local, number })).toBe("no check");

      local.github.redeliver(id);
      await local.settle();
      expect(checkState({ local, number })).toBe("completed/success: No governed files changed");
      expect(errorsLogged()).toEqual([]);
      expect(local.sandbox.problems).toEqual([]);
    },
  );

  let charter = 0;
  it.each([
    { event: "pull_request.synchronize", path: "pull_request.head.sha", outcome: "in_progress/-: 1 of 5 approvals · discussion ends " },
    { event: "pull_request_review.submitted", path: "review", outcome: "in_progress/-: 2 of 5 approvals · discussion ends " },
    { event: "check_run.rerequested", path: "check_run.head_sha", outcome: "in_progress/-: 2 of 5 approvals · discussion ends " },
    { event: "issue_comment.created", path: "issue", outcome: "vote: open" },
    { event: "issue_comment.created", path: "comment", outcome: "vote: open" },
    { event: "push", path: "commits", outcome: "in_progress/-: 2 of 5 approvals · discussion ends " },
  ])(
    "a correctly signed $event without $path fails with a message naming it and writes nothing; the next delivery is served",
    async ({ event, path, outcome }) => {
      charter ||= await openCharterPr(local);
      const thread = { repo: REPO, number: charter };
      // Each returns the thread whose state shows the outcome.
      const act: Record<string, () => number> = {
        "pull_request.synchronize": () => {
          local.github.push({ ...thread, author: "alice", files: { "GOVERNANCE.md": `${CHARTER}\nReleases need two maintainers, and a changelog.\n` } });
          return thread.number;
        },
        "pull_request_review.submitted": () => {
          local.github.review({ ...thread, user: "bob", state: "APPROVE" });
          return thread.number;
        },
        "check_run.rerequested": () => {
          local.github.rerequestCheck({ repo: REPO, checkRunId: local.github.latestCheck(thread)?.id ?? 0, user: "alice" });
          return thread.number;
        },
        "issue_comment.created": () => {
          const issue = local.github.openIssue({ repo: REPO, author: "alice", title: `Decide without ${path}` });
          local.github.comment({ repo: REPO, number: issue, user: "alice", body: "/vote" });
          return issue;
        },
        push: () => {
          local.github.pushToDefaultBranch({ repo: REPO, author: "alice", files: { "MAINTAINERS.md": maintainersFile([...MAINTAINERS].reverse()) } });
          return thread.number;
        },
      };
      const lost = await lostDelivery({ event, act: act[event] ?? (() => 0) });
      const { number } = lost;
      const body = without(lost.body, path);
      const before = visibleState({ local, number });
      errorsLogged();
      local.github.resetRequestCounts();
      const answer = await post({ event: lost.event, body, signature: sign({ secret: secret(), body }) });
      await local.settle();
      const message = says(event, path);
      expect(answer).toEqual({ status: 500, text: JSON.stringify({ error: `Error: ${message}` }) });
      expect(errorsLogged()).toContain(message);
      expect(writes(local.github.requestCounts())).toEqual([]);
      expect(visibleState({ local, number })).toEqual(before);

      const served = local.github.redeliver(lost.id);
      await local.settle();
      expect(served.status).toBe(200);
      expect(errorsLogged()).toEqual([]);
      if (number === charter) expect(checkState({ local, number }).slice(0, outcome.length)).toBe(outcome);
      else expect(local.github.labels({ repo: REPO, number })).toEqual([outcome]);
    },
  );
});

/** `value` without the field at `path`; objects along the way are copied, nothing else is touched. */
function dropField(params: { value: unknown; path: readonly string[] }): unknown {
  const [key, ...rest] = params.path;
  if (typeof params.value !== "object" || params.value === null || key === undefined) return params.value;
  return Object.fromEntries(
    Object.entries(params.value).flatMap(([k, v]) => (k !== key ? [[k, v]] : rest.length === 0 ? [] : [[k, dropField({ value: v, path: rest })]])),
  );
}

describe("e2e: hostile comments", () => {
  let local: LocalGavel;
  let issue = 0;
  beforeAll(async () => {
    local = await startStory();
    issue = local.github.openIssue({ repo: REPO, author: "alice", title: "Adopt the release policy" });
    await say({ local, number: issue, user: "alice", body: "/vote" });
  });
  afterAll(async () => {
    await local.stop();
  });
  const thread = () => ({ repo: REPO, number: issue });
  const appBodies = () => local.github.appComments(thread()).map((c) => c.body);
  /** The live tally's headline, from the vote comment. */
  const tally = () => /#### Tally: [^\n]*/.exec(appBodies()[0] ?? "")?.[0] ?? "no tally";

  it("a comment of 65,536 characters (GitHub's maximum) with /vote yes on its last line is counted", async () => {
    expect(tally()).toBe("#### Tally: 0 yes · 0 no · 0 abstain · 7 not yet — 4 yes needed");
    const ballot = "\n/vote yes";
    const body = `${"I have read the whole policy. ".repeat(3000)}`.slice(0, 65_536 - ballot.length) + ballot;
    expect(body.length).toBe(65_536);
    await say({ local, number: issue, user: "bob", body });
    expect(tally()).toBe("#### Tally: 1 yes · 0 no · 0 abstain · 6 not yet — 4 yes needed");
    expect(appBodies()).toHaveLength(1);
  });

  it("commands inside a > quote or a ``` fence are ignored and cost no API request", async () => {
    const before = appBodies();
    local.github.resetRequestCounts();
    await say({ local, number: issue, user: "carol", body: "> /vote yes\n\nAs bob said. To vote, write:\n\n```\n/vote no\n/vote cancel\n```\n" });
    expect(local.github.requestCounts()).toEqual({});
    expect(appBodies()).toEqual(before);
    expect(local.github.labels(thread())).toEqual(["vote: open"]);
    expect(tally()).toBe("#### Tally: 1 yes · 0 no · 0 abstain · 6 not yet — 4 yes needed");
  });

  it("many commands in one comment: the first non-ballot command is carried out, and the last ballot counts", async () => {
    await say({ local, number: issue, user: "carol", body: "/vote status\n/vote no\n/vote abstain\n/vote yes" });
    expect(tally()).toBe("#### Tally: 2 yes · 0 no · 0 abstain · 5 not yet — 4 yes needed");
    await say({ local, number: issue, user: "dave", body: "/vote yes\n".repeat(6_000) });
    expect(tally()).toBe("#### Tally: 3 yes · 0 no · 0 abstain · 4 not yet — 4 yes needed");
    expect(appBodies()).toHaveLength(1);
  });

  it("thousands of commands from someone who may not use them get one polite reply, and change nothing", async () => {
    await say({ local, number: issue, user: "zoe", body: "/vote cancel\n".repeat(5_000) });
    expect(appBodies().slice(1)).toEqual([expect.stringContaining("Thanks, @zoe! Only maintainers can start or cancel a vote here, so nothing was changed.")]);
    expect(local.github.labels(thread())).toEqual(["vote: open"]);
  });

  it.each([
    {
      name: "a look-alike subject (Cyrillic а)",
      user: "alice",
      body: "/vote removal @аlice",
      reply: "I couldn't read “/vote removal @аlice”: the subject must be a GitHub handle like @octocat, not `@аlice`",
    },
    {
      name: "a ballot from a look-alike account (Cyrillic а)",
      user: "аlice",
      body: "/vote yes",
      reply: "Only the maintainers listed in the vote can cast a ballot, so this one isn't counted",
    },
  ])("$name is never taken for the real maintainer", async ({ user, body, reply }) => {
    const replies = appBodies().length;
    await say({ local, number: issue, user, body });
    expect(appBodies().slice(replies)).toEqual([expect.stringContaining(reply)]);
    expect(tally()).toBe("#### Tally: 3 yes · 0 no · 0 abstain · 4 not yet — 4 yes needed");
  });

  it("after all that, an ordinary ballot still decides the vote", async () => {
    await say({ local, number: issue, user: "erin", body: "/vote yes" });
    expect(local.github.labels(thread())).toEqual(["vote: passed"]);
    expect(appBodies().at(-1)).toContain("Decision record: Adopt the release policy");
    expect(local.sandbox.problems).toEqual([]);
  });
});
