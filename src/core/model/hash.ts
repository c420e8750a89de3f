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
  return randomChars(key, null, n);
}

/** randString(parts.join(''), n), hashing the parts one after another instead of joining them. */
export function randStringOf(parts: readonly string[], n: number): string {
  return randomChars(null, parts, n);
}

/** FNV-1a of the key (`key`, or the parts in turn), continued from `h`. */
function hashKey(key: string | null, parts: readonly string[] | null, h: number): number {
  if (key !== null) return fnv1a(key, h);
  for (let i = 0; i < parts!.length; i++) h = fnv1a(parts![i], h);
  return h;
}

function randomChars(key: string | null, parts: readonly string[] | null, n: number): string {
  // The characters' codes, written out at once (one string instead of one per character added).
  const codes = (CODES[n] ??= new Array<number>(n).fill(0));
  let h = hashKey(key, parts, 0x811c9dc5);
  for (let i = 0; i < n; i++) {
    // fnv1a(key + ':' + i, h), without writing that string.
    if (i > 0 && i % 4 === 0) h = fnv1a(':' + i, hashKey(key, parts, h));
    codes[i] = ALPHANUMS.charCodeAt(h % ALPHANUMS.length);
    h = Math.floor(h / ALPHANUMS.length) ^ Math.imul(h, 0x9e3779b1) >>> 0;
    h >>>= 0;
  }
  return String.fromCharCode.apply(null, codes);
}
/** A list of n character codes per length n, refilled by each randomChars call of that length. */
const CODES: number[][] = [];
