/**
 * A small Dockerfile parser, enough to lint Gavel's Dockerfile where no
 * Docker engine runs. It follows the reference
 * (https://docs.docker.com/reference/dockerfile/): `\` continues a line,
 * comment lines are dropped even inside a continuation, `--flag=value`
 * options lead an instruction, JSON arrays are the exec form, and `${VAR}`
 * in FROM takes the default of an ARG declared before the first FROM.
 */

export interface Instruction {
  /** Upper-cased: FROM, RUN, COPY... */
  keyword: string;
  /** Leading `--name=value` options; a bare `--name` has the value "". */
  flags: Record<string, string>;
  /** The text after the keyword and its flags. */
  rest: string;
  /** `rest` as a JSON array of strings (exec form), or null (shell form). */
  exec: string[] | null;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Stage {
  index: number;
  name: string | null;
  /** The base image, with global ARG defaults substituted. */
  image: string;
  /** The instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string>;
  stages: Stage[];
}

/** Instructions whose leading `--` tokens are options rather than part of the command. */
const FLAGGED = new Set(["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]);

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const instruction of logicalLines(text).map(toInstruction)) {
    if (instruction.keyword === "FROM") {
      const [image = "", as, name] = instruction.rest.split(/\s+/);
      if (as !== undefined && (as.toUpperCase() !== "AS" || name === undefined))
        throw new Error(`line ${instruction.line}: FROM ${instruction.rest}: expected \`FROM image [AS name]\``);
      stages.push({ index: stages.length, name: name ?? null, image: substitute({ text: image, values: globalArgs }), instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== "ARG") throw new Error(`line ${instruction.line}: only ARG may come before the first FROM, not ${instruction.keyword}`);
      for (const [key, value] of Object.entries(parseAssignments(instruction.rest))) globalArgs[key] = value;
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

/** `ENV A=1 B="two words"` and the legacy `ENV A value` as key-value pairs; ARG without `=` has "". */
export function parseAssignments(rest: string): Record<string, string> {
  const words = splitWords(rest);
  const first = words[0] ?? "";
  if (words.length > 0 && !first.includes("=")) {
    const legacy = /^(\S+)\s+(.*)$/s.exec(rest.trim());
    return legacy ? { [first]: unquote(legacy[2] ?? "") } : { [first]: "" };
  }
  const pairs: Record<string, string> = {};
  for (const word of words) {
    const at = word.indexOf("=");
    pairs[word.slice(0, at)] = unquote(word.slice(at + 1));
  }
  return pairs;
}

/** Joins continued lines and drops comments and blank lines; each result starts an instruction. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const result: Array<{ text: string; line: number }> = [];
  let current: { text: string; line: number } | null = null;
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const continues = /\\\s*$/.test(raw);
    const part = (continues ? raw.replace(/\\\s*$/, "") : raw).trim();
    if (current === null) current = { text: part, line: i + 1 };
    else current.text = `${current.text} ${part}`;
    if (!continues) {
      result.push(current);
      current = null;
    }
  }
  if (current !== null) throw new Error(`line ${current.line}: the file ends inside a continued line`);
  return result;
}

function toInstruction(source: { text: string; line: number }): Instruction {
  const match = /^(\S+)\s*(.*)$/s.exec(source.text);
  const keyword = (match?.[1] ?? "").toUpperCase();
  let rest = match?.[2] ?? "";
  const flags: Record<string, string> = {};
  if (FLAGGED.has(keyword)) {
    for (let flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest); flag; flag = /^--([\w-]+)(?:=(\S*))?\s*/.exec(rest)) {
      flags[flag[1] ?? ""] = flag[2] ?? "";
      rest = rest.slice(flag[0].length);
    }
  }
  return { keyword, flags, rest, exec: execForm(rest), line: source.line };
}

function execForm(rest: string): string[] | null {
  if (!rest.startsWith("[")) return null;
  try {
    const parsed: unknown = JSON.parse(rest);
    return Array.isArray(parsed) && parsed.every((item): item is string => typeof item === "string") ? parsed : null;
  } catch {
    return null;
  }
}

/** Words separated by unquoted whitespace; quotes stay on the word. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === "\\" && i + 1 < text.length) {
      word += c + (text[++i] ?? "");
    } else if (quote !== null) {
      word += c;
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      word += c;
    } else if (/\s/.test(c)) {
      if (word !== "") words.push(word);
      word = "";
    } else {
      word += c;
    }
  }
  if (word !== "") words.push(word);
  return words;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

function substitute(params: { text: string; values: Record<string, string> }): string {
  return params.text.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (whole, braced: string | undefined, bare: string | undefined) => params.values[braced ?? bare ?? ""] ?? whole,
  );
}
