import { createHash, randomBytes, verify } from "node:crypto";
import type { Installation, Store } from "../model/store.js";
import { isRecord } from "../openapi/schema-doc.js";
import { ApiError } from "./route-types.js";

/**
 * How long an installation token lives, as on GitHub: "Installation tokens expire one hour from the time you create
 * them. Using an expired token produces a status code of `401 - Unauthorized`".
 * https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app
 */
export const TOKEN_TTL_MS = 3_600_000;

export type Caller = { kind: "app" } | { kind: "installation"; installation: Installation };

/**
 * Routes outside `/app` that take the app's JWT: finding the installation of
 * a repository. https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app
 */
const JWT_ROUTES: ReadonlySet<string> = new Set(["/repos/{owner}/{repo}/installation"]);

/**
 * GitHub App authentication as GitHub does it: routes under `/app` (and
 * JWT_ROUTES) take a JWT signed (RS256) with the app's private key, issued by
 * the app (`iss`), and valid for at most ten minutes; every other route takes
 * an installation token from `POST /app/installations/{id}/access_tokens`.
 * Anything else is 401. JWTs and tokens are timed by the wall clock, not the
 * sandbox clock: Octokit makes and caches them by `Date.now()`.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
 * ("signed using the RS256 algorithm"; `iss` the app's id; `exp` "no more than 10 minutes into the future").
 * The sandbox's `exp - iat <= 600` is stricter than that: a JWT with the recommended `iat` 60 s in the past and
 * `exp` 10 minutes ahead is refused here and accepted by GitHub. Octokit's (iat 30 s back, exp iat + 600) passes both.
 */
export class Auth {
  private readonly tokens = new Map<string, { installationId: number; expiresAt: number }>();

  constructor(private readonly store: Store) {}

  authenticate(params: { header: string | undefined; template: string | null }): Caller {
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(params.header ?? "");
    if (!match?.[1]) throw new ApiError({ status: 401, message: "Requires authentication" });
    const credential = match[1];
    if (params.template?.startsWith("/app") || JWT_ROUTES.has(params.template ?? "")) {
      this.verifyJwt(credential);
      return { kind: "app" };
    }
    const token = this.tokens.get(digest(credential));
    if (!token || token.expiresAt <= Date.now()) throw new ApiError({ status: 401, message: "Bad credentials" });
    const installation = this.store.installations.find((i) => i.id === token.installationId);
    if (!installation) throw new ApiError({ status: 401, message: "Bad credentials" });
    return { kind: "installation", installation };
  }

  /**
   * A new installation token, as `ghs_…`; a suspended installation gets none: "When a GitHub App is suspended, the
   * app's access to the GitHub API or webhook events is blocked for that account."
   * https://docs.github.com/rest/apps/apps#suspend-an-app-installation
   */
  issueToken(installation: Installation): { token: string; expiresAt: string } {
    if (installation.suspendedAt) throw new ApiError({ status: 403, message: "This installation has been suspended" });
    const token = `ghs_${randomBytes(18).toString("hex")}`;
    const expiresAt = Date.now() + TOKEN_TTL_MS;
    this.tokens.set(digest(token), { installationId: installation.id, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z") };
  }

  private verifyJwt(jwt: string): void {
    const invalid = (why: string) => new ApiError({ status: 401, message: `A JSON web token could not be decoded: ${why}` });
    const [header, payload, signature] = jwt.split(".");
    if (!header || !payload || !signature) throw invalid("not a JWT");
    const head = decodePart(header);
    const claims = decodePart(payload);
    if (head?.alg !== "RS256") throw invalid("the algorithm must be RS256");
    const ok = verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), this.store.app.publicKey, Buffer.from(signature, "base64url"));
    if (!ok || !claims) throw invalid("the signature does not match the app's public key");
    if (String(claims.iss) !== String(this.store.app.id))
      throw new ApiError({ status: 401, message: `'Issuer' claim ('iss') must be the app's id, ${this.store.app.id}` });
    const now = Math.floor(Date.now() / 1000);
    const iat = typeof claims.iat === "number" ? claims.iat : NaN;
    const exp = typeof claims.exp === "number" ? claims.exp : NaN;
    if (!(iat <= now + 60)) throw new ApiError({ status: 401, message: "'Issued at' claim ('iat') must be an Integer representing a time in the past." });
    if (!(exp > now) || exp - iat > 600)
      throw new ApiError({ status: 401, message: "'Expiration time' claim ('exp') is too far in the future or in the past" });
  }
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/** Tokens are kept by digest only, like any credential store. */
function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
