// Models the apiserver's SimpleNameGenerator as it names a ReplicaSet's pods (staging/src/k8s.io/apiserver/pkg/storage/names/generate.go, getPodsPrefix in pkg/controller/controller_utils.go), never handing out a taken name, and the uid load.ts gives stored objects. Leaves out: the random source (names derive from seed, ReplicaSet key and a sequence number).
import { fnv1a } from '../model/hash';
import type { ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import type { RSRec } from './replicaset-controller';

const MAX_NAME = 63;
const RANDOM_LENGTH = 5;

/** getPodsPrefix: "<rs>-", or the bare name when that is not a valid generateName. */
export const podsPrefix = (rsName: string): string => (rsName.length + 1 > 253 ? rsName : `${rsName}-`);

/** utilrand's alphabet (k8s.io/apimachinery/pkg/util/rand): no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * SimpleNameGenerator.GenerateName for a ReplicaSet's pods: the prefix cut to 58 characters, then 5
 * characters of utilrand's alphabet. They come from FNV-1a of seed + ReplicaSet key + the ReplicaSet's
 * own sequence number (finalised with murmur3's fmix32 so every character varies), not a random source.
 */
export function podNameGenerator(rsName: string, seed: number, rsKey: string): (seq: number) => string {
  const names = podNames(rsName, seed, rsKey);
  return (seq) => names.name(names.code(seq));
}

/** 27^5: how many random parts there are. */
const SUFFIXES = 27 ** RANDOM_LENGTH;

/**
 * podNameGenerator in two steps: `code` gives the number (0 … 27^5 − 1) whose base-27 digits, lowest
 * first, are the name's 5 random characters; `name` writes base + those characters. Callers that only
 * need to know whether a name is taken compare numbers instead of building and hashing strings.
 */
export interface PodNames {
  base: string;
  code(seq: number): number;
  name(code: number): string;
  /** The name's 5 random characters (name(code) is base + suffix(code)). */
  suffix(code: number): string;
}

export function podNames(rsName: string, seed: number, rsKey: string): PodNames {
  const prefix = podsPrefix(rsName);
  const base = prefix.length > MAX_NAME - RANDOM_LENGTH ? prefix.slice(0, MAX_NAME - RANDOM_LENGTH) : prefix;
  // fnv1a(`${seed}/${rsKey}/`), continued from `${seed}/` (see objectUID) without writing the string.
  return new Names(base, fnv1a('/', fnv1a(rsKey, seedState(seed))));
}

/** PodNames as a class: one object per ReplicaSet, its methods shared (no closures made per ReplicaSet). */
class Names implements PodNames {
  constructor(
    readonly base: string,
    private readonly state: number,
  ) {}

  code(seq: number): number {
    let h = fnvDecimal(seq, this.state);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h = (h ^ (h >>> 16)) >>> 0;
    return h % SUFFIXES;
  }

  name(code: number): string {
    return this.base + this.suffix(code);
  }

  suffix(code: number): string {
    // RANDOM_LENGTH (5) characters, each the next base-27 digit.
    let h = code;
    const c0 = ALPHANUMS.charCodeAt(h % 27);
    h = Math.floor(h / 27);
    const c1 = ALPHANUMS.charCodeAt(h % 27);
    h = Math.floor(h / 27);
    const c2 = ALPHANUMS.charCodeAt(h % 27);
    h = Math.floor(h / 27);
    const c3 = ALPHANUMS.charCodeAt(h % 27);
    h = Math.floor(h / 27);
    const c4 = ALPHANUMS.charCodeAt(h % 27);
    return String.fromCharCode(c0, c1, c2, c3, c4);
  }
}

/** The number PodNames.code would give for a name's last 5 characters; null when they are not all of utilrand's alphabet. */
export function suffixCode(name: string): number | null {
  if (name.length < RANDOM_LENGTH) return null;
  let code = 0;
  for (let i = name.length - 1; i >= name.length - RANDOM_LENGTH; i--) {
    const d = ALPHANUMS.indexOf(name[i]);
    if (d < 0) return null;
    code = code * 27 + d;
  }
  return code;
}

/** fnv1a(String(n), state) for a non-negative integer n, without building the string. */
function fnvDecimal(n: number, state: number): number {
  if (!Number.isInteger(n) || n < 0 || n >= 1e9) return fnv1a(String(n), state);
  let div = 1;
  while (div * 10 <= n) div *= 10;
  let h = state >>> 0;
  for (; div >= 1; div /= 10) {
    h ^= 48 + (Math.floor(n / div) % 10);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * deterministicUID(`${seed}/${key}`) (model/uid.ts), the uid load.ts gives stored objects, without
 * building the string: FNV-1a continues from the state of `${seed}/`.
 */
export function objectUID(seed: number, key: string): string {
  return uidText(fnv1a(key, seedState(seed)));
}

/** fnv1a(`${seed}/`), kept for the last seed asked about. */
function seedState(seed: number): number {
  if (seed !== uidSeed) {
    uidSeed = seed;
    uidSeedState = fnv1a(`${seed}/`);
  }
  return uidSeedState;
}

/**
 * objectUID(seed, key) of the pods of one name prefix, key = `Pod/<namespace>/<base><suffix>`: `prefix`
 * is podUIDPrefix(seed, namespace, base), the hash state up to the suffix (the same for all of a
 * ReplicaSet's pods), so each pod hashes its 5 characters only, and its key (a concatenation) is never
 * flattened into a second copy.
 */
export const podUID = (prefix: number, suffix: string): string => uidText(fnv1a(suffix, prefix));

/** The objectUID hash state after `${seed}/Pod/<namespace>/<base>` (see podUID). */
export function podUIDPrefix(seed: number, namespace: string, base: string): number {
  return fnv1a(base, fnv1a('/', fnv1a(namespace, fnv1a('Pod/', seedState(seed)))));
}

/** deterministicUID(key), through uidText. */
export const fastUID = (key: string): string => uidText(fnv1a(key));

/**
 * model/uid.ts uidFromState, the same text: hex digits of fnv1a('#0'…'#3', h) laid out 8-4-4-4-12 with
 * version 4 and variant 10xx. Written into a plain array: String.fromCharCode.apply over uid.ts's
 * Uint16Array costs about twice as much, and every pod, ReplicaSet and slice gets a uid.
 */
function uidText(h: number): string {
  const w0 = fnv1a('#0', h);
  const w1 = fnv1a('#1', h);
  const w2 = fnv1a('#2', h);
  const w3 = fnv1a('#3', h);
  for (let i = 0; i < 8; i++) {
    const shift = 28 - 4 * i;
    UID[UID_POS[i]] = HEX[(w0 >>> shift) & 15];
    UID[UID_POS[8 + i]] = HEX[(w1 >>> shift) & 15];
    UID[UID_POS[16 + i]] = HEX[(w2 >>> shift) & 15];
    UID[UID_POS[24 + i]] = HEX[(w3 >>> shift) & 15];
  }
  UID[14] = 52; // '4'
  UID[19] = HEX[((w2 >>> 28) & 3) | 8];
  return String.fromCharCode.apply(null, UID);
}
const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
/** The 36 characters (dashes preset), and where hex digit i goes. */
const UID: number[] = new Array<number>(36).fill(45);
const UID_POS = Array.from({ length: 36 }, (_, i) => i).filter((i) => ![8, 13, 18, 23].includes(i));
/** fnv1a(`${seed}/`) for the last seed objectUID saw. */
let uidSeed = NaN;
let uidSeedState = 0;

let instances = 0;

/**
 * Pod keys that ever existed (every manifest pod's, live or gone, and every generated one), so a
 * generated name is never handed out twice. Kept per key prefix ("Pod/<ns>/<base>") as the numbers
 * behind the last 5 characters (PodNames.code): a generated key can only equal a key of its own prefix,
 * and a taken name is found without building and hashing a string per try.
 */
export class TakenPodNames {
  /** By namespace, then name base: the prefix `Pod/<namespace>/<base>` without writing it (a namespace
   *  has no "/", so the pair is the prefix). */
  private byPrefix = new Map<string, Map<string, Set<number>>>();
  /** Tells this instance's marks on ReplicaSet records from another's. */
  private readonly id = ++instances;

  constructor(keys: Iterable<string>) {
    for (const k of keys) {
      const code = suffixCode(k);
      // A key that is not `Pod/<namespace>/…` shares no prefix with a generated name.
      const slash = k.startsWith('Pod/') ? k.indexOf('/', 4) : -1;
      if (code !== null && slash >= 0 && slash <= k.length - RANDOM_LENGTH - 1) this.under(k.slice(4, slash), k.slice(slash + 1, -RANDOM_LENGTH)).add(code);
    }
  }

  private under(namespace: string, base: string): Set<number> {
    let inNs = this.byPrefix.get(namespace);
    if (!inNs) this.byPrefix.set(namespace, (inNs = new Map()));
    let s = inNs.get(base);
    if (!s) inNs.set(base, (s = new Set()));
    return s;
  }

  /** The ReplicaSet's next free name (its sequence number moves past taken ones), now taken. */
  take(rs: RSRec): { seq: number; name: string; key: ObjectKey } {
    const name = this.takeName(rs, this.takenFor(rs));
    return { seq: rs.seq - 1, name, key: objectKey('Pod', rs.namespace, name) };
  }

  /** The taken codes of the ReplicaSet's name prefix (what takeName needs; look it up once per batch). */
  takenFor(rs: RSRec): Set<number> {
    // Kept on the record, marked with the TakenPodNames it belongs to (no Map entry per ReplicaSet).
    let taken = rs.takenBy === this.id ? rs.taken : null;
    if (!taken) {
      taken = this.under(rs.namespace, rs.names.base);
      rs.takenBy = this.id;
      rs.taken = taken;
    }
    return taken;
  }

  /** take, answering the name only (its sequence number is rs.seq - 1): no result object per pod.
   *  `taken` is takenFor(rs). */
  takeName(rs: RSRec, taken: Set<number>): string {
    return rs.names.name(this.takeCode(rs, taken));
  }

  /** takeName, answering the name's code (PodNames.code) instead of the name. */
  takeCode(rs: RSRec, taken: Set<number>): number {
    let code: number;
    do code = rs.names.code(rs.seq++);
    while (taken.has(code));
    taken.add(code);
    return code;
  }
}
