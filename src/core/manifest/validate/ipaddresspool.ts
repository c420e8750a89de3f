// Models MetalLB's validating webhook for IPAddressPool (metallb.io/v1beta1):
// internal/k8s/webhooks/webhookv1beta1/ipaddresspool_webhook.go → config.Validator →
// internal/config/config.go (addressPoolFromCR, ParseCIDR, poolsFor's overlap check), and the
// CRD's own schema (spec and spec.addresses required; autoAssign/avoidBuggyIPs defaults).
// The webhook returns one plain error (the first it meets); we return it as a FieldError on the
// address it concerns, with the webhook's exact wording as detail.
import type { FieldError } from '../../model/field';
import { OMIT, goQuote, invalid, required } from '../../model/field';
import type { KubeObject } from '../../model/types';
import type { KindRules } from './types';
import { rec } from './types';

/** MetalLB's default install namespace (the webhook's MetalLBNamespace). */
export const METALLB_NAMESPACE = 'metallb-system';

// ---- IP parsing as Go does it ------------------------------------------------------------------

/** An address as a 128-bit number; IPv4 is held IPv4-mapped (::ffff:a.b.c.d), as net.IP's 16 bytes. */
export type IP128 = bigint;
const V4_MAPPED = 0xffffn << 32n;
export const isV4 = (ip: IP128): boolean => ip >> 32n === 0xffffn;

function parseIPv4(s: string, sloppy: boolean): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    // net.ParseIP (Go ≥1.17, netip) rejects leading zeros and >3 digits; k8s.io/utils/net's
    // ParseIPSloppy (Go 1.16's parser) accepts any digit run that is ≤ 255.
    if (!/^[0-9]+$/.test(p)) return null;
    if (!sloppy && (p.length > 3 || (p.length > 1 && p[0] === '0'))) return null;
    const digits = p.replace(/^0+(?=[0-9])/, '');
    const n = digits.length > 3 ? 256 : Number(digits);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseIPv6(input: string, sloppy: boolean): number[] | null {
  const ip = new Array<number>(16).fill(0);
  let s = input;
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return ip;
  }
  let i = 0;
  while (i < 16) {
    const m = /^[0-9a-fA-F]+/.exec(s);
    if (!m || (!sloppy && m[0].length > 4)) return null;
    const n = parseInt(m[0].length > 8 ? 'fffff' : m[0], 16);
    if (n > 0xffff && !(m[0].length < s.length && s[m[0].length] === '.')) return null;
    if (m[0].length < s.length && s[m[0].length] === '.') {
      // trailing embedded IPv4, only in the last 32 bits
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return null;
      const v4 = parseIPv4(s, sloppy);
      if (!v4) return null;
      ip.splice(i, 4, ...v4);
      s = '';
      i += 4;
      break;
    }
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(m[0].length);
    if (s === '') break;
    if (s[0] !== ':' || s.length === 1) return null;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) return null; // the ellipsis must stand for at least one zero group
  return ip;
}

/**
 * net.ParseIP (sloppy=false) or k8s.io/utils/net ParseIPSloppy (sloppy=true): the first '.' or ':'
 * decides the family; zones are rejected. Returns the 128-bit value, or null.
 */
export function parseGoIP(s: string, sloppy = false): IP128 | null {
  const sep = /[.:]/.exec(s);
  if (!sep) return null;
  if (sep[0] === '.') {
    const v4 = parseIPv4(s, sloppy);
    return v4 ? V4_MAPPED | BigInt(((v4[0] << 24) >>> 0) + (v4[1] << 16) + (v4[2] << 8) + v4[3]) : null;
  }
  const v6 = parseIPv6(s, sloppy);
  return v6 ? v6.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n) : null;
}

/** net.IP.String(): dotted quad for IPv4(-mapped), else RFC 5952 (longest ≥2 zero run → "::"). */
export function formatIP(ip: IP128): string {
  if (isV4(ip)) return [24n, 16n, 8n, 0n].map((sh) => String((ip >> sh) & 0xffn)).join('.');
  const g = Array.from({ length: 8 }, (_, k) => Number((ip >> BigInt(112 - 16 * k)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let k = 0; k < 8; ) {
    let e = k;
    while (e < 8 && g[e] === 0) e++;
    if (e - k > bestLen) [best, bestLen] = [k, e - k];
    k = e === k ? k + 1 : e;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** A parsed prefix: its first address, its width in bits (32 or 128) and its length. */
export interface GoNet {
  base: IP128;
  bits: 32 | 128;
  prefix: number;
}
const netSize = (n: GoNet): bigint => 1n << BigInt(n.bits - n.prefix);
export const netLast = (n: GoNet): IP128 => n.base + netSize(n) - 1n;
/** net.IPNet.String() */
export const formatNet = (n: GoNet): string => `${formatIP(n.base)}/${n.prefix}`;

/** net.ParseCIDR's network (host bits cleared), or null. */
export function parseGoCIDR(s: string): GoNet | null {
  const slash = s.indexOf('/');
  if (slash < 0) return null;
  const addrText = s.slice(0, slash);
  const ip = parseGoIP(addrText);
  const mask = s.slice(slash + 1);
  if (ip === null || !/^[0-9]+$/.test(mask)) return null;
  // netip's Is4(): only an address written as IPv4 is a 32-bit one.
  const bits: 32 | 128 = /^[0-9.]+$/.test(addrText) ? 32 : 128;
  const prefix = Number(mask.length > 4 ? 'x' : mask);
  if (!(prefix <= bits)) return null;
  const host = (1n << BigInt(bits - prefix)) - 1n;
  return { base: ip & ~host, bits, prefix };
}

/** mikioh/ipaddr Summarize: the fewest prefixes exactly covering first..last, ascending. */
function summarize(first: IP128, last: IP128): GoNet[] {
  if (isV4(first) !== isV4(last) && isV4(first)) return [];
  const bits: 32 | 128 = isV4(first) ? 32 : 128;
  const out: GoNet[] = [];
  let cur = first;
  while (cur <= last) {
    let k = 0;
    while (k < bits && ((cur >> BigInt(k)) & 1n) === 0n && cur + (1n << BigInt(k + 1)) - 1n <= last) k++;
    out.push({ base: cur, bits, prefix: bits - k });
    cur += 1n << BigInt(k);
  }
  return out;
}

/** config.ParseCIDR: a CIDR, or an "a-b" range summarized into prefixes; errors in MetalLB's words. */
export function metallbParseCIDR(cidr: string): { nets: GoNet[] } | { error: string } {
  if (!cidr.includes('-')) {
    const n = parseGoCIDR(cidr);
    return n ? { nets: [n] } : { error: `invalid CIDR ${goQuote(cidr)}` };
  }
  const dash = cidr.indexOf('-');
  const [a, b] = [cidr.slice(0, dash), cidr.slice(dash + 1)];
  const start = parseGoIP(a.trim());
  if (start === null) return { error: `invalid IP range ${goQuote(cidr)}: invalid start IP ${goQuote(a)}` };
  const end = parseGoIP(b.trim());
  if (end === null) return { error: `invalid IP range ${goQuote(cidr)}: invalid end IP ${goQuote(b)}` };
  if (start > end) {
    return { error: `invalid IP range ${goQuote(cidr)}: start IP ${goQuote(formatIP(start))} is after the end IP ${goQuote(formatIP(end))}` };
  }
  return { nets: summarize(start, end) };
}

/** cidrsOverlap: one contains the other (same family only, as net.IPNet.Contains). */
function cidrsOverlap(a: GoNet, b: GoNet): boolean {
  if (a.bits !== b.bits) return false;
  const contains = (outer: GoNet, inner: GoNet) =>
    (outer.prefix === inner.prefix && outer.base === inner.base) ||
    (outer.prefix < inner.prefix && inner.base >= outer.base && inner.base <= netLast(outer));
  return contains(a, b) || contains(b, a);
}

// ---- the webhook -----------------------------------------------------------------------------

const addressesOf = (obj: KubeObject): unknown[] | undefined => {
  const a = rec(obj.spec)?.addresses;
  return Array.isArray(a) ? a : undefined;
};

function validatePool(obj: KubeObject, create: boolean): FieldError[] {
  const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : '';
  const ns = obj.metadata?.namespace;
  // validateIPAddressPoolCreate: pools live in MetalLB's own namespace.
  if (create && typeof ns === 'string' && ns !== '' && ns !== METALLB_NAMESPACE) {
    return [invalid('metadata.namespace', ns, `resource must be created in ${METALLB_NAMESPACE} namespace`)];
  }
  // CRD structural schema: spec and spec.addresses are required (checked before any webhook runs).
  const spec = rec(obj.spec);
  if (!spec) return [required('spec')];
  const addresses = addressesOf(obj);
  if (!addresses) return [required('spec.addresses')];

  const wrap = (msg: string) => `parsing address pool ${name}: ${msg}`;
  if (addresses.length === 0) return [invalid('spec.addresses', OMIT, wrap('pool has no prefixes defined'))];
  const perAddress: GoNet[][] = [];
  for (let i = 0; i < addresses.length; i++) {
    const cidr = typeof addresses[i] === 'string' ? (addresses[i] as string) : '';
    const r = metallbParseCIDR(cidr);
    if ('error' in r) {
      return [invalid(`spec.addresses[${i}]`, cidr, wrap(`invalid CIDR ${goQuote(cidr)} in pool ${goQuote(name)}: ${r.error}`))];
    }
    perAddress.push(r.nets);
  }
  // addressPoolServiceAllocationsFromCR: namespaces listed twice.
  const nsList = rec(spec.allocateTo)?.namespaces;
  if (Array.isArray(nsList)) {
    const seen = new Set<unknown>();
    for (let j = 0; j < nsList.length; j++) {
      if (seen.has(nsList[j])) return [invalid(`spec.allocateTo.namespaces[${j}]`, nsList[j], wrap('duplicate definition in namespaces field'))];
      seen.add(nsList[j]);
    }
  }
  // poolsFor: no CIDR may overlap one defined before it. Other pools are outside a single-object
  // check; within the pool the comparison runs in address order, as upstream's allCIDRs does.
  const all: GoNet[] = [];
  for (let i = 0; i < perAddress.length; i++) {
    for (const cidr of perAddress[i]) {
      const m = all.find((prev) => cidrsOverlap(cidr, prev));
      if (m) {
        const msg = `CIDR ${goQuote(formatNet(cidr))} in pool ${goQuote(name)} overlaps with already defined CIDR ${goQuote(formatNet(m))}`;
        return [invalid(`spec.addresses[${i}]`, addresses[i], msg)];
      }
      all.push(cidr);
    }
  }
  return [];
}

/**
 * The IPv4 ranges a pool hands out, one per valid address entry, in order ({first,last} as dotted
 * quads; a CIDR spans network..broadcast). IPv6 and invalid entries are skipped.
 */
export function parsePoolAddresses(pool: KubeObject): { first: string; last: string }[] {
  const out: { first: string; last: string }[] = [];
  for (const a of addressesOf(pool) ?? []) {
    if (typeof a !== 'string') continue;
    const r = metallbParseCIDR(a);
    if ('error' in r || r.nets.length === 0 || r.nets[0].bits !== 32) continue;
    const first = r.nets[0].base;
    const last = netLast(r.nets[r.nets.length - 1]);
    out.push({ first: formatIP(V4_MAPPED | first), last: formatIP(V4_MAPPED | last) });
  }
  return out;
}

export const ipAddressPoolRules: KindRules = {
  /** CRD defaults: +kubebuilder:default autoAssign=true, avoidBuggyIPs=false. */
  default(obj) {
    const spec = rec(obj.spec);
    if (!spec) return;
    if (spec.autoAssign === undefined) spec.autoAssign = true;
    if (spec.avoidBuggyIPs === undefined) spec.avoidBuggyIPs = false;
  },
  validate: (obj) => validatePool(obj, true),
  validateUpdate: (newObj) => validatePool(newObj, false),
};
