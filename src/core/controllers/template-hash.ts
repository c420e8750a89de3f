// Models controller.ComputeHash (pkg/controller/controller_utils.go) and rand.SafeEncodeString (k8s.io/apimachinery/pkg/util/rand), which name a Deployment's ReplicaSets. Leaves out: hashing the Go struct's spew dump (a canonical JSON of the template is hashed instead, see computeHash).
import { sortedKeys } from './plain-objects';

type R = Record<string, unknown>;

/** k8s.io/apimachinery/pkg/util/rand.SafeEncodeString: each rune mapped into utilrand's alphabet. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += ALPHANUMS[ch.codePointAt(0)! % ALPHANUMS.length];
  return out;
}

/** Drops what Go's Semantic equality cannot tell from absent (null, "", empty lists and maps); sorts keys. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(canonical) : undefined;
  if (v && typeof v === 'object') {
    const out: R = {};
    for (const k of Object.keys(v).sort()) {
      const x = canonical((v as R)[k]);
      if (x !== undefined) out[k] = x;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null || v === '' ? undefined : v;
}

/**
 * FNV-32a over the UTF-8 bytes of JSON.stringify(canonical(v) ?? {}), fed as the text is walked instead
 * of building it (falls back to building it for values JSON data never holds: functions, symbols, bigints).
 */
function canonicalHash(v: unknown): number {
  FNV[0] = 0x811c9dc5;
  unusual = false;
  if (!emit(v)) {
    FNV[0] = 0x811c9dc5;
    feed('{}');
  }
  if (!unusual) return FNV[0];
  FNV[0] = 0x811c9dc5;
  feed(JSON.stringify(canonical(v) ?? {}));
  return FNV[0];
}

/** The running FNV-32a state: in a typed array, as a module-level `let` holding a number above 2^30
 *  would box it into a fresh heap number on every character (garbage the scavenger then walks). */
const FNV = new Uint32Array(1);
/** Set by emit when it meets a value whose JSON it does not reproduce. */
let unusual = false;

/** One ASCII character into the hash. */
const ch = (c: number): void => {
  FNV[0] = Math.imul(FNV[0] ^ c, 0x01000193) >>> 0;
};

/**
 * Feeds JSON.stringify(canonical(v)) and answers true, or answers false for a value canonical drops
 * (null, "", an empty list, a map of such), having fed whatever it fed: the caller puts the hash state
 * back. One walk: whether a map is dropped is only known once its entries are, and saving the state
 * (one number) beats testing every subtree for droppedness before writing it.
 */
function emit(v: unknown): boolean {
  if (typeof v === 'string') {
    if (v === '') return false;
    feedString(v);
    return true;
  }
  if (typeof v === 'number') {
    feedNumber(v);
    return true;
  }
  if (typeof v === 'boolean') {
    feed(v ? 'true' : 'false');
    return true;
  }
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) {
    if (v.length === 0) return false;
    ch(91); // [
    for (let i = 0; i < v.length; i++) {
      if (i) ch(44); // ,
      const saved = FNV[0];
      if (!emit(v[i])) {
        FNV[0] = saved;
        feed('null');
      }
    }
    ch(93); // ]
    return true;
  }
  if (typeof v === 'object') {
    let first = true;
    for (const k of jsonKeyOrder(sortedKeys(v))) {
      const saved = FNV[0];
      ch(first ? 123 : 44); // { or ,
      feedString(k);
      ch(58); // :
      if (emit((v as R)[k])) first = false;
      else FNV[0] = saved;
    }
    if (first) return false;
    ch(125); // }
    return true;
  }
  unusual = true;
  feed('null');
  return true;
}

/** Feeds JSON.stringify(n): the digits of a small integer directly (exact in floating point), anything
 *  else through JSON.stringify. */
function feedNumber(n: number): void {
  if (!Number.isInteger(n) || n >= 1e9 || n <= -1e9) return feed(JSON.stringify(n));
  if (n < 0) {
    ch(45); // -
    n = -n;
  }
  let div = 1;
  while (div * 10 <= n) div *= 10;
  for (; div >= 1; div /= 10) ch(48 + (Math.floor(n / div) % 10));
}

/** Feeds JSON.stringify(s): quotes around printable ASCII directly, anything else through JSON.stringify. */
function feedString(s: string): void {
  // One pass: hash while checking; on a character JSON escapes, start over from the saved state.
  let h = Math.imul(FNV[0] ^ 34, 0x01000193) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 34 || c === 92) return feed(JSON.stringify(s));
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  FNV[0] = Math.imul(h ^ 34, 0x01000193) >>> 0;
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/** The order a fresh object with these keys (inserted in this order) enumerates them: array-index keys
 *  first, ascending, then the others as inserted. */
function jsonKeyOrder(keys: string[]): string[] {
  let digits = false;
  // Only a key starting with a digit can be an index: skip the regex for every other key.
  for (const k of keys) if (k.charCodeAt(0) - 48 < 10 && k.charCodeAt(0) >= 48) digits = true;
  if (!digits || !keys.some((k) => INDEX_KEY.test(k) && Number(k) < 4294967295)) return keys;
  const isIndex = (k: string) => INDEX_KEY.test(k) && Number(k) < 4294967295;
  return [...keys.filter(isIndex).sort((x, y) => Number(x) - Number(y)), ...keys.filter((k) => !isIndex(k))];
}

/** Continues FNV-32a over the UTF-8 bytes of s (a surrogate pair is one code point, a lone surrogate itself). */
function feed(s: string): void {
  let h = FNV[0];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, 0x01000193) >>> 0;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    const bytes = c < 0x800 ? [0xc0 | (c >> 6), 0x80 | (c & 63)] : c < 0x10000 ? [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)] : [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  FNV[0] = h;
}

/**
 * controller.ComputeHash: FNV-32a over the pod template, then the collision count as 8 little-endian
 * bytes (PutUint32 into an 8-byte buffer) when it is set, then SafeEncodeString of the decimal sum.
 * Upstream hashes hashutil.DeepHashObject's spew dump of the Go struct, which cannot be reproduced
 * byte for byte from wire JSON, so this hashes a canonical JSON of the template instead: the names
 * have upstream's shape and alphabet (only the characters 4-9, b, c, d, f occur) but not its values.
 */
export function computeHash(template: unknown, collisionCount: number | null): string {
  let h = canonicalHash(template);
  const write = (b: number) => (h = Math.imul(h ^ b, 0x01000193) >>> 0);
  if (collisionCount !== null) {
    const c = collisionCount >>> 0;
    for (const b of [c & 255, (c >>> 8) & 255, (c >>> 16) & 255, c >>> 24, 0, 0, 0, 0]) write(b);
  }
  return safeEncodeString(String(h >>> 0));
}
