/**
 * The app id of "GitHub Actions": comments and check runs written with a
 * workflow's GITHUB_TOKEN are authored by github-actions[bot] and carry it
 * (`performed_via_github_app.id`, `app.id`), so it is how Gavel recognises
 * its own writes in Actions mode.
 */
export const GITHUB_ACTIONS_APP_ID = 15368;

/**
 * Shortest GAVEL_SECRET accepted. Markers are public and their key is derived
 * from the secret without a salt, so a short secret could be guessed offline
 * and markers forged; `openssl rand -hex 32` gives 64 characters.
 */
export const MIN_SECRET_LENGTH = 32;

/** The runner variables the adapter needs; it only logs (and the job passes) when one is missing. */
const RUNNER_VARIABLES = ["GITHUB_RUN_ID", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_REPOSITORY"] as const;

/**
 * Each setting and where it may come from, first found wins: the variable a
 * workflow step sets in `env:` (`node lib/actions/main.js`), or the input of
 * Gavel's Action (action.yml), which the runner hands over as `INPUT_<ID>`,
 * the id upper-cased and spaces replaced by `_`
 * (docs.github.com/actions/reference/workflows-and-actions/metadata-syntax#inputs).
 * The token's names are those @probot/adapter-github-actions reads, in its order.
 */
export const SETTING_SOURCES = {
  token: ["GITHUB_TOKEN", "INPUT_GITHUB_TOKEN", "INPUT_TOKEN"],
  secret: ["GAVEL_SECRET", "INPUT_SECRET"],
  previousSecrets: ["GAVEL_SECRET_PREVIOUS", "INPUT_PREVIOUS-SECRETS"],
  appId: ["GAVEL_APP_ID", "INPUT_APP-ID"],
} as const;

/** The first of `names` set to something other than blanks, or "". */
function setting(params: { env: NodeJS.ProcessEnv; names: readonly string[] }): string {
  for (const name of params.names) {
    const value = params.env[name] ?? "";
    if (value.trim() !== "") return value;
  }
  return "";
}

export interface ActionsSettings {
  /** Whose comments and check runs are Gavel's own: GitHub Actions unless GAVEL_APP_ID says otherwise. */
  appId: number;
  /** Signs Gavel's state markers: the repository secret GAVEL_SECRET. */
  secret: string;
  /** Secrets used before a rotation (GAVEL_SECRET_PREVIOUS, comma-separated): markers they signed still verify. */
  previousSecrets: string[];
  /** The repository the workflow runs in (GITHUB_REPOSITORY): the only one a GITHUB_TOKEN can write, so the sweep's scope. */
  repository: { owner: string; repo: string };
}

/**
 * Reads Gavel's Actions-mode settings from a job's environment. It throws,
 * naming every problem at once, rather than fall back to a default secret
 * (anyone could then forge Gavel's state) or let the adapter skip the event
 * while the job reports success.
 */
export function readActionsSettings(params: { env: NodeJS.ProcessEnv }): ActionsSettings {
  const { env } = params;
  const problems: string[] = [];
  const secret = setting({ env, names: SETTING_SOURCES.secret });
  if (secret === "")
    problems.push(
      "GAVEL_SECRET is not set: add a repository secret GAVEL_SECRET (e.g. `openssl rand -hex 32`) and pass it to Gavel's Action as `with: secret: ${{ secrets.GAVEL_SECRET }}` (or to `node lib/actions/main.js` as `env: GAVEL_SECRET: ${{ secrets.GAVEL_SECRET }}`)",
    );
  else if (secret.length < MIN_SECRET_LENGTH)
    problems.push(`GAVEL_SECRET is too short: it signs Gavel's state and needs at least ${MIN_SECRET_LENGTH} characters`);
  const previousSecrets = setting({ env, names: SETTING_SOURCES.previousSecrets })
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (previousSecrets.some((s) => s.length < MIN_SECRET_LENGTH))
    problems.push(`GAVEL_SECRET_PREVIOUS: each secret needs at least ${MIN_SECRET_LENGTH} characters`);
  const rawAppId = setting({ env, names: SETTING_SOURCES.appId });
  const appId = rawAppId === "" ? GITHUB_ACTIONS_APP_ID : Number(rawAppId);
  if (!Number.isInteger(appId) || appId <= 0) problems.push(`GAVEL_APP_ID must be a positive whole number, not "${rawAppId}"`);
  const missing: string[] = RUNNER_VARIABLES.filter((name) => (env[name] ?? "") === "");
  if (setting({ env, names: SETTING_SOURCES.token }) === "") missing.unshift("GITHUB_TOKEN");
  if (missing.length > 0)
    problems.push(
      `${missing.join(", ")} not set: run Gavel in a GitHub Actions job and pass \`GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}\` (or use Gavel's Action, whose \`token\` input defaults to it)`,
    );
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? "").split("/");
  if (!missing.includes("GITHUB_REPOSITORY") && (!owner || !repo || rest.length > 0))
    problems.push(`GITHUB_REPOSITORY must read "owner/name", not "${env.GITHUB_REPOSITORY}"`);
  if (problems.length > 0 || !owner || !repo) throw new Error(`Gavel can't run in GitHub Actions:\n- ${problems.join("\n- ")}`);
  return { appId, secret, previousSecrets, repository: { owner, repo } };
}
