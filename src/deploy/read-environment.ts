import { parseDuration } from "../config/duration.js";

/** The sweep's interval when SWEEP_INTERVAL is unset. */
export const DEFAULT_SWEEP_INTERVAL = "15m";

/** Probot's built-in webhook secret: public, so anyone could sign webhooks (and Gavel's state) with it. */
const PROBOT_DEVELOPMENT_SECRET = "development";

/** A shorter sweep token is guessable, and each sweep costs one search per installation. */
export const MIN_SWEEP_TOKEN_LENGTH = 16;

/** What Gavel needs from the environment; the fields are `createGavel`'s options of the same names. */
export interface GavelEnvironment {
  appId: number;
  secret: string;
  previousSecrets: string[];
  sweepIntervalMs: number;
  sweepToken: string | null;
  /** Unset: createGavel's default. */
  sweepLookbackMs?: number;
}

export type EnvironmentResult = { ok: true; config: GavelEnvironment; warnings: string[] } | { ok: false; problems: string[] };

/**
 * Reads and checks Gavel's environment, reporting every problem at once so
 * that one restart fixes them all. Refuses what would start Gavel unsafely:
 * no app id or private key, no webhook secret or Probot's public
 * "development" one (webhooks and Gavel's signed state would be forgeable),
 * and, in production, a smee.io webhook proxy. PRIVATE_KEY / PRIVATE_KEY_PATH
 * must be named explicitly: Probot's fallback of the only `*.pem` file in the
 * working directory is not accepted. Pure: the caller passes `process.env`.
 */
export function readEnvironment(env: Readonly<Record<string, string | undefined>>): EnvironmentResult {
  const problems: string[] = [];
  const warnings: string[] = [];
  const value = (name: string): string => (env[name] ?? "").trim();

  const appIdText = value("APP_ID");
  const appId = /^\d+$/.test(appIdText) ? Number(appIdText) : Number.NaN;
  if (appIdText === "") problems.push("APP_ID is not set: set it to the GitHub App's numeric id (the app's settings page, \"App ID\")");
  else if (!Number.isSafeInteger(appId) || appId <= 0)
    problems.push(`APP_ID is \`${appIdText}\`: it must be the GitHub App's numeric id, a positive whole number`);

  if (value("PRIVATE_KEY") === "" && value("PRIVATE_KEY_PATH") === "") {
    problems.push(
      "neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set: give the GitHub App's private key, as the contents of its .pem file (PRIVATE_KEY) or as the file's path (PRIVATE_KEY_PATH)",
    );
  }

  const secret = env.WEBHOOK_SECRET ?? "";
  if (secret.trim() === "")
    problems.push("WEBHOOK_SECRET is not set: set it to the GitHub App's webhook secret (it also keys the signature of Gavel's state markers)");
  else if (secret === PROBOT_DEVELOPMENT_SECRET)
    problems.push(
      `WEBHOOK_SECRET is Probot's public default \`${PROBOT_DEVELOPMENT_SECRET}\`: anyone could sign webhooks and forge Gavel's state with it; set the GitHub App's own webhook secret`,
    );

  const previousSecrets = (env.WEBHOOK_SECRET_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (previousSecrets.includes(PROBOT_DEVELOPMENT_SECRET))
    problems.push(`WEBHOOK_SECRET_PREVIOUS lists Probot's public default \`${PROBOT_DEVELOPMENT_SECRET}\`: state signed with it could be forged; remove it`);

  const intervalText = value("SWEEP_INTERVAL") === "" ? DEFAULT_SWEEP_INTERVAL : value("SWEEP_INTERVAL");
  const interval = parseDuration(intervalText);
  if (!interval.ok) problems.push(`SWEEP_INTERVAL: ${interval.message}`);

  const lookbackText = value("SWEEP_LOOKBACK");
  const lookback = lookbackText === "" ? null : parseDuration(lookbackText);
  if (lookback && !lookback.ok) problems.push(`SWEEP_LOOKBACK: ${lookback.message}`);

  const sweepToken = value("SWEEP_TOKEN");
  if (sweepToken !== "" && sweepToken.length < MIN_SWEEP_TOKEN_LENGTH) {
    problems.push(
      `SWEEP_TOKEN has ${sweepToken.length} characters: use at least ${MIN_SWEEP_TOKEN_LENGTH} random ones (e.g. \`openssl rand -hex 32\`), or unset it to turn POST /gavel/sweep off`,
    );
  }
  if (interval.ok && interval.ms === 0 && sweepToken === "") {
    warnings.push(
      "SWEEP_INTERVAL is 0 and SWEEP_TOKEN is unset: nothing runs the reconcile sweep, so a deadline missed while Gavel was down waits for the item's next webhook",
    );
  }

  const proxy = value("WEBHOOK_PROXY_URL");
  if (proxy !== "") {
    if (value("NODE_ENV") === "production")
      problems.push(
        `WEBHOOK_PROXY_URL is set (${proxy}) with NODE_ENV=production: Probot would relay webhooks through a smee.io channel, a development tool; unset it and point the app's webhook URL at Gavel`,
      );
    else warnings.push(`WEBHOOK_PROXY_URL is set: Probot relays webhooks from ${proxy} (smee.io), for development only`);
  }

  if (problems.length > 0 || !interval.ok || (lookback && !lookback.ok)) return { ok: false, problems };
  const config: GavelEnvironment = { appId, secret, previousSecrets, sweepIntervalMs: interval.ms, sweepToken: sweepToken === "" ? null : sweepToken };
  if (lookback) config.sweepLookbackMs = lookback.ms;
  return { ok: true, config, warnings };
}
