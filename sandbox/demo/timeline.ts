import type { LocalGavel } from "../gavel/local-gavel.js";
import type { CheckRun } from "../model/store.js";

/** One thread the timeline watches: a PR or an issue. */
export interface Watched {
  repo: string;
  number: number;
}

interface ThreadSnapshot {
  comments: Map<number, string>;
  labels: string[];
  check: { id: number; line: string; plain: string | null } | null;
}

const WIDTH = 100;

/**
 * Prints what each step of a story did, as the maintainers would see it on
 * GitHub: the check's state and title (with its threshold in words), each
 * comment Gavel wrote in full (an edited one by its first line), and the
 * labels it changed. `verbose` adds what a developer wants: the webhooks
 * delivered (Gavel's own events apart) and the API requests Gavel made,
 * counted by the sandbox per route.
 */
export class Timeline {
  private readonly watched: Watched[] = [];
  private count = 0;
  private totalRequests = 0;

  private readonly local: LocalGavel;
  private readonly write: (line: string) => void;

  private readonly verbose: boolean;

  constructor(params: { local: LocalGavel; write?: (line: string) => void; verbose?: boolean }) {
    this.local = params.local;
    this.write = params.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.verbose = params.verbose ?? false;
  }

  watch(thread: Watched): void {
    this.watched.push(thread);
  }

  get requests(): number {
    return this.totalRequests;
  }

  /** Runs the step's actions, settling Gavel after each, and prints what changed. */
  async step(params: { title: string; actions: Array<() => unknown> }): Promise<void> {
    const { local } = this;
    const github = local.github;
    github.resetRequestCounts();
    const before = new Map(this.watched.map((w) => [key(w), this.snapshot(w)]));
    const deliveriesBefore = github.deliveries().length;
    for (const action of params.actions) {
      await action();
      await local.settle();
    }
    this.count++;
    const stamp = `${github.now().toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const heading = `── ${this.count} · ${params.title} `;
    this.write("");
    this.write(`${heading}${"─".repeat(Math.max(2, WIDTH - heading.length - stamp.length - 1))} ${stamp}`);
    const deliveries = github.deliveries().slice(deliveriesBefore);
    const own = deliveries.filter((d) => d.sender === local.sandbox.store.app.bot.login);
    const people = deliveries.filter((d) => !own.includes(d));
    const name = (d: (typeof deliveries)[number]) =>
      unbreakable(`${d.event}${d.action ? `.${d.action}` : ""}${d.status === 200 ? "" : ` (${d.dropped ? "dropped" : (d.status ?? d.error)})`}`);
    if (this.verbose && people.length > 0) this.line({ label: "webhooks", text: people.map(name).join(", ") });
    if (this.verbose && own.length > 0) this.line({ label: "", text: `Gavel's own writes came back as ${own.map(name).join(", ")} (ignored)` });
    for (const w of this.watched) {
      const after = this.snapshot(w);
      if (after) this.diff({ thread: w, before: before.get(key(w)) ?? null, after });
    }
    const counts = github.requestCounts();
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    this.totalRequests += total;
    const parts = Object.entries(counts).map(([route, n]) => unbreakable(`${shortRoute(route)}${n > 1 ? ` ×${n}` : ""}`));
    if (this.verbose) this.line({ label: "API", text: total === 0 ? "no requests" : `${total} request${total === 1 ? "" : "s"}: ${parts.join(", ")}` });
  }

  private diff(params: { thread: Watched; before: ThreadSnapshot | null; after: ThreadSnapshot }): void {
    const { thread, before, after } = params;
    const tag = `#${thread.number}`;
    if (after.check && (before?.check?.line !== after.check.line || before.check.id !== after.check.id)) {
      this.line({
        label: "check",
        text: `${tag} ${after.check.line}${this.verbose && before?.check && before.check.id !== after.check.id ? "  (a new run)" : ""}`,
      });
      if (after.check.plain) this.line({ label: "", text: after.check.plain });
    }
    for (const [id, body] of after.comments) {
      const previous = before?.comments.get(id);
      if (previous === body) continue;
      if (previous !== undefined) {
        this.line({ label: "comment", text: `${tag} ✎ Gavel updates its comment: ${gist(body)}` });
        continue;
      }
      this.line({ label: "comment", text: `${tag} Gavel comments:` });
      for (const text of readable(body)) this.write(`             │ ${text}`.trimEnd());
    }
    const added = after.labels.filter((l) => !before?.labels.includes(l));
    const removed = (before?.labels ?? []).filter((l) => !after.labels.includes(l));
    if (added.length + removed.length > 0)
      this.line({ label: "labels", text: `${tag} ${[...added.map((l) => `+ ${l}`), ...removed.map((l) => `− ${l}`)].join(", ")}` });
  }

  /** What a thread shows now; null before it exists. */
  private snapshot(thread: Watched): ThreadSnapshot | null {
    const github = this.local.github;
    if (!github.exists(thread)) return null;
    const check: CheckRun | null = github.latestCheck(thread);
    return {
      comments: new Map(github.appComments(thread).map((c) => [c.id, c.body])),
      labels: github.labels(thread),
      check: check ? { id: check.id, line: checkLine(check), plain: plainThreshold(check) } : null,
    };
  }

  private line(params: { label: string; text: string }): void {
    const indent = `   ${params.label.padEnd(9)} `;
    const words = params.text.split(" ");
    let current = indent;
    for (const word of words) {
      if (current.length + word.length > WIDTH && current.trim() !== params.label) {
        this.write(current.trimEnd());
        current = `${" ".repeat(indent.length)}`;
      }
      current += `${word} `;
    }
    this.write(current.trimEnd());
  }
}

/** Keeps a phrase on one line when the timeline wraps. */
function unbreakable(text: string): string {
  return text.replace(/ /g, "\u00a0");
}

function key(w: Watched): string {
  return `${w.repo}#${w.number}`;
}

export function checkLine(check: CheckRun): string {
  const icon = check.status !== "completed" ? "⏳" : check.conclusion === "success" ? "✅" : "❌";
  const state = check.status === "completed" ? (check.conclusion ?? "completed") : check.status;
  return `${icon} ${state} · "${check.output.title ?? ""}"`;
}

/**
 * A waiting or passing check's threshold in words, from its title ("3 of 5
 * approvals") and the arithmetic in its summary ("= 5 of 7 eligible
 * maintainers"): "5 of 7 maintainers needed, 3 have approved". Null when the
 * check says no such thing.
 */
export function plainThreshold(check: CheckRun): string | null {
  const approved = /(\d+) of (\d+) approvals/.exec(check.output.title ?? "");
  const needed = /= (\d+) of (\d+) eligible maintainers/.exec(check.output.summary ?? "");
  if (!approved || !needed) return null;
  const [, yes] = approved;
  const [, required, n] = needed;
  return `${required} of ${n} maintainers needed, ${yes} ${yes === "1" ? "has" : "have"} approved (the author counts, when a maintainer)`;
}

/** A comment as a reader sees it: its lines, without hidden markers, blank runs folded. */
export function readable(body: string): string[] {
  return body
    .replace(/<!--[\s\S]*?-->/g, "")
    .trim()
    .split("\n")
    .filter((line, i, all) => line.trim() !== "" || (all[i - 1] ?? "").trim() !== "");
}

/** A comment's first meaningful line, without Markdown decoration or hidden markers. */
export function gist(body: string): string {
  const line =
    body
      .replace(/<!--[\s\S]*?-->/g, "")
      .split("\n")
      .map((l) =>
        l
          .replace(/^[#>\s*-]+/, "")
          .replace(/\*\*/g, "")
          .trim(),
      )
      .find((l) => l !== "") ?? "";
  return line.length > 110 ? `${line.slice(0, 109)}…` : line;
}

/** `GET /repos/{owner}/{repo}/pulls/{pull_number}/files` → `GET pulls/{n}/files`. */
export function shortRoute(route: string): string {
  return route
    .replace("/repos/{owner}/{repo}/", "")
    .replace(/\{[a-z_]*number\}/g, "{n}")
    .replace("app/installations/{installation_id}/access_tokens", "token");
}
