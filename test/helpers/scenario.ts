import nock from "nock";
import type { Probot } from "probot";
import { FakeGitHub, type FakeState } from "./fake-github.js";
import type { GavelRuntime } from "../../src/app.js";
import { ManualTimers } from "./manual-timers.js";
import { deliver, testProbot, type HttpHandler } from "./probot.js";
import { TEST_PRIVATE_KEY } from "./private-key.js";

export const MAINTAINERS_MD = `# Maintainers

| Name | GitHub | Affiliation |
| --- | --- | --- |
| Alice | @alice | [Acme](https://github.com/acme) |
| Bob | @bob | Acme |
| Carol | @carol | Initech |
| Dave | @dave | Initech |
| Erin | @erin | Globex |
| Frank | @frank | Globex |
| Grace | @grace | Hooli |

## Emeritus

| Name | GitHub |
| --- | --- |
| Oscar | @oscar |
`;

export const HEAD_SHA = "aaaaaaa000000000000000000000000000000001";

export function baseState(overrides: Partial<FakeState> = {}): FakeState {
  return {
    owner: "acme",
    repo: "widgets",
    defaultBranch: "main",
    files: { "MAINTAINERS.md": MAINTAINERS_MD },
    headFiles: {},
    orgConfig: null,
    orgInstalled: false,
    teams: {},
    pr: {
      number: 7,
      state: "open",
      draft: false,
      headSha: HEAD_SHA,
      author: { login: "outsider", type: "User" },
      labels: [],
      changedFiles: [{ filename: "GOVERNANCE.md", status: "modified" }],
    },
    reviews: [],
    comments: [],
    checkRuns: [],
    compares: {},
    failures: [],
    ...overrides,
  };
}

/** A clock tests move by hand. */
export class Clock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

export interface Scenario {
  github: FakeGitHub;
  probot: Probot;
  runtime: GavelRuntime;
  timers: ManualTimers;
  handlers: HttpHandler[];
  clock: Clock;
  /** Fires the timers due by the clock and waits for the evaluations they start. */
  tick: () => Promise<number>;
  /** Delivers a webhook to the app, as GitHub would. */
  receive: (event: { id: string; name: string; payload: object }) => Promise<void>;
}

export async function scenario(params: { state?: FakeState; start?: string; sweepToken?: string; clock?: Clock; github?: FakeGitHub } = {}): Promise<Scenario> {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  const clock = params.clock ?? new Clock(new Date(params.start ?? "2026-11-22T10:00:00Z"));
  const github = params.github ?? new FakeGitHub(params.state ?? baseState(), clock.now);
  const timers = new ManualTimers(clock.now);
  const { probot, runtime, handlers } = await testProbot({ now: clock.now, timers, sweepToken: params.sweepToken ?? null, privateKey: TEST_PRIVATE_KEY });
  const tick = () => timers.fireDue(() => runtime.scheduler().idle());
  return { github, probot, runtime, timers, handlers, clock, tick, receive: (event) => deliver({ probot, event }) };
}

export function resetNock(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}
