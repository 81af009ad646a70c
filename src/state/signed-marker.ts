import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { MARKER_PREFIX } from "../constants.js";

/**
 * Gavel keeps its state in hidden markers inside its own comments (it has no
 * database). Anyone with write access can edit any comment, so each marker is
 * signed with an HMAC whose key is derived from the app's secret; a marker
 * that fails verification is reported as tampered and the item fails closed.
 *
 * Format: `<!-- gavel:KIND PAYLOAD.SIGNATURE -->`, both base64url. The payload
 * is JSON and names the thread it belongs to by GitHub's global id, which a
 * repository rename or transfer keeps, so a marker copied from another thread
 * doesn't verify there.
 */
export interface MarkerKey {
  /** The first key signs; every key verifies, so the secret can be rotated without voiding state. */
  readonly keys: readonly Buffer[];
}

export function deriveMarkerKey(params: { secret: string; previousSecrets?: string[] }): MarkerKey {
  const secrets = [params.secret, ...(params.previousSecrets ?? [])];
  if (secrets.some((s) => s.length === 0)) throw new Error("Gavel needs a non-empty secret to sign its state markers");
  return { keys: secrets.map((secret) => Buffer.from(hkdfSync("sha256", secret, "gavel", "state-marker-v1", 32))) };
}

export interface MarkerScope {
  /** GitHub's global id of the issue or pull request the marker is about. */
  threadId: number;
}

export function writeMarker(params: { key: MarkerKey; kind: string; scope: MarkerScope; data: object }): string {
  const payload = Buffer.from(JSON.stringify({ ...params.data, thread: params.scope.threadId })).toString("base64url");
  const signer = params.key.keys[0];
  if (!signer) throw new Error("no key to sign a marker with");
  return `<!-- ${MARKER_PREFIX}:${params.kind} ${payload}.${sign({ key: signer, message: `${params.kind}.${payload}` })} -->`;
}

export type MarkerReading =
  | { found: false }
  | { found: true; valid: true; data: Record<string, unknown> }
  | { found: true; valid: false; reason: string };

/**
 * Finds the marker of `kind` in a comment body and verifies it for `scope`.
 * Gavel writes its marker last, after any text it quotes (an issue title, a
 * ballot), so the LAST occurrence is read: text someone else controls can't
 * put a marker in front of it.
 */
export function readMarker(params: { key: MarkerKey; kind: string; scope: MarkerScope; body: string }): MarkerReading {
  const start = params.body.lastIndexOf(`<!-- ${MARKER_PREFIX}:${params.kind} `);
  if (start < 0) return { found: false };
  const end = params.body.indexOf(" -->", start);
  const token = params.body.slice(start + `<!-- ${MARKER_PREFIX}:${params.kind} `.length, end < 0 ? undefined : end);
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0 || end < 0) return { found: true, valid: false, reason: "the marker is malformed" };
  const actual = Buffer.from(signature);
  const verifies = params.key.keys.some((key) => {
    const expected = Buffer.from(sign({ key, message: `${params.kind}.${payload}` }));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  });
  if (!verifies) return { found: true, valid: false, reason: "the signature does not verify" };
  const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  if (!isRecord(data) || data.thread !== params.scope.threadId) {
    return { found: true, valid: false, reason: "the marker belongs to another thread" };
  }
  return { found: true, valid: true, data };
}

function sign(params: { key: Buffer; message: string }): string {
  return createHmac("sha256", params.key).update(params.message).digest("base64url");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
