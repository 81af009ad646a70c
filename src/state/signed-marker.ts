import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { MARKER_PREFIX } from "../constants.js";

/**
 * Gavel keeps its state in hidden markers inside its own comments (it has no
 * database). Anyone with write access can edit any comment, so each marker is
 * signed with an HMAC whose key is derived from the app's secret; a marker
 * that fails verification is reported as tampered and the item fails closed.
 *
 * Format: `<!-- gavel:KIND PAYLOAD.SIGNATURE -->`, both base64url, as the last
 * thing in the comment (see `markerKind`). The payload
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

export type MarkerReading = { found: false } | { found: true; valid: true; data: Record<string, unknown> } | { found: true; valid: false; reason: string };

const OPEN = `<!-- ${MARKER_PREFIX}:`;
const CLOSE = " -->";

/**
 * The kind of a comment's marker, read at its one fixed place: the end of the
 * comment, where Gavel writes it after everything else (its text quotes
 * titles, ballots and commands that other people wrote). Null when the
 * comment has no marker anywhere. A marker somewhere else in a comment that
 * does not end with one is `displaced`: someone added text after Gavel's, and
 * the comment is read as tampered, never as the text it now ends with.
 */
export function markerKind(body: string): { kind: string; displaced: boolean } | null {
  const start = body.lastIndexOf(OPEN);
  if (start < 0) return null;
  const kindEnd = body.indexOf(" ", start + OPEN.length);
  const kind = body.slice(start + OPEN.length, kindEnd < 0 ? undefined : kindEnd);
  const end = body.indexOf(CLOSE, start);
  const displaced = end < 0 || body.slice(end + CLOSE.length).trim() !== "";
  return { kind, displaced };
}

/**
 * The marker of `kind` at the end of a comment, verified for `scope`. Only the
 * marker at the fixed place counts: a comment that ends with another kind's
 * marker (a reply that quotes a command, say) holds nothing of this kind, so
 * text anyone echoes into Gavel's comments is never read back as state.
 */
export function readMarker(params: { key: MarkerKey; kind: string; scope: MarkerScope; body: string }): MarkerReading {
  const found = markerKind(params.body);
  if (!found || found.kind !== params.kind) return { found: false };
  if (found.displaced) return { found: true, valid: false, reason: "text was added after Gavel's marker" };
  const body = params.body.trimEnd();
  const start = body.lastIndexOf(`${OPEN}${params.kind} `);
  const token = body.slice(start + `${OPEN}${params.kind} `.length, body.length - CLOSE.length);
  const [payload, signature, ...rest] = token.split(".");
  if (!payload || !signature || rest.length > 0) return { found: true, valid: false, reason: "the marker is malformed" };
  const actual = Buffer.from(signature);
  const verifies = params.key.keys.some((key) => {
    const expected = Buffer.from(sign({ key, message: `${params.kind}.${payload}` }));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  });
  if (!verifies) return { found: true, valid: false, reason: "the signature does not verify" };
  const data = parseJson(Buffer.from(payload, "base64url").toString("utf8"));
  if (!isRecord(data) || data.thread !== params.scope.threadId) {
    return { found: true, valid: false, reason: "the marker belongs to another thread" };
  }
  return { found: true, valid: true, data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function sign(params: { key: Buffer; message: string }): string {
  return createHmac("sha256", params.key).update(params.message).digest("base64url");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
