/**
 * `/vote` commands in a comment. A command counts only on a line of its own,
 * outside block quotes, fenced and indented code, and HTML comments, so that
 * quoting someone's ballot or documenting the syntax never votes. Pure.
 */
export type Choice = "yes" | "no" | "abstain";

export type VoteCommand =
  | { kind: "start"; type: string | null; subject: string | null }
  | { kind: "ballot"; choice: Choice }
  | { kind: "cancel" }
  | { kind: "status" }
  | { kind: "invalid"; text: string; reason: string };

const CHOICES: Record<string, Choice> = { yes: "yes", no: "no", abstain: "abstain", "+1": "yes", "-1": "no", "0": "abstain" };
const HANDLE = /^@?([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})$/i;
const TYPE = /^[a-z\d][a-z\d_-]*$/i;
/** Longer comments are not scanned past this: a command is typed by a person, near the top. */
const MAX_SCAN = 65_536;

export function parseVoteCommands(body: string): VoteCommand[] {
  const commands: VoteCommand[] = [];
  let fence: string | null = null;
  let inComment = false;
  // A line right after a quoted line, with no blank line between, renders inside the quote (a lazy continuation).
  let inQuote = false;
  for (const raw of body.slice(0, MAX_SCAN).split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (inComment) {
      if (trimmed.includes("-->")) inComment = false;
      continue;
    }
    if (trimmed === "") {
      inQuote = false;
      continue;
    }
    const opener = /^(`{3,}|~{3,})/.exec(trimmed);
    if (fence) {
      if (opener && opener[1]?.[0] === fence[0] && (opener[1]?.length ?? 0) >= fence.length && trimmed.slice(opener[1]?.length).trim() === "") fence = null;
      continue;
    }
    if (opener?.[1]) {
      fence = opener[1];
      continue;
    }
    // An HTML comment opened on this line and not closed hides what follows.
    const opened = trimmed.lastIndexOf("<!--");
    if (opened >= 0 && trimmed.indexOf("-->", opened) < 0) inComment = true;
    if (trimmed.startsWith("<!--")) continue;
    // Four spaces or a tab make an indented code block; `>` a quote.
    if (trimmed.startsWith(">")) inQuote = true;
    if (/^( {4}|\t)/.test(raw) || inQuote) continue;
    const command = parseLine(trimmed);
    if (command) commands.push(command);
  }
  return commands;
}

function parseLine(line: string): VoteCommand | null {
  const words = line.split(/\s+/);
  if (words[0]?.toLowerCase() !== "/vote") return null;
  const args = words.slice(1);
  const [first, second, ...rest] = args;
  if (first === undefined) return { kind: "start", type: null, subject: null };
  const word = first.toLowerCase();
  if (args.length === 1 && word in CHOICES) {
    const choice = CHOICES[word];
    if (choice) return { kind: "ballot", choice };
  }
  if (args.length === 1 && word === "cancel") return { kind: "cancel" };
  if (args.length === 1 && word === "status") return { kind: "status" };
  if (rest.length > 0) return { kind: "invalid", text: line, reason: "too many words" };
  if (!TYPE.test(first)) return { kind: "invalid", text: line, reason: `\`${first}\` is not a vote type` };
  if (second === undefined) return { kind: "start", type: word, subject: null };
  const subject = HANDLE.exec(second)?.[1];
  if (!subject || !second.startsWith("@"))
    return { kind: "invalid", text: line, reason: `the subject must be a GitHub handle like @octocat, not \`${second}\`` };
  return { kind: "start", type: word, subject };
}
