/**
 * The words that tell, in MAINTAINERS.md, who is not a current maintainer (docs/architecture.md, "Reading MAINTAINERS.md"):
 * in a heading or label they leave a whole section out, in a table row or list item they leave that entry out.
 * Every scan here walks its text once, with no regex that can backtrack over a long line.
 */

/** A status that says someone has left the maintainers. "On leave" is not one: they still are maintainers. */
const STATUS_WORDS = new Set("emeritus emeriti emerita emeritae alumni alumnus alumna alumnae former inactive retired".split(" "));
/** Matches wherever a status might be: a quick test before the words are read. */
const STATUS_HINT = /emerit|alum|former|inactive|retired|stepped/i;
/** Two-word statuses, by their first word. */
const STATUS_PHRASES = new Map([["stepped", new Set(["down", "back", "aside"])]]);
/**
 * More words that make a heading or label name former or non-maintainer people. An entry may say "past" or
 * "security" in a description ("past releases", "security fixes"), so those words only leave sections out.
 */
const SECTION_WORDS = new Set(
  (
    "past alum alums triage triager triagers reviewer reviewers contributor contributors committer committers " +
    "approver approvers security thank thanks acknowledgement acknowledgements acknowledgment acknowledgments " +
    "credits"
  ).split(" "),
);
/** Words that make a heading about maintainers a heading about a process ("Becoming a maintainer"). */
const PROCESS_WORDS = new Set(
  (
    "become becoming becomes add adding added remove removing removal nominate nominating nomination nominations " +
    "elect electing election elections select selecting selection responsibilities responsibility duties duty " +
    "process processes how guidelines expectations onboarding offboarding policy policies lifecycle inactivity"
  ).split(" "),
);

const isLetter = (c: string): boolean => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c > "\x7f" && /^\p{L}$/u.test(c));

/** The words of `text` as written, in order. Linear. */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  let from = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c !== undefined && isLetter(c)) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      out.push(text.slice(from, i));
      from = -1;
    }
  }
  return out;
}

/** The first status in `words` ("Emeritus", "stepped down"), as written; null when none. */
function statusOf(words: string[]): string | null {
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? "";
    const lower = word.toLowerCase();
    if (STATUS_WORDS.has(lower)) return word;
    const next = words[i + 1];
    if (next !== undefined && STATUS_PHRASES.get(lower)?.has(next.toLowerCase())) return `${word} ${next}`;
  }
  return null;
}

/**
 * The status an entry's text gives its people, as written ("Emeritus", "stepped down"); null when none.
 * Words inside handles, emails and links don't count: `@former-dev` and `github.com/retired-org` say nothing.
 */
export function statusIn(text: string): string | null {
  if (!STATUS_HINT.test(text)) return null;
  const kept = text.split(/\s+/).filter((token) => !token.includes("@") && !token.includes("://") && !token.includes("](") && !/github\.com/i.test(token));
  return statusOf(wordsOf(kept.join(" ")));
}

/** Whether a heading or label names former or non-maintainer people ("Emeritus", "Security contacts"). */
export function namesOthers(name: string): boolean {
  const words = wordsOf(name);
  const lower = words.map((w) => w.toLowerCase());
  return (
    statusOf(words) !== null || lower.some((w, i) => SECTION_WORDS.has(w) || (w === "initial" && (lower[i + 1] === "author" || lower[i + 1] === "authors")))
  );
}

/** Whether a heading names the current maintainers ("Maintainers", "Core maintainers", "KEDA Maintainers"). */
export function namesMaintainers(name: string): boolean {
  const lower = wordsOf(name).map((w) => w.toLowerCase());
  return lower.some((w) => w === "maintainer" || w === "maintainers") && !lower.some((w) => PROCESS_WORDS.has(w)) && !namesOthers(name);
}

/**
 * The clauses of a line that call someone a maintainer ("@a is the lead maintainer" in "@a is the lead
 * maintainer, the others are:"). Clauses end at ',', ';', a dash, or ':', '.', '!', '?' before a space, so
 * links stay whole.
 */
export function maintainerClauses(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    const ends = c === undefined || ",;—–".includes(c) || (":.!?".includes(c) && (next === undefined || /\s/.test(next)));
    if (!ends) continue;
    const clause = text.slice(from, i);
    if (wordsOf(clause).some((w) => /^maintainers?$/i.test(w))) out.push(clause);
    from = i + 1;
  }
  return out;
}
