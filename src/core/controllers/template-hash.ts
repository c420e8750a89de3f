// Models controller.ComputeHash (pkg/controller/controller_utils.go) and rand.SafeEncodeString (k8s.io/apimachinery/pkg/util/rand), which name a Deployment's ReplicaSets. Leaves out: hashing the Go struct's spew dump (a canonical JSON of the template is hashed instead, see computeHash).
import { after, sortStrings } from './plain-objects';

type R = Record<string, unknown>;

/** k8s.io/apimachinery/pkg/util/rand.SafeEncodeString: each rune mapped into utilrand's alphabet. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++; // a surrogate pair is one rune
    out += ALPHANUMS[c % ALPHANUMS.length];
  }
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
  unusual = false;
  dropped = false;
  depth = 0;
  let h = emit(v, OFFSET);
  if (dropped) h = feed('{}', OFFSET);
  if (unusual) h = feed(JSON.stringify(canonical(v) ?? {}), OFFSET);
  return h >>> 0;
}

// The hash state travels as a signed 32-bit integer (`| 0`), which V8 keeps unboxed (a small integer on
// 64-bit): a number above 2^30 in a module-level `let` or a return value would be a fresh heap number
// on every character.
const OFFSET = 0x811c9dc5 | 0;
const PRIME = 0x01000193;

/** Set by emit when it meets a value whose JSON it does not reproduce. */
let unusual = false;
/** Set by emit when the value it was given is one canonical drops (what it fed is then discarded). */
let dropped = false;

/**
 * Continues the hash `h` over JSON.stringify(canonical(v)) and answers the new state; for a value
 * canonical drops (null, "", an empty list, a map of such) it sets `dropped` instead, and the caller
 * keeps its own state. One walk: whether a map is dropped is only known once its entries are, and
 * keeping the state before it (one number) beats testing every subtree for droppedness first.
 */
function emit(v: unknown, h: number): number {
  if (typeof v === 'string') {
    if (v === '') {
      dropped = true;
      return h;
    }
    return feedString(v, h);
  }
  if (typeof v === 'object') {
    if (v === null) {
      dropped = true;
      return h;
    }
    return Array.isArray(v) ? emitArray(v, h) : emitObject(v as R, h);
  }
  if (typeof v === 'number') return feedNumber(v, h);
  if (typeof v === 'boolean') return feed(v ? 'true' : 'false', h);
  if (v === undefined) {
    dropped = true;
    return h;
  }
  unusual = true;
  return feed('null', h);
}

function emitArray(v: unknown[], h: number): number {
  if (v.length === 0) {
    dropped = true;
    return h;
  }
  h = Math.imul(h ^ 91, PRIME); // [
  for (let i = 0; i < v.length; i++) {
    if (i) h = Math.imul(h ^ 44, PRIME); // ,
    const x = emit(v[i], h);
    if (dropped) {
      dropped = false;
      h = feed('null', h);
    } else h = x;
  }
  return Math.imul(h ^ 93, PRIME); // ]
}

function emitObject(v: R, h: number): number {
  const keys = sortedOwnKeys(v);
  const count = keyCount;
  let first = true;
  for (let i = 0; i < count; i++) {
    const k = keys[i];
    const val = v[k];
    // Most values are strings: an empty one is dropped before its key is hashed.
    if (val === '' || val === null || val === undefined) continue;
    // `{` or `,`, the quoted key and `:`, kept only if the value is.
    const at = Math.imul(feedString(k, Math.imul(h ^ (first ? 123 : 44), PRIME)) ^ 58, PRIME);
    if (typeof val === 'string') {
      h = feedString(val, at);
      first = false;
      continue;
    }
    const x = emit(val, at);
    if (dropped) dropped = false;
    else {
      h = x;
      first = false;
    }
  }
  depth--;
  if (first) {
    dropped = true;
    return h;
  }
  return Math.imul(h ^ 125, PRIME); // }
}

/** One key list per nesting depth, refilled for each object (never shortened: `keyCount` says how much
 *  is current): a dozen objects per template, and a new Object.keys list for each was most of what
 *  hashing allocated. */
const KEY_LISTS: string[][] = [];
let depth = 0;
let keyCount = 0;

/** jsonKeyOrder(sortStrings(Object.keys(v))): its first `keyCount` entries, in the list of the next
 *  depth (emitObject steps back out of it). */
function sortedOwnKeys(v: R): string[] {
  let keys = KEY_LISTS[depth];
  if (!keys) KEY_LISTS[depth] = keys = [];
  depth++;
  let n = 0;
  let digits = false;
  const proto = Object.getPrototypeOf(v);
  // for-in lists Object.keys' keys when nothing is inherited; each is put in place as it comes
  // (insertion sort in UTF-16 code-unit order, as sortStrings).
  if (proto === Object.prototype || proto === null) {
    for (const k in v) {
      const c = k.charCodeAt(0);
      if (c >= 48 && c <= 57) digits = true;
      let j = n - 1;
      while (j >= 0 && after(keys[j], k)) {
        keys[j + 1] = keys[j];
        j--;
      }
      keys[j + 1] = k;
      n++;
    }
  } else {
    const own = sortStrings(Object.keys(v));
    for (; n < own.length; n++) keys[n] = own[n];
    digits = true;
  }
  keyCount = n;
  if (!digits) return keys;
  // Only a key starting with a digit can be an index (rare): the general path on an exact copy.
  const ordered = jsonKeyOrder(keys.slice(0, n));
  keyCount = ordered.length;
  return ordered;
}

/** Feeds JSON.stringify(n): the digits of a small integer directly (exact in floating point), anything
 *  else through JSON.stringify. */
function feedNumber(n: number, h: number): number {
  if (!Number.isInteger(n) || n >= 1e9 || n <= -1e9) return feed(JSON.stringify(n), h);
  if (n < 0) {
    h = Math.imul(h ^ 45, PRIME); // -
    n = -n;
  }
  // Below 1e9 the number is a 32-bit integer: its digits by integer division, lowest first, fed in reverse.
  let x = n | 0;
  if (x < 10) return Math.imul(h ^ (48 + x), PRIME);
  let len = 0;
  while (x > 0) {
    DIGITS_OUT[len++] = x % 10;
    x = (x / 10) | 0;
  }
  while (len > 0) h = Math.imul(h ^ (48 + DIGITS_OUT[--len]), PRIME);
  return h;
}
const DIGITS_OUT = new Int32Array(10);

/** Feeds JSON.stringify(s): quotes around printable ASCII directly, anything else through JSON.stringify. */
function feedString(s: string, h0: number): number {
  // One pass: hash while checking; on a character JSON escapes, start over from the state before.
  let h = Math.imul(h0 ^ 34, PRIME);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 34 || c === 92) return feed(JSON.stringify(s), h0);
    h = Math.imul(h ^ c, PRIME);
  }
  return Math.imul(h ^ 34, PRIME);
}

const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/** The order a fresh object with these keys (inserted in this order) enumerates them: array-index keys
 *  first, ascending, then the others as inserted. */
function jsonKeyOrder(keys: string[]): string[] {
  let digits = false;
  // Only a key starting with a digit can be an index: skip the regex for every other key.
  for (let i = 0; i < keys.length; i++) {
    const c = keys[i].charCodeAt(0);
    if (c >= 48 && c <= 57) digits = true;
  }
  if (!digits || !keys.some((k) => INDEX_KEY.test(k) && Number(k) < 4294967295)) return keys;
  const isIndex = (k: string) => INDEX_KEY.test(k) && Number(k) < 4294967295;
  return [...keys.filter(isIndex).sort((x, y) => Number(x) - Number(y)), ...keys.filter((k) => !isIndex(k))];
}

/** Continues FNV-32a over the UTF-8 bytes of s (a surrogate pair is one code point, a lone surrogate itself). */
function feed(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, PRIME);
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
    for (const b of bytes) h = Math.imul(h ^ b, PRIME);
  }
  return h;
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
  return encodeDecimal(h >>> 0);
}

/** safeEncodeString(String(n)) for a uint32 n: each decimal digit mapped into the alphabet, written at once. */
function encodeDecimal(n: number): string {
  let len = 1;
  for (let d = 10; d <= n && len < 10; d *= 10) len++;
  // One list per length, refilled (changing a list's length would reallocate it).
  const codes = (DIGITS[len] ??= new Array<number>(len).fill(0));
  for (let i = len - 1; i >= 0; i--) {
    codes[i] = ENCODED_DIGIT[n % 10];
    n = Math.floor(n / 10);
  }
  return String.fromCharCode.apply(null, codes);
}
/** The character SafeEncodeString gives each digit '0'…'9' (rune % 27 of the alphabet). */
const ENCODED_DIGIT = Array.from({ length: 10 }, (_, d) => ALPHANUMS.charCodeAt((48 + d) % ALPHANUMS.length));
const DIGITS: number[][] = [];
