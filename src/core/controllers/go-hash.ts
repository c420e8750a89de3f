// Models the hashing Kubernetes uses to order endpoint ports and subsets (k8s.io/utils/dump.ForHash: go-spew `%#v` with DisableMethods/SortKeys, fed to md5 (pkg/api/v1/endpoints/util.go) or fnv-128a (staging/src/k8s.io/endpointslice/util/controller_utils.go deepHashObjectToString). Leaves out: maps, floats and every Go kind the endpoint types never hold.

/** A Go value with its static type, enough for spew to print it. */
export type GoValue =
  | { k: 'string'; type: string; v: string }
  | { k: 'int'; type: string; v: number }
  | { k: 'bool'; type: string; v: boolean }
  | { k: 'ptr'; type: string; v: GoValue | null }
  | { k: 'struct'; type: string; fields: [string, GoValue][] }
  | { k: 'slice'; type: string; v: GoValue[] | null };

export const goStr = (v: string, type = 'string'): GoValue => ({ k: 'string', type, v });
export const goInt = (v: number, type = 'int32'): GoValue => ({ k: 'int', type, v });
export const goBool = (v: boolean): GoValue => ({ k: 'bool', type: 'bool', v });
/** A pointer; `elemType` is the pointed-to type ("string", "v1.Protocol"). */
export const goPtr = (elemType: string, v: GoValue | null): GoValue => ({ k: 'ptr', type: `*${elemType}`, v });
export const goStruct = (type: string, fields: [string, GoValue][]): GoValue => ({ k: 'struct', type, fields });
export const goSlice = (elemType: string, v: GoValue[] | null): GoValue => ({ k: 'slice', type: `[]${elemType}`, v });

/**
 * spew's formatState.format for `%#v` (go-spew format.go): every value is prefixed by its type in
 * parentheses unless it is a slice element or a dereferenced pointer (ignoreNextType); struct fields
 * print as Name:value separated by spaces; nil pointers and nil slices print `<nil>`.
 */
export function spewHash(v: GoValue): string {
  const out: string[] = [];
  const fmt = (x: GoValue, ignoreType: boolean): void => {
    if (x.k === 'ptr') {
      // formatPtr: the type of a nil pointer is the pointer type itself; a non-nil one prints
      // "*" × indirections + the element type, which reads the same for one level.
      if (!ignoreType) out.push(`(${x.type})`);
      if (x.v === null) out.push('<nil>');
      else fmt(x.v, true);
      return;
    }
    if (!ignoreType) out.push(`(${x.type})`);
    switch (x.k) {
      case 'string':
        out.push(x.v);
        return;
      case 'int':
        out.push(String(x.v));
        return;
      case 'bool':
        out.push(x.v ? 'true' : 'false');
        return;
      case 'slice':
        if (x.v === null) {
          out.push('<nil>');
          return;
        }
        out.push('[');
        x.v.forEach((e, i) => {
          if (i > 0) out.push(' ');
          fmt(e, true);
        });
        out.push(']');
        return;
      case 'struct':
        out.push('{');
        x.fields.forEach(([name, f], i) => {
          if (i > 0) out.push(' ');
          out.push(`${name}:`);
          fmt(f, false);
        });
        out.push('}');
        return;
    }
  };
  fmt(v, false);
  return out.join('');
}

// ---- digests ---------------------------------------------------------------------------------

const utf8 = (s: string): number[] => Array.from(new TextEncoder().encode(s));

/** FNV-1a 128-bit (hash/fnv New128a), hex encoded as hex.EncodeToString(h.Sum(nil)). */
export function fnv128aHex(s: string): string {
  const prime = (1n << 88n) + 0x13bn;
  const mask = (1n << 128n) - 1n;
  let h = 0x6c62272e07bb014262b821756295c58dn;
  for (const b of utf8(s)) h = ((h ^ BigInt(b)) * prime) & mask;
  return h.toString(16).padStart(32, '0');
}

const MD5_S = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10,
  15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** MD5 (RFC 1321), hex. Used where upstream sorts by md5 of a spew dump. */
export function md5Hex(s: string): string {
  const bytes = utf8(s);
  const bitLen = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 !== 56) bytes.push(0);
  for (let i = 0; i < 8; i++) bytes.push(Math.floor(bitLen / 2 ** (8 * i)) & 0xff);
  let [a0, b0, c0, d0] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let off = 0; off < bytes.length; off += 64) {
    const m = Array.from({ length: 16 }, (_, i) => bytes[off + 4 * i] | (bytes[off + 4 * i + 1] << 8) | (bytes[off + 4 * i + 2] << 16) | (bytes[off + 4 * i + 3] << 24));
    let [a, b, c, d] = [a0, b0, c0, d0];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const sum = (a + f + MD5_K[i] + m[g]) >>> 0;
      [a, d, c] = [d, c, b];
      b = (b + ((sum << MD5_S[i]) | (sum >>> (32 - MD5_S[i])))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  return [a0, b0, c0, d0].map((w) => [0, 8, 16, 24].map((sh) => ((w >>> sh) & 0xff).toString(16).padStart(2, '0')).join('')).join('');
}
