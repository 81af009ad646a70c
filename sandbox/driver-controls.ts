import type { CheckRun, Comment, Issue, Repo, Store } from "./model/store.js";
import type { Sandbox } from "./sandbox.js";
import type { FaultSpec, RequestRecord } from "./server/faults.js";
import type { Delivery, DropSpec } from "./webhooks/deliveries.js";

/**
 * The sandbox's side of the driver: its clock, injected faults, and reads of
 * what the app did (check runs, comments, labels, API requests, deliveries).
 * `GitHubDriver` adds what people do.
 */
export class SandboxControls {
  constructor(protected readonly deps: { sandbox: Sandbox; tickMs: number }) {}

  protected get store(): Store {
    return this.deps.sandbox.store;
  }

  now(): Date {
    return this.store.clock.now();
  }

  /** Moves the sandbox clock on; the app's timers fire when the harness settles (LocalGavel.advance). */
  advanceClock(ms: number): void {
    this.store.clock.advance(ms);
  }

  /** Sends later webhooks as that GitHub sends them (see Store.webhookDialect). */
  sendWebhooksAs(dialect: Store["webhookDialect"]): void {
    this.store.webhookDialect = dialect;
  }

  /** Injects a fault on a route as counted ("GET /repos/{owner}/{repo}/pulls/{pull_number}") or "*"; returns its removal. */
  injectFault(spec: FaultSpec): () => void {
    return this.deps.sandbox.faults.add(spec);
  }

  clearFaults(): void {
    this.deps.sandbox.faults.clear();
    this.deps.sandbox.deliveries.clearDrops();
  }

  /** Drops the next deliveries of an event ("pull_request_review" or "pull_request_review.submitted"). */
  dropDeliveries(spec: DropSpec): void {
    this.deps.sandbox.deliveries.dropDeliveries(spec);
  }

  /** Sends a delivery again: same X-GitHub-Delivery, same body. */
  redeliver(deliveryId: string): Delivery {
    return this.deps.sandbox.deliveries.redeliver(deliveryId);
  }

  /** Sends a delivery signed with the wrong secret. */
  forgeDelivery(params: { event: string; payload: unknown; secret: string }): Delivery {
    return this.deps.sandbox.deliveries.forge(params);
  }

  /**
   * How many deliveries may be in flight at once: 1 (the default) sends them
   * one at a time in the order they happened; more lets events on one item
   * overlap, as GitHub's do, since it promises no order.
   * https://docs.github.com/webhooks/using-webhooks/best-practices-for-using-webhooks
   */
  setDeliveryConcurrency(n: number): void {
    this.deps.sandbox.deliveries.concurrency = n;
  }

  deliveries(): Delivery[] {
    return this.deps.sandbox.deliveries.list();
  }

  /**
   * An installation token for an account, as the app would get from
   * `POST /app/installations/{id}/access_tokens`, without a request: for a
   * client that is handed a token, like a GitHub Actions job's GITHUB_TOKEN.
   */
  installationToken(params: { account: string }): string {
    const installation = this.store.installationFor(params.account);
    if (!installation) throw new Error(`the app is not installed on ${params.account}`);
    return this.deps.sandbox.auth.issueToken(installation).token;
  }

  /** API requests by "METHOD template" since the last reset. */
  requestCounts(): Record<string, number> {
    return this.deps.sandbox.counter.snapshot();
  }

  /** Requests since `resetRequestCounts()`, in order of start, with their answers' statuses. */
  requestLog(): RequestRecord[] {
    return this.deps.sandbox.counter.records();
  }

  /**
   * The longest chain of reads since the reset where each read started only
   * after the previous one ended: the sequential round trips a step cost.
   * Reads that overlap in time were issued in parallel and share a round.
   */
  readRounds(): number {
    const reads = this.requestLog().filter((r) => r.route.startsWith("GET "));
    const depth: number[] = [];
    reads.forEach((read, i) => {
      const before = reads.slice(0, i).flatMap((q, j) => (q.end !== null && q.end < read.start ? [depth[j] ?? 0] : []));
      depth.push(1 + Math.max(0, ...before));
    });
    return Math.max(0, ...depth);
  }

  resetRequestCounts(): void {
    this.deps.sandbox.counter.reset();
  }

  /** Every check run on the PR's current head, oldest first. */
  checkRuns(params: { repo: string; number: number }): CheckRun[] {
    const { repo, issue } = this.thread(params);
    const head = repo.branches.get(issue.pull?.headRef ?? "");
    return repo.checkRuns.filter((r) => r.headSha === head);
  }

  /** The check branch protection would read: the newest run of that name on the PR's head. */
  latestCheck(params: { repo: string; number: number; name?: string }): CheckRun | null {
    return (
      this.checkRuns(params)
        .filter((r) => r.name === (params.name ?? "governance"))
        .at(-1) ?? null
    );
  }

  comments(params: { repo: string; number: number }): Comment[] {
    return [...this.thread(params).issue.comments];
  }

  /** Comments the app made. */
  appComments(params: { repo: string; number: number }): Comment[] {
    return this.comments(params).filter((c) => c.viaApp);
  }

  labels(params: { repo: string; number: number }): string[] {
    return [...this.thread(params).issue.labels];
  }

  headSha(params: { repo: string; number: number }): string {
    const { repo, issue } = this.thread(params);
    return repo.branches.get(issue.pull?.headRef ?? "") ?? "";
  }

  exists(params: { repo: string; number: number }): boolean {
    return this.store.requireRepo(params.repo).issues.has(params.number);
  }

  private thread(params: { repo: string; number: number }): { repo: Repo; issue: Issue } {
    const repo = this.store.requireRepo(params.repo);
    return { repo, issue: this.store.requireIssue({ repo, number: params.number }) };
  }
}
