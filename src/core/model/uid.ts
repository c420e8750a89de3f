// metadata.uid: a version-4-shaped UUID derived from a key, so the same inputs give the same uid.
import { fnv1a } from './hash';

/**
 * 32 hex digits from fnv1a(`${key}#0`) … fnv1a(`${key}#3`) (8 each), laid out 8-4-4-4-12 with the
 * version nibble 4 and the variant bits 10xx. FNV-1a is streaming, so the four hashes continue from
 * the key's state instead of hashing four concatenated strings, and the text is written in one go.
 */
export function deterministicUID(key: string): string {
  return uidFromState(fnv1a(key));
}

/** deterministicUID of a key whose FNV-1a state (fnv1a(key), or a prefix's state continued) is `h`. */
export function uidFromState(h: number): string {
  const w0 = fnv1a('#0', h);
  const w1 = fnv1a('#1', h);
  const w2 = fnv1a('#2', h);
  const w3 = fnv1a('#3', h);
  // hex digit i (0–31) of w0‖w1‖w2‖w3 goes to position POS[i]; dashes and the version digit are fixed.
  for (let i = 0; i < 8; i++) {
    const shift = 28 - 4 * i;
    BUF[POS[i]] = HEX[(w0 >>> shift) & 15];
    BUF[POS[8 + i]] = HEX[(w1 >>> shift) & 15];
    BUF[POS[16 + i]] = HEX[(w2 >>> shift) & 15];
    BUF[POS[24 + i]] = HEX[(w3 >>> shift) & 15];
  }
  BUF[14] = 52; // '4'
  BUF[19] = HEX[((w2 >>> 28) & 3) | 8];
  return String.fromCharCode.apply(null, BUF as unknown as number[]);
}

const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
/** Scratch buffer for the 36 characters (dashes preset), and where hex digit i goes. */
const BUF = new Uint16Array(36).fill(45);
const POS = Array.from({ length: 36 }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));
