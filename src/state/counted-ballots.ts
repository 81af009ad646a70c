import type { Choice } from "../commands/parse-vote-commands.js";
import { normalizeLogin } from "../policy/same-login.js";
import type { Login } from "../policy/types.js";
import type { CountedBallot } from "../policy/vote-types.js";

/**
 * The ballots a vote counted, as its signed marker keeps them: one entry per
 * voter, in the electorate's order (so no login is written twice), `.` for a
 * voter without one, else the choice's letter (`Y`, `N`, `A`) and the ballot
 * comment's id in base 36 (lower case, so never mistaken for a letter).
 * `..Y1a2b3cN1a2b3d.` is five voters: none, none, yes in comment 1a2b3c
 * (base 36), no in 1a2b3d, none. Every voter costs one character, and one
 * with a ballot at most 1 + 11 more (Number.MAX_SAFE_INTEGER in base 36).
 */
const LETTER: Record<Choice, string> = { yes: "Y", no: "N", abstain: "A" };
const CHOICE: Record<string, Choice> = { Y: "yes", N: "no", A: "abstain" };
const NONE = ".";
const ENTRY = /([YNA])([0-9a-z]+)|\./y;

export function encodeCounted(params: { electorate: Login[]; counted: CountedBallot[] }): string {
  const byVoter = new Map(params.counted.map((c) => [normalizeLogin(c.voter), c]));
  return params.electorate
    .map((login) => {
      const ballot = byVoter.get(normalizeLogin(login));
      return ballot ? `${LETTER[ballot.choice]}${ballot.commentId.toString(36)}` : NONE;
    })
    .join("")
    .replace(/\.+$/, "");
}

/** The counted ballots `text` names, or null when it is not what encodeCounted writes for this electorate. */
export function decodeCounted(params: { electorate: Login[]; text: string }): CountedBallot[] | null {
  const counted: CountedBallot[] = [];
  ENTRY.lastIndex = 0;
  let index = 0;
  while (ENTRY.lastIndex < params.text.length) {
    const start = ENTRY.lastIndex;
    const match = ENTRY.exec(params.text);
    const voter = params.electorate[index];
    if (!match || match.index !== start || voter === undefined) return null;
    const [, letter, id] = match;
    const choice = letter === undefined ? undefined : CHOICE[letter];
    if (choice && id !== undefined) {
      const commentId = Number.parseInt(id, 36);
      if (!Number.isSafeInteger(commentId)) return null;
      counted.push({ voter, choice, commentId });
    }
    index++;
  }
  return counted;
}
