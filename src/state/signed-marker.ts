import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { MARKER_PREFIX } from "../constants.js";

/**
 * Gavel keeps its state in hidden markers inside its own comments (it has no
 * database). Anyone with write access can edit any comment, so each marker is
 * signed with an HMAC whose key is derived from the app's secret; a marker
 * that fails verification is reported as tampered and the item fails closed.
 *
 * Format: `<!-- gavel:KIND PAYLOAD.SIGNATURE -->`, both base64url. The payload
 * is JSON and names the repository and issue number it belongs to, so a
 * marker copied from another thread doesn't verify there.
 */
export interface MarkerKey {
  readonly key: Buffer;
}

export function deriveMarkerKey(secret: string): MarkerKey {
  if (secret.length === 0) throw new Error("Gavel needs a non-empty secret to sign its state markers");
  return { key: Buffer.from(hkdfSync("sha256", secret, "gavel", "state-marker-v1", 32)) };
}

export interface MarkerScope {
  /** `owner/repo`, compared case-insensitively. */
  repo: string;
  number: number;
}

export function writeMarker(params: { key: MarkerKey; kind: string; scope: MarkerScope; data: object }): string {
  const payload = Buffer.from(JSON.stringify({ ...params.data, repo: params.scope.repo.toLowerCase(), number: params.scope.number })).toString("base64url");
  return `<!-- ${MARKER_PREFIX}:${params.kind} ${payload}.${sign({ key: params.key, message: `${params.kind}.${payload}` })} -->`;
}

export type MarkerReading =
  | { found: false }
  | { found: true; valid: true; data: Record<string, unknown> }
  | { found: true; valid: false; reason: string };

/** Finds the marker of `kind` in a comment body and verifies it for `scope`. */
export function readMarker(params: { key: MarkerKey; kind: string; scope: MarkerScope; body: string }): MarkerReading {
  const start = params.body.indexOf(`<!-- ${MARKER_PREFIX}:${params.kind} `);
  if (start < 0) return { found: false };
  const end = params.body.indexOf(" -->", start);
  const token = params.body.slice(start + `<!-- ${MARKER_PREFIX}:${params.kind} `.length, end < 0 ? undefined : end);
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0 || end < 0) return { found: true, valid: false, reason: "the marker is malformed" };
  const expected = Buffer.from(sign({ key: params.key, message: `${params.kind}.${payload}` }));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { found: true, valid: false, reason: "the signature does not verify" };
  }
  const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  if (!isRecord(data) || data.repo !== params.scope.repo.toLowerCase() || data.number !== params.scope.number) {
    return { found: true, valid: false, reason: "the marker belongs to another thread" };
  }
  return { found: true, valid: true, data };
}

function sign(params: { key: MarkerKey; message: string }): string {
  return createHmac("sha256", params.key.key).update(params.message).digest("base64url");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
