import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SandboxClock, Store, type Account, type AppIdentity } from "./model/store.js";
import { RestDescription } from "./openapi/rest-description.js";
import { WebhookDescription } from "./openapi/webhook-description.js";
import { appRoutes } from "./routes/app-routes.js";
import { teamRoutes } from "./routes/team-routes.js";
import { hookRoutes } from "./routes/hook-routes.js";
import { checkRoutes } from "./routes/check-routes.js";
import { issueRoutes } from "./routes/issue-routes.js";
import { pullRoutes } from "./routes/pull-routes.js";
import { repoRoutes } from "./routes/repo-routes.js";
import { gitRoutes } from "./routes/git-routes.js";
import type { RouteContext } from "./routes/route-context.js";
import { ApiServer } from "./server/api-server.js";
import { Auth } from "./server/auth.js";
import { Faults, RequestCounter } from "./server/faults.js";
import { Presenter } from "./shapes/presenter.js";
import { DeliveryQueue } from "./webhooks/deliveries.js";
import { GitHubEvents } from "./webhooks/events.js";

export interface SandboxOptions {
  /** The app GitHub knows: its id, the public half of its key, its webhook secret and subscribed events. */
  app: { id: number; slug: string; name: string; publicKey: string; webhookSecret: string; events: string[] };
  /** Where the sandbox clock starts. */
  start: Date;
  /** Called for everything the sandbox can't serve faithfully (501s, 422s, shapes off the description); defaults to stderr. */
  onProblem?: (message: string) => void;
}

/**
 * A local GitHub for one app: an in-memory REST API on 127.0.0.1 (a random
 * port) and signed webhook deliveries to the app. For development and tests
 * only; the production app never loads it.
 */
export class Sandbox {
  /** Everything reported through `onProblem`, so tests can assert there was nothing. */
  readonly problems: string[];
  /** The API's base URL, e.g. http://127.0.0.1:43121. */
  readonly url: string;
  readonly store: Store;
  /** API requests by route. */
  readonly counter: RequestCounter;
  readonly faults: Faults;
  readonly deliveries: DeliveryQueue;
  readonly events: GitHubEvents;
  readonly presenter: Presenter;
  /** Who may call the API: the app's JWTs and the installation tokens it issued. */
  readonly auth: Auth;
  private readonly server: Server;

  private constructor(parts: {
    problems: string[];
    server: Server;
    url: string;
    store: Store;
    counter: RequestCounter;
    faults: Faults;
    deliveries: DeliveryQueue;
    events: GitHubEvents;
    presenter: Presenter;
    auth: Auth;
  }) {
    this.problems = parts.problems;
    this.server = parts.server;
    this.url = parts.url;
    this.store = parts.store;
    this.counter = parts.counter;
    this.faults = parts.faults;
    this.deliveries = parts.deliveries;
    this.events = parts.events;
    this.presenter = parts.presenter;
    this.auth = parts.auth;
  }

  static async start(options: SandboxOptions): Promise<Sandbox> {
    const problems: string[] = [];
    const problem = (message: string): void => {
      problems.push(message);
      (options.onProblem ?? ((m: string) => process.stderr.write(`[sandbox] ${m}\n`)))(message);
    };
    const clock = new SandboxClock(options.start);
    const created = clock.iso();
    const owner: Account = { login: `${options.app.slug}-owner`, id: 1, type: "Organization" };
    const app: AppIdentity = {
      id: options.app.id,
      slug: options.app.slug,
      name: options.app.name,
      owner,
      bot: { login: `${options.app.slug}[bot]`, id: 2, type: "Bot" },
      publicKey: options.app.publicKey,
      webhookSecret: options.app.webhookSecret,
      webhookUrl: null,
      events: options.app.events,
      createdAt: created,
    };
    const store = new Store({ clock, app });
    const description = RestDescription.load();
    const webhooks = WebhookDescription.load();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!isAddress(address)) throw new Error("the sandbox server has no TCP address");
    const url = `http://127.0.0.1:${address.port}`;
    const presenter = new Presenter({ store, api: url });
    const deliveries = new DeliveryQueue({ app, clock });
    const events = new GitHubEvents({ store, presenter, description: webhooks, queue: deliveries, problem });
    const auth = new Auth(store);
    const ctx: RouteContext = { store, presenter, events, auth, problem };
    const routes = {
      ...repoRoutes(ctx),
      ...gitRoutes(ctx),
      ...pullRoutes(ctx),
      ...issueRoutes(ctx),
      ...checkRoutes(ctx),
      ...appRoutes(ctx),
      ...teamRoutes(ctx),
      ...hookRoutes({ deliveries, now: store.clock.now }),
    };
    const counter = new RequestCounter();
    const faults = new Faults();
    const api = new ApiServer({ store, description, routes, auth, faults, counter, base: url, problem });
    server.on("request", (req, res) => void api.handle({ req, res }));
    return new Sandbox({ problems, server, url, store, counter, faults, deliveries, events, presenter, auth });
  }

  /** Where deliveries go: the app's webhook URL. */
  setWebhookUrl(url: string): void {
    this.store.app.webhookUrl = url;
  }

  async stop(): Promise<void> {
    await this.deliveries.idle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function isAddress(value: unknown): value is AddressInfo {
  return typeof value === "object" && value !== null && "port" in value;
}
