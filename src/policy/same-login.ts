/** GitHub logins are case-insensitive: `@Alice` and `@alice` are one person. */
export function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, "").toLowerCase();
}

/** Bots never count, even when listed: GitHub App actors are typed Bot and named `…[bot]`. */
export function isBotLogin(login: string): boolean {
  return /\[bot\]$/i.test(login.trim());
}
