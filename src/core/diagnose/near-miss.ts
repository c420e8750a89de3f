// Label near-misses: how a pod's labels fall short of a Service's equality selector. The selector
// semantics are labels.SelectorFromSet (apimachinery pkg/labels): every pair must be present with the
// same value, nothing else matters. A near-miss is a pod that fails exactly one pair.

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions ("wbe" ↔ "web" is 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2: number[] = new Array(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

/** Close enough to read as a typo: case-only differences, or a few edits relative to the length. */
export function isTypo(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const d = editDistance(a, b);
  return d <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 4)) && d < Math.min(a.length, b.length);
}

export type LabelMiss =
  /** the key is there with another value */
  | { kind: 'value'; key: string; want: string; have: string; typo: boolean }
  /** the key is absent, but another key (not in the selector) carries the wanted value */
  | { kind: 'key'; key: string; want: string; haveKey: string; typo: boolean }
  /** the key is absent */
  | { kind: 'missing'; key: string; want: string };

/**
 * How `labels` misses `selector`: null when it matches, the single failing pair when exactly one pair
 * fails, 'far' when two or more do.
 */
export function labelMiss(selector: Record<string, string>, labels: Record<string, string>): LabelMiss | null | 'far' {
  let miss: [string, string] | null = null;
  for (const k in selector) {
    if (labels[k] === selector[k]) continue;
    if (miss) return 'far';
    miss = [k, selector[k]];
  }
  if (!miss) return null;
  const [key, want] = miss;
  if (Object.prototype.hasOwnProperty.call(labels, key)) return { kind: 'value', key, want, have: labels[key], typo: isTypo(want, labels[key]) };
  // A misspelt key: the pod has a key the selector does not name, holding exactly the wanted value.
  let best: { haveKey: string; typo: boolean } | null = null;
  for (const k in labels) {
    if (labels[k] !== want || Object.prototype.hasOwnProperty.call(selector, k)) continue;
    const typo = isTypo(key, k);
    if (!best || (typo && !best.typo)) best = { haveKey: k, typo };
  }
  if (best) return { kind: 'key', key, want, ...best };
  return { kind: 'missing', key, want };
}

/** Selector text as kubectl prints it (`app=web,tier=fe`, keys sorted as labels.Set.String does). */
export function formatSelector(sel: Record<string, string>): string {
  return Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(',');
}

export function matchesSelector(selector: Record<string, string>, labels: Record<string, string>): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}
