/**
 * The allowed key a misspelt one most likely meant (`aprovals` -> `approvals`),
 * or null when none is close enough to be a helpful guess.
 */
export function closestKey(params: { key: string; allowed: readonly string[] }): string | null {
  const key = params.key.toLowerCase();
  // Small edits only: a guess that rewrites half the word misleads more than it helps.
  const budget = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of params.allowed) {
    const distance = editDistance({ a: key, b: candidate.toLowerCase() });
    if (distance <= budget && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== null || key.length < 4) return best;
  // A truncated key (`recuse` for `recuse_subject`) is far by edits but plainly meant.
  return params.allowed.find((candidate) => candidate.toLowerCase().startsWith(key)) ?? null;
}

/** Optimal string alignment distance: Levenshtein plus swapping two adjacent letters. */
export function editDistance(params: { a: string; b: string }): number {
  const { a, b } = params;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const previous = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(distance);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}
