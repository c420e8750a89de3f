// IP address and CIDR parsing with the exact acceptance rules kube-apiserver uses for the
// "legacy" Service fields (clusterIP(s), externalIPs, loadBalancerIP, loadBalancerSourceRanges).
//
// Upstream parses those with k8s.io/utils/net ParseIPSloppy / ParseCIDRSloppy: a fork of Go
// 1.16's net.ParseIP that still accepts IPv4 octets with leading zeros (read as *decimal*:
// "010.001.002.003" is 10.1.2.3). StrictIPCIDRValidation (KEP-4858) is alpha and off by default
// in v1.33–1.35, so such values are valid and only draw a warning (see service-net.ts).
// Upstream also uses netip.ParseAddr/ParsePrefix to decide whether a value is "standard"; that
// strictness check is `strictAddr` here. Code that calls Go's own net.ParseIP / net.ParseCIDR
// (Go ≥ 1.17, netip rules: e.g. MetalLB's webhook) uses `parseIPStrict` / `parseCIDRStrict`.
//
// IPv6 is parsed too, because validation has to tell "not an IP" from "an IPv6 IP" (the family
// errors differ), but the simulated cluster itself is IPv4 single-stack.

/** A parsed address in Go's 16-byte net.IP form (IPv4 addresses are IPv4-mapped). */
export type IPBytes = Uint8Array;

const BIG = 0xffffff;

/** Go's dtoi: decimal digits at the start of s (leading zeros allowed). */
function dtoi(s: string): { n: number; len: number } | null {
  let n = 0;
  let i = 0;
  for (; i < s.length && s[i] >= '0' && s[i] <= '9'; i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= BIG) return null;
  }
  return i === 0 ? null : { n, len: i };
}

/** Go's xtoi: hex digits at the start of s. */
function xtoi(s: string): { n: number; len: number } | null {
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const d = parseInt(s[i], 16);
    if (Number.isNaN(d)) break;
    n = n * 16 + d;
    if (n >= BIG) return null;
  }
  return i === 0 ? null : { n, len: i };
}

function v4mapped(a: number, b: number, c: number, d: number): IPBytes {
  const ip = new Uint8Array(16);
  ip[10] = 0xff;
  ip[11] = 0xff;
  ip[12] = a;
  ip[13] = b;
  ip[14] = c;
  ip[15] = d;
  return ip;
}

/** netutils parseIPv4 (sloppy): four decimal fields ≤ 255, leading zeros allowed. */
function parseIPv4Sloppy(s: string): IPBytes | null {
  const p = [0, 0, 0, 0];
  let rest = s;
  for (let i = 0; i < 4; i++) {
    if (rest.length === 0) return null;
    if (i > 0) {
      if (rest[0] !== '.') return null;
      rest = rest.slice(1);
    }
    const r = dtoi(rest);
    if (!r || r.n > 0xff) return null;
    rest = rest.slice(r.len);
    p[i] = r.n;
  }
  return rest.length === 0 ? v4mapped(p[0], p[1], p[2], p[3]) : null;
}

/** Go 1.16 parseIPv6 (with the sloppy IPv4 tail). */
function parseIPv6Sloppy(input: string): IPBytes | null {
  const ip = new Uint8Array(16);
  let s = input;
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return ip;
  }
  let i = 0;
  while (i < 16) {
    const r = xtoi(s);
    if (!r || r.n > 0xffff) return null;
    if (r.len < s.length && s[r.len] === '.') {
      if (ellipsis < 0 && i !== 12) return null;
      if (i + 4 > 16) return null;
      const ip4 = parseIPv4Sloppy(s);
      if (!ip4) return null;
      ip.set(ip4.subarray(12), i);
      s = '';
      i += 4;
      break;
    }
    ip[i] = r.n >> 8;
    ip[i + 1] = r.n & 0xff;
    i += 2;
    s = s.slice(r.len);
    if (s.length === 0) break;
    if (s[0] !== ':' || s.length === 1) return null;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return null;
  }
  return ip;
}

/** netutils.ParseIPSloppy: the first '.' or ':' decides the syntax, as in Go's ParseIP. */
export function parseIPSloppy(s: unknown): IPBytes | null {
  if (typeof s !== 'string') return null;
  for (const ch of s) {
    if (ch === '.') return parseIPv4Sloppy(s);
    if (ch === ':') return parseIPv6Sloppy(s);
  }
  return null;
}

/** net.IP.To4() != nil: an IPv4 (or IPv4-mapped IPv6) address. */
export function isIPv4Bytes(ip: IPBytes): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

/** netutils.IsIPv6String: parses, and is not IPv4 (IPv4-mapped counts as IPv4). */
export function isIPv6String(s: unknown): boolean {
  const ip = parseIPSloppy(s);
  return ip !== null && !isIPv4Bytes(ip);
}

/** Legacy-field validity for an IPv4 value: ParseIPSloppy accepts it and To4() is non-nil. */
export function isValidIPv4(s: unknown): boolean {
  const ip = parseIPSloppy(s);
  return ip !== null && isIPv4Bytes(ip);
}

/** IPv4 text (sloppy rules) → 32-bit unsigned number; null if not an IPv4 address. */
export function parseIPv4(s: unknown): number | null {
  const ip = parseIPSloppy(s);
  if (!ip || !isIPv4Bytes(ip)) return null;
  return ((ip[12] << 24) | (ip[13] << 16) | (ip[14] << 8) | ip[15]) >>> 0;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

/** Go's net.IP.String(): dotted quad for IPv4(-mapped), RFC 5952 for IPv6. */
export function ipString(ip: IPBytes): string {
  if (isIPv4Bytes(ip)) return `${ip[12]}.${ip[13]}.${ip[14]}.${ip[15]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip[i] << 8) | ip[i + 1]);
  let e0 = -1;
  let e1 = -1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > 1 && j - i > e1 - e0) {
      e0 = i;
      e1 = j;
    }
    if (j > i) i = j;
  }
  if (e0 < 0) return groups.map((g) => g.toString(16)).join(':');
  const head = groups.slice(0, e0).map((g) => g.toString(16)).join(':');
  const tail = groups.slice(e1).map((g) => g.toString(16)).join(':');
  return `${head}::${tail}`;
}

/**
 * The text-level rules netip.ParseAddr adds to ParseIPSloppy's, for a value ParseIPSloppy accepted:
 * no IPv4 octet (plain or embedded in IPv6) with a leading zero, no IPv6 group over 4 hex digits.
 */
function hasStrictSyntax(s: string): boolean {
  const v6syntax = s.includes(':');
  const tailV4 = v6syntax ? (s.includes('.') ? s.slice(s.lastIndexOf(':') + 1) : '') : s;
  if (tailV4 && tailV4.split('.').some((o) => o.length > 1 && o[0] === '0')) return false;
  if (v6syntax) {
    const hexPart = tailV4 ? s.slice(0, s.lastIndexOf(':')) : s;
    if (hexPart.split(':').some((g) => g.length > 4)) return false;
  }
  return true;
}

/**
 * What netip.ParseAddr thinks of a value that ParseIPSloppy accepted: `valid` is false when it
 * has IPv4 octets with leading zeros or IPv6 groups longer than 4 hex digits; `is4In6` when it
 * is written as an IPv4-mapped IPv6 address ("::ffff:1.2.3.4").
 */
export function strictAddr(s: string): { valid: boolean; is4In6: boolean; is6: boolean } {
  const ip = parseIPSloppy(s);
  if (!ip) return { valid: false, is4In6: false, is6: false };
  const v6syntax = s.includes(':');
  return { valid: hasStrictSyntax(s), is4In6: v6syntax && isIPv4Bytes(ip), is6: v6syntax };
}

/**
 * Go ≥ 1.17 net.ParseIP (netip.ParseAddr, zones rejected): ParseIPSloppy without the leniency,
 * i.e. leading zeros in IPv4 octets and IPv6 groups over 4 hex digits are errors.
 */
export function parseIPStrict(s: unknown): IPBytes | null {
  const ip = parseIPSloppy(s);
  return ip && hasStrictSyntax(s as string) ? ip : null;
}

export interface ParsedCIDR {
  /** The address as written (not masked). */
  ip: IPBytes;
  /** The masked network address. */
  network: IPBytes;
  prefix: number;
  /** 32 for IPv4, 128 for IPv6 (and for IPv4-mapped values written in IPv6 syntax). */
  bits: number;
}

/** netutils.ParseCIDRSloppy: sloppy IP, '/', decimal prefix length (leading zeros allowed). */
export function parseCIDRSloppy(s: unknown): ParsedCIDR | null {
  if (typeof s !== 'string') return null;
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  let bits = 32;
  let ip = parseIPv4Sloppy(addr);
  if (!ip) {
    bits = 128;
    ip = parseIPv6Sloppy(addr);
  }
  const r = dtoi(mask);
  if (!ip || !r || r.len !== mask.length || r.n > bits) return null;
  const network = new Uint8Array(ip);
  const keep = bits === 32 ? 96 + r.n : r.n;
  for (let b = keep; b < 128; b++) network[b >> 3] &= ~(0x80 >> (b & 7));
  return { ip, network, prefix: r.n, bits };
}

/**
 * Go ≥ 1.17 net.ParseCIDR: the address must pass netip.ParseAddr (see parseIPStrict); the prefix
 * length is still read with dtoi, so leading zeros there stay accepted ("10.0.0.0/024").
 */
export function parseCIDRStrict(s: unknown): ParsedCIDR | null {
  const c = parseCIDRSloppy(s);
  return c && hasStrictSyntax((s as string).slice(0, (s as string).indexOf('/'))) ? c : null;
}

/** IPNet.String() for a parsed CIDR. */
export function cidrString(c: ParsedCIDR): string {
  return `${ipString(c.network)}/${c.prefix}`;
}

/** An IPv4 CIDR block, for the allocators. */
export interface CIDR4 {
  network: number;
  prefix: number;
  /** Number of addresses, network and broadcast included (2^(32-prefix)). */
  size: number;
  broadcast: number;
  contains(ip: number | string): boolean;
  /** The n-th address of the block (0 = network address). */
  nth(n: number): number;
  toString(): string;
}

/** Parses an IPv4 CIDR ("10.96.0.0/12"); host bits are masked off. Null for anything else. */
export function parseCIDR4(s: unknown): CIDR4 | null {
  const c = parseCIDRSloppy(s);
  if (!c || c.bits !== 32 || !isIPv4Bytes(c.network)) return null;
  const network = ((c.network[12] << 24) | (c.network[13] << 16) | (c.network[14] << 8) | c.network[15]) >>> 0;
  const size = 2 ** (32 - c.prefix);
  const prefix = c.prefix;
  return {
    network,
    prefix,
    size,
    broadcast: network + size - 1,
    contains(ip) {
      const n = typeof ip === 'number' ? ip : parseIPv4(ip);
      return n !== null && n >= network && n <= network + size - 1;
    },
    nth: (n) => network + n,
    toString: () => `${formatIPv4(network)}/${prefix}`,
  };
}

/**
 * netutils.IsDualStackIPStrings: true when the list holds at least one IPv4 and one IPv6
 * address. Callers have already checked that every value parses.
 */
export function isDualStackIPStrings(ips: readonly string[]): boolean {
  let v4 = false;
  let v6 = false;
  for (const s of ips) {
    const ip = parseIPSloppy(s);
    if (!ip) return false;
    if (isIPv4Bytes(ip)) v4 = true;
    else v6 = true;
    if (v4 && v6) return true;
  }
  return false;
}

/** net.IP predicates used by ValidateNonSpecialIP. */
export function ipClass(ip: IPBytes): { unspecified: boolean; loopback: boolean; linkLocalUnicast: boolean; linkLocalMulticast: boolean } {
  if (isIPv4Bytes(ip)) {
    const [a, b, c, d] = [ip[12], ip[13], ip[14], ip[15]];
    return {
      unspecified: a === 0 && b === 0 && c === 0 && d === 0,
      loopback: a === 127,
      linkLocalUnicast: a === 169 && b === 254,
      linkLocalMulticast: a === 224 && b === 0 && c === 0,
    };
  }
  const zeroTo = (n: number) => ip.subarray(0, n).every((x) => x === 0);
  return {
    unspecified: zeroTo(16),
    loopback: zeroTo(15) && ip[15] === 1,
    linkLocalUnicast: ip[0] === 0xfe && (ip[1] & 0xc0) === 0x80,
    linkLocalMulticast: ip[0] === 0xff && (ip[1] & 0x0f) === 0x02,
  };
}
