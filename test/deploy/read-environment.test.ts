import { describe, expect, it } from "@jest/globals";
import { MINUTE_MS } from "../../src/config/duration.js";
import { readEnvironment } from "../../src/deploy/read-environment.js";

type Env = Record<string, string | undefined>;

/** The least environment Gavel starts with. */
const GOOD: Env = { APP_ID: "123456", PRIVATE_KEY_PATH: "/run/secrets/gavel.pem", WEBHOOK_SECRET: "s3cret-from-the-app-settings" };

describe("readEnvironment accepts", () => {
  it.each<[string, Env, object]>([
    [
      "the least environment, with the defaults",
      {},
      { appId: 123456, secret: "s3cret-from-the-app-settings", previousSecrets: [], sweepIntervalMs: 15 * MINUTE_MS, sweepToken: null },
    ],
    [
      "the key as contents instead of a path",
      { PRIVATE_KEY_PATH: undefined, PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----" },
      { appId: 123456 },
    ],
    ["an APP_ID with spaces around it", { APP_ID: " 42 " }, { appId: 42 }],
    ["a sweep interval", { SWEEP_INTERVAL: "1h" }, { sweepIntervalMs: 60 * MINUTE_MS }],
    ["an empty sweep interval as the default", { SWEEP_INTERVAL: "" }, { sweepIntervalMs: 15 * MINUTE_MS }],
    ["a sweep lookback", { SWEEP_LOOKBACK: "6h" }, { sweepLookbackMs: 360 * MINUTE_MS }],
    [
      "the sweep loop turned off, with the endpoint on",
      { SWEEP_INTERVAL: "0", SWEEP_TOKEN: "0123456789abcdef" },
      { sweepIntervalMs: 0, sweepToken: "0123456789abcdef" },
    ],
    ["an empty sweep token as the endpoint off", { SWEEP_TOKEN: "" }, { sweepToken: null }],
    [
      "previous secrets, comma-separated, trimmed, empty entries dropped",
      { WEBHOOK_SECRET_PREVIOUS: "old-one, older-one,," },
      { previousSecrets: ["old-one", "older-one"] },
    ],
  ])("%s", (_name, overrides, expected) => {
    const result = readEnvironment({ ...GOOD, ...overrides });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.config).toMatchObject(expected);
  });

  it("keeps the webhook secret exactly as given", () => {
    const result = readEnvironment({ ...GOOD, WEBHOOK_SECRET: " spaced " });
    expect(result.ok && result.config.secret).toBe(" spaced ");
  });
});

describe("readEnvironment warns, and starts, when", () => {
  it.each<[string, Env, RegExp]>([
    ["nothing runs the sweep", { SWEEP_INTERVAL: "0" }, /nothing runs the reconcile sweep/],
    [
      "a smee proxy is asked for outside production",
      { WEBHOOK_PROXY_URL: "https://smee.io/abc" },
      /relays webhooks from https:\/\/smee\.io\/abc.*development only/,
    ],
  ])("%s", (_name, overrides, warning) => {
    const result = readEnvironment({ ...GOOD, ...overrides });
    expect(result.ok).toBe(true);
    expect(result.ok ? result.warnings : []).toEqual([expect.stringMatching(warning)]);
  });

  it("gives no warning for a complete environment", () => {
    expect(readEnvironment({ ...GOOD, NODE_ENV: "production", SWEEP_TOKEN: "0123456789abcdef" })).toMatchObject({ ok: true, warnings: [] });
  });
});

describe("readEnvironment refuses", () => {
  it.each<[string, Env, RegExp]>([
    ["no APP_ID", { APP_ID: undefined }, /^APP_ID is not set/],
    ["an empty APP_ID", { APP_ID: "  " }, /^APP_ID is not set/],
    ["an APP_ID that is not a number", { APP_ID: "gavel" }, /^APP_ID is `gavel`: .*positive whole number/],
    ["an APP_ID of zero", { APP_ID: "0" }, /^APP_ID is `0`/],
    ["a negative APP_ID", { APP_ID: "-5" }, /^APP_ID is `-5`/],
    ["a fractional APP_ID", { APP_ID: "1.5" }, /^APP_ID is `1.5`/],
    ["an APP_ID in hexadecimal", { APP_ID: "0x10" }, /^APP_ID is `0x10`/],
    ["an APP_ID too large to be exact", { APP_ID: "99999999999999999999" }, /^APP_ID is `99999999999999999999`/],
    ["no private key", { PRIVATE_KEY_PATH: undefined }, /^neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set/],
    ["empty private key variables", { PRIVATE_KEY: "", PRIVATE_KEY_PATH: " " }, /^neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set/],
    ["no webhook secret", { WEBHOOK_SECRET: undefined }, /^WEBHOOK_SECRET is not set/],
    ["a blank webhook secret", { WEBHOOK_SECRET: "   " }, /^WEBHOOK_SECRET is not set/],
    ["Probot's development secret", { WEBHOOK_SECRET: "development" }, /^WEBHOOK_SECRET is Probot's public default `development`/],
    [
      "Probot's development secret as a previous one",
      { WEBHOOK_SECRET_PREVIOUS: "old, development" },
      /^WEBHOOK_SECRET_PREVIOUS lists Probot's public default/,
    ],
    ["a sweep interval that is not a duration", { SWEEP_INTERVAL: "often" }, /^SWEEP_INTERVAL: `often` is not a duration/],
    ["a sweep interval without a unit", { SWEEP_INTERVAL: "15" }, /^SWEEP_INTERVAL: `15` has no unit/],
    ["a sweep lookback that is not a duration", { SWEEP_LOOKBACK: "a while" }, /^SWEEP_LOOKBACK: `a while` is not a duration/],
    ["a short sweep token", { SWEEP_TOKEN: "letmein" }, /^SWEEP_TOKEN has 7 characters: use at least 16/],
    [
      "a smee proxy in production",
      { NODE_ENV: "production", WEBHOOK_PROXY_URL: "https://smee.io/abc" },
      /^WEBHOOK_PROXY_URL is set \(https:\/\/smee\.io\/abc\) with NODE_ENV=production/,
    ],
  ])("%s", (_name, overrides, problem) => {
    expect(readEnvironment({ ...GOOD, ...overrides })).toEqual({ ok: false, problems: [expect.stringMatching(problem)] });
  });

  it("lists every problem at once", () => {
    const result = readEnvironment({ SWEEP_INTERVAL: "soon" });
    expect(result.ok ? [] : result.problems.map((p) => p.split(" ")[0])).toEqual(["APP_ID", "neither", "WEBHOOK_SECRET", "SWEEP_INTERVAL:"]);
  });
});
