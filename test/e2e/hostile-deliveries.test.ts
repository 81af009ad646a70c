import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { LocalGavel } from "../../sandbox/gavel/local-gavel.js";
import { sign } from "../../sandbox/webhooks/deliveries.js";
import { checkState, CHARTER, REPO, say, startStory, visibleState } from "./story.js";

/**
 * Hostile or broken deliveries and comments (issue #8): forged, unsigned or
 * replayed webhooks are refused before any handler runs; broken payloads
 * crash nothing and pass nothing; comments are read by the documented rules.
 * After each, the next ordinary event is served.
 */
type Json = Record<string, unknown>;

describe("e2e: hostile webhook deliveries", () => {
  let local: LocalGavel;
  beforeAll(async () => {
    local = await startStory();
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
    { name: "signed with another secret", tamper: false, signature: (body: string) => sign({ secret: "not-the-secret", body }), says: "signature does not match" },
    { name: "without a signature header", tamper: false, signature: () => null, says: "Required headers missing: x-hub-signature-256" },
    { name: "with a stale signature (GitHub's, replayed on a modified body)", tamper: true, signature: (_body: string, original: string) => sign({ secret: secret(), body: original }), says: "signature does not match" },
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

  it.each([
    // GitHub always sends both; Probot answers with the handler's error, which GitHub's delivery log shows.
    { name: "without pull_request.head", strip: (p: Json): Json => ({ ...p, pull_request: { ...(p.pull_request as Json), head: undefined } }), status: 500, says: "TypeError" },
    { name: "without installation", strip: (p: Json): Json => ({ ...p, installation: undefined }), status: 401, says: 'an \\"installation\\" key is missing' },
  ])("a correctly signed pull_request $name crashes nothing and passes nothing; the next delivery is served", async ({ strip, status, says }) => {
    // A README-only PR: exactly the kind a careless evaluation would pass.
    const { number, id, payload } = await prWithLostDelivery({ author: "zoe", files: { "README.md": "# community\n\nTypo fixed.\n" } });
    const body = JSON.stringify(strip(payload));
    const answer = await post({ event: "pull_request", body, signature: sign({ secret: secret(), body }) });
    await local.settle();
    expect(answer.status).toBe(status);
    expect(answer.text).toContain(says);
    expect(checkState({ local, number })).toBe("no check");

    local.github.redeliver(id);
    await local.settle();
    expect(checkState({ local, number })).toBe("completed/success: No governed files changed");
    expect(local.sandbox.problems).toEqual([]);
  });
});

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
    { name: "a look-alike subject (Cyrillic а)", user: "alice", body: "/vote removal @аlice", reply: "I couldn't read `/vote removal @аlice`: the subject must be a GitHub handle like @octocat, not `@аlice`" },
    { name: "a ballot from a look-alike account (Cyrillic а)", user: "аlice", body: "/vote yes", reply: "Only the maintainers listed in the vote can cast a ballot, so this one isn't counted" },
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
