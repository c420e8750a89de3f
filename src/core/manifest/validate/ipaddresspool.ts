// Models MetalLB's validating webhook for IPAddressPool (metallb.io/v1beta1):
// internal/k8s/webhooks/webhookv1beta1/ipaddresspool_webhook.go → config.Validator →
// internal/config/config.go (addressPoolFromCR, ParseCIDR, poolsFor's overlap check), and the
// CRD's own schema (spec and spec.addresses required; autoAssign/avoidBuggyIPs defaults).
// The webhook returns one plain error (the first it meets); we return it as a FieldError on the
// address it concerns, with the webhook's exact wording as detail.
import type { FieldError } from '../../model/field';
import { OMIT, goQuote, invalid, required } from '../../model/field';
import type { KubeObject } from '../../model/types';
import { type IPBytes, ipString, parseCIDRStrict, parseIPSloppy, parseIPStrict } from '../../net/ipv4';
import type { KindRules } from './types';
import { rec } from './types';

/** MetalLB's default install namespace (the webhook's MetalLBNamespace). */
export const METALLB_NAMESPACE = 'metallb-system';

// ---- IP parsing as Go does it ------------------------------------------------------------------
// MetalLB calls the standard library's net.ParseCIDR / net.ParseIP (Go ≥ 1.17: leading zeros and
// over-long IPv6 groups rejected), not kube-apiserver's sloppy fork, so the parsing is ipv4.ts's
// parseIPStrict / parseCIDRStrict. What is MetalLB's own is the "a-b" range syntax, its summary
// into prefixes, the overlap check and the wording; those need 128-bit arithmetic, so addresses
// are held here as bigints of Go's 16-byte form.

/** An address as a 128-bit number; IPv4 is held IPv4-mapped (::ffff:a.b.c.d), as net.IP's 16 bytes. */
export type IP128 = bigint;
const V4_MAPPED = 0xffffn << 32n;
export const isV4 = (ip: IP128): boolean => ip >> 32n === 0xffffn;

const toIP128 = (ip: IPBytes): IP128 => ip.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
function fromIP128(n: IP128): IPBytes {
  const ip = new Uint8Array(16);
  for (let i = 15, v = n; i >= 0; i--, v >>= 8n) ip[i] = Number(v & 0xffn);
  return ip;
}

/**
 * net.ParseIP (sloppy=false) or k8s.io/utils/net ParseIPSloppy (sloppy=true), as a 128-bit value,
 * or null.
 */
export function parseGoIP(s: string, sloppy = false): IP128 | null {
  const ip = sloppy ? parseIPSloppy(s) : parseIPStrict(s);
  return ip ? toIP128(ip) : null;
}

/** net.IP.String(): dotted quad for IPv4(-mapped), else RFC 5952 (longest ≥2 zero run → "::"). */
export const formatIP = (ip: IP128): string => ipString(fromIP128(ip));

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
  const c = parseCIDRStrict(s);
  return c ? { base: toIP128(c.network), bits: c.bits === 32 ? 32 : 128, prefix: c.prefix } : null;
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
