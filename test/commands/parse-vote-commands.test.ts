import { describe, expect, it } from "@jest/globals";
import { parseVoteCommands, type VoteCommand } from "../../src/commands/parse-vote-commands.js";

const cases: Array<[string, string, VoteCommand[]]> = [
  ["plain start", "/vote", [{ kind: "start", type: null, subject: null }]],
  ["typed start", "/vote lazy", [{ kind: "start", type: "lazy", subject: null }]],
  ["typed start with subject", "/vote removal @Mallory", [{ kind: "start", type: "removal", subject: "Mallory" }]],
  ["upper case", "/VOTE Nomination @alice", [{ kind: "start", type: "nomination", subject: "alice" }]],
  ["yes", "/vote yes", [{ kind: "ballot", choice: "yes" }]],
  ["no", "/vote no", [{ kind: "ballot", choice: "no" }]],
  ["abstain", "/vote abstain", [{ kind: "ballot", choice: "abstain" }]],
  ["+1", "/vote +1", [{ kind: "ballot", choice: "yes" }]],
  ["-1", "/vote -1", [{ kind: "ballot", choice: "no" }]],
  ["0", "/vote 0", [{ kind: "ballot", choice: "abstain" }]],
  ["cancel", "/vote cancel", [{ kind: "cancel" }]],
  ["status", "  /vote status  ", [{ kind: "status" }]],
  ["inside a sentence: nothing", "I think we should /vote yes on this", []],
  ["not the command: nothing", "/voters yes", []],
  ["quoted: nothing", "> /vote yes\n\nI agree with that", []],
  ["fenced: nothing", "Use this:\n```\n/vote yes\n```\n", []],
  ["tilde fence: nothing", "~~~md\n/vote no\n~~~", []],
  ["indented code: nothing", "Example:\n\n    /vote yes\n", []],
  ["html comment: nothing", "<!--\n/vote yes\n-->", []],
  ["after a fence closes", "```\n/vote no\n```\n/vote yes", [{ kind: "ballot", choice: "yes" }]],
  [
    "several commands, in order",
    "/vote yes\nreasons…\n/vote no",
    [
      { kind: "ballot", choice: "yes" },
      { kind: "ballot", choice: "no" },
    ],
  ],
  [
    "a bad subject",
    "/vote removal mallory",
    [{ kind: "invalid", text: "/vote removal mallory", reason: "the subject must be a GitHub handle like @octocat, not `mallory`" }],
  ],
  ["too many words", "/vote removal @a @b", [{ kind: "invalid", text: "/vote removal @a @b", reason: "too many words" }]],
  ["a bad type", "/vote y!es", [{ kind: "invalid", text: "/vote y!es", reason: "`y!es` is not a vote type" }]],
  ["CRLF", "hello\r\n/vote yes\r\n", [{ kind: "ballot", choice: "yes" }]],
  ["a comment opened mid-line hides the rest", "Some text <!--\n/vote yes\n-->", []],
  ["a line right after a quote is part of it", "> I object\n/vote no", []],
  ["a blank line ends the quote", "> I object\n\n/vote no", [{ kind: "ballot", choice: "no" }]],
  ["a comment closed on its line hides nothing after", "<!-- note -->\n/vote yes", [{ kind: "ballot", choice: "yes" }]],
];

describe("parseVoteCommands", () => {
  it.each(cases)("%s", (_name, body, expected) => {
    expect(parseVoteCommands(body)).toEqual(expected);
  });

  it("reads no further than 64 KiB", () => {
    expect(parseVoteCommands(`${"x".repeat(70_000)}\n/vote yes`)).toEqual([]);
  });

  it("a Unicode look-alike slash is not a command", () => {
    expect(parseVoteCommands("∕vote yes")).toEqual([]);
  });
});
