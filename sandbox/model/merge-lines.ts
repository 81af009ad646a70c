/**
 * A line-based three-way merge, as git's: the changes from `base` to `ours`
 * and from `base` to `theirs` are combined where they touch different lines;
 * where both change the same lines differently, it is a conflict (null).
 * Small texts only (the LCS is quadratic), which is all the sandbox holds.
 * https://git-scm.com/docs/git-merge-file
 */
export function mergeLines(params: { base: string; ours: string; theirs: string }): string | null {
  const { base, ours, theirs } = params;
  if (ours === theirs || theirs === base) return ours;
  if (ours === base) return theirs;
  const o = base.split("\n");
  const a = ours.split("\n");
  const b = theirs.split("\n");
  const inA = matches({ from: o, to: a });
  const inB = matches({ from: o, to: b });
  const out: string[] = [];
  let [i, j, k] = [0, 0, 0];
  // Walk the base lines both sides kept: between two of them, each side's chunk is its change there.
  for (let line = 0; line <= o.length; line++) {
    const stable = line === o.length || (inA[line] !== -1 && inB[line] !== -1);
    if (!stable) continue;
    const [ja, kb] = line === o.length ? [a.length, b.length] : [inA[line] ?? -1, inB[line] ?? -1];
    if (ja < j || kb < k) continue;
    const chunkO = o.slice(i, line);
    const chunkA = a.slice(j, ja);
    const chunkB = b.slice(k, kb);
    const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, n) => v === y[n]);
    if (same(chunkA, chunkO)) out.push(...chunkB);
    else if (same(chunkB, chunkO) || same(chunkA, chunkB)) out.push(...chunkA);
    else return null;
    if (line < o.length) out.push(o[line] ?? "");
    [i, j, k] = [line + 1, ja + 1, kb + 1];
  }
  return out.join("\n");
}

/** For each line of `from`, the line of `to` it matches in a longest common subsequence, or -1. */
function matches(params: { from: string[]; to: string[] }): number[] {
  const { from, to } = params;
  const n = from.length;
  const m = to.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let x = n - 1; x >= 0; x--) {
    const row = table[x] ?? [];
    const below = table[x + 1] ?? [];
    for (let y = m - 1; y >= 0; y--) row[y] = from[x] === to[y] ? (below[y + 1] ?? 0) + 1 : Math.max(below[y] ?? 0, row[y + 1] ?? 0);
  }
  const result = new Array<number>(n).fill(-1);
  let [x, y] = [0, 0];
  while (x < n && y < m) {
    if (from[x] === to[y]) {
      result[x] = y;
      x++;
      y++;
    } else if ((table[x + 1]?.[y] ?? 0) >= (table[x]?.[y + 1] ?? 0)) x++;
    else y++;
  }
  return result;
}
