// Deterministic stand-ins for the randomness Kubernetes uses (names, slots): pure functions of their
// inputs, so the same text + seed always gives the same cluster.

/** FNV-1a, 32 bit. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** k8s.io/apimachinery/pkg/util/rand's alphabet: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** utilrand.String(n), derived from a key instead of a random source. */
export function randString(key: string, n: number): string {
  let out = '';
  let h = fnv1a(key);
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 4 === 0) h = fnv1a(key + ':' + i, h);
    out += ALPHANUMS[h % ALPHANUMS.length];
    h = Math.floor(h / ALPHANUMS.length) ^ Math.imul(h, 0x9e3779b1) >>> 0;
    h >>>= 0;
  }
  return out;
}
