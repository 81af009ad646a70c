/**
 * Prefixes of text within GitHub's limits, cut between characters: a cut
 * inside a surrogate pair would leave half an emoji, which is not valid
 * UTF-8, and a limit in bytes is not one in characters.
 */

const encoder = new TextEncoder();

/** How many bytes `text` takes in UTF-8, the unit of a check run's limits. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** The longest prefix of `text` that takes at most `bytes` bytes in UTF-8. */
export function prefixWithinBytes(params: { text: string; bytes: number }): string {
  if (params.bytes <= 0) return "";
  // encodeInto writes only whole characters, and `read` counts the UTF-16 units they came from.
  const { read } = encoder.encodeInto(params.text, new Uint8Array(params.bytes));
  return params.text.slice(0, read);
}

/** The longest prefix of `text` of at most `units` UTF-16 units (JavaScript's length) that ends between characters. */
export function prefixWithinUnits(params: { text: string; units: number }): string {
  const { text } = params;
  const units = Math.max(0, params.units);
  if (text.length <= units) return text;
  const last = text.charCodeAt(units - 1);
  const splitsPair = units > 0 && last >= 0xd800 && last <= 0xdbff;
  return text.slice(0, splitsPair ? units - 1 : units);
}
