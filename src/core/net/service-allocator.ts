// The Service ClusterIP and NodePort allocators, as kube-apiserver's BeginCreate runs them
// (pkg/registry/core/service/storage/alloc.go allocateCreate: initIPFamilyFields,
// txnAllocClusterIPs, txnAllocNodePorts) against ipallocator (MultiCIDRServiceAllocator, GA and
// default in v1.33) and portallocator.
//
// Upstream picks dynamic values at random. Ours must be reproducible, so a value is a pure
// function of the inputs: an FNV-1a hash of seed + object key (+ port index) chooses a slot in the
// upstream *dynamic* preference band (KEP-3070 for IPs, KEP-3668 for ports), probing linearly on
// collision and falling back to the static band when the dynamic one is full, as upstream does.
// Automatic picks avoid every value pinned anywhere in the text, so adding a Service that names
// its own clusterIP/nodePort never moves another Service's automatic value. Explicit values are
// first come, first served.
import { type FieldError, OMIT, invalid } from '../model/field';
import type { KubeObject } from '../model/types';
import type { ClusterNetConfig } from '../manifest/validate/types';
import { rec } from '../manifest/validate/types';
import { validateClusterIPsRelatedFields } from '../manifest/validate/service-clusterips';
import { type Rec, isSet, needsHealthCheck, num, portsOf, specOf, str, strList, svcType } from '../manifest/validate/service-wire';
import { formatIPv4, isIPv4Bytes, parseCIDR4, parseIPSloppy, parseIPv4 } from './ipv4';
export interface ServiceAllocator {
  /** BeginCreate: fills ipFamilies/ipFamilyPolicy/clusterIP(s)/nodePorts/healthCheckNodePort in place. */
  allocate(svc: KubeObject, key: string): FieldError[];
  /** Undo what allocate() took for this object (validation failed later), or free a deleted Service's values. */
  release(svc: KubeObject): void;
  /** Mark an IP as taken (system Services' fixed IPs). `key` lets that Service later claim it. */
  reserve(ip: string, key?: string): void;
}

/** A slot is taken by its owner's object key ('' = reserved without owner). */
export class BandPool {
  readonly owners = new Map<number, string>();
  constructor(
    readonly size: number,
    /** Slots [0, staticCount) are the static band; the rest is the dynamic band. */
    readonly staticCount: number,
    readonly pinned: Set<number>,
  ) {}

  private probe(from: number, to: number, start: number): number | null {
    const n = to - from;
    for (let k = 0; k < n; k++) {
      const slot = from + ((start + k) % n);
      if (!this.owners.has(slot) && !this.pinned.has(slot)) return slot;
    }
    return null;
  }

  /** A free slot chosen by `hash`: dynamic band first, then the static band. */
  next(hash: number): number | null {
    if (this.size <= 0) return null;
    const dyn = this.size - this.staticCount;
    const slot = dyn > 0 ? this.probe(this.staticCount, this.size, hash % dyn) : null;
    if (slot !== null || this.staticCount === 0) return slot;
    return this.probe(0, this.staticCount, hash % this.staticCount);
  }
}

/** FNV-1a, 32 bit, over the UTF-16 code units of the joined parts. */
export function fnv1a(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = parts.join('\u0000');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** ipallocator calculateRangeOffset (KEP-3070): min(max(16, size/16), 256); 0 for ranges ≤ 16. */
export function clusterIPStaticBand(cidrSize: number): number {
  if (cidrSize <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256);
}

/** portallocator calculateRangeOffset (KEP-3668): min(max(16, size/32), 128); 0 for ranges ≤ 16. */
export function nodePortStaticBand(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

const internalError = (detail: string): FieldError => ({ type: 'InternalError', field: '', value: OMIT, detail });

export const ERR_IP_ALLOCATED = 'provided IP is already allocated';
export const ERR_IP_MISMATCHED_NETWORK = 'the provided network does not match the current range';
export const ERR_PORT_ALLOCATED = 'provided port is already allocated';
export const ERR_FULL = 'range is full';

/** What one allocate() call took, so that release() can give back exactly that. */
interface Taken {
  ips: number[];
  ports: number[];
}

export interface Pools {
  ips: BandPool;
  ports: BandPool;
  /** First allocatable address (network + 1). */
  firstIP: number;
  cidr: ReturnType<typeof parseCIDR4>;
  portBase: number;
  portRange: string;
  seed: number;
}

export function createServiceAllocator(
  net: ClusterNetConfig,
  opts: { seed: number; pinnedClusterIPs: Set<string>; pinnedNodePorts: Set<number> },
): ServiceAllocator {
  const cidr = parseCIDR4(net.serviceSubnet);
  const firstIP = cidr ? cidr.network + 1 : 0;
  // hostsPerNetwork: the network and (IPv4) broadcast addresses are never handed out.
  const hosts = cidr ? Math.max(0, cidr.size - 2) : 0;
  const pinnedIPs = new Set<number>();
  for (const s of opts.pinnedClusterIPs) {
    const n = parseIPv4(s);
    if (n !== null && n >= firstIP && n < firstIP + hosts) pinnedIPs.add(n - firstIP);
  }
  const { base, size } = net.nodePortRange;
  const pinnedPorts = new Set<number>();
  for (const p of opts.pinnedNodePorts) if (p >= base && p < base + size) pinnedPorts.add(p - base);
  const pools: Pools = {
    ips: new BandPool(hosts, cidr ? clusterIPStaticBand(cidr.size) : 0, pinnedIPs),
    ports: new BandPool(size, nodePortStaticBand(size), pinnedPorts),
    firstIP,
    cidr,
    portBase: base,
    portRange: `${base}-${base + size - 1}`,
    seed: opts.seed,
  };
  const takenBy = new WeakMap<KubeObject, Taken>();

  const undo = (t: Taken) => {
    for (const s of t.ips) pools.ips.owners.delete(s);
    for (const s of t.ports) pools.ports.owners.delete(s);
  };

  return {
    allocate(svc, key) {
      const t: Taken = { ips: [], ports: [] };
      const errs = allocateCreate(pools, svc, key, t);
      if (errs.length) undo(t);
      else takenBy.set(svc, t);
      return errs;
    },
    release(svc) {
      const t = takenBy.get(svc);
      if (t) {
        undo(t);
        takenBy.delete(svc);
        return;
      }
      // Not allocated through this allocator instance (e.g. a deleted Service): free its values.
      const spec = specOf(svc);
      for (const ip of strList(spec.clusterIPs) ?? []) {
        const n = parseIPv4(ip);
        if (n !== null) pools.ips.owners.delete(n - firstIP);
      }
      for (const p of portsOf(spec)) if (num(p.nodePort)) pools.ports.owners.delete(num(p.nodePort) - base);
      if (num(spec.healthCheckNodePort)) pools.ports.owners.delete(num(spec.healthCheckNodePort) - base);
    },
    reserve(ip, key = '') {
      const n = parseIPv4(ip);
      if (n !== null && n >= firstIP && n < firstIP + hosts) pools.ips.owners.set(n - firstIP, key);
    },
  };
}

/** Explicit IP: MetaAllocator.getAllocator (PrefixContainsIP) then Allocator.allocateService. */
export function claimIP(pools: Pools, ip: string, key: string, t: Taken): string | null {
  const parsed = parseIPSloppy(ip);
  const n = parsed && isIPv4Bytes(parsed) ? parseIPv4(ip) : null;
  // Network and broadcast addresses belong to no allocator: "does not match the current range".
  if (n === null || n < pools.firstIP || n >= pools.firstIP + pools.ips.size) return ERR_IP_MISMATCHED_NETWORK;
  const slot = n - pools.firstIP;
  const owner = pools.ips.owners.get(slot);
  if (owner !== undefined && (owner === '' || owner !== key)) return ERR_IP_ALLOCATED;
  if (owner === undefined) {
    pools.ips.owners.set(slot, key);
    t.ips.push(slot);
  }
  return null;
}

/** Explicit port: PortAllocator.Allocate. */
export function claimPort(pools: Pools, port: number, key: string, t: Taken): string | null {
  const slot = port - pools.portBase;
  if (!Number.isInteger(port) || slot < 0 || slot >= pools.ports.size) {
    return `provided port is not in the valid range. The range of valid ports is ${pools.portRange}`;
  }
  const owner = pools.ports.owners.get(slot);
  if (owner !== undefined) return ERR_PORT_ALLOCATED;
  pools.ports.owners.set(slot, key);
  t.ports.push(slot);
  return null;
}

/** AllocateNext for a port, chosen by hash(seed, key, salt). */
export function nextPort(pools: Pools, key: string, salt: string | number, t: Taken): number | null {
  const slot = pools.ports.next(fnv1a(pools.seed, key, 'nodePort', salt));
  if (slot === null) return null;
  pools.ports.owners.set(slot, key);
  t.ports.push(slot);
  return pools.portBase + slot;
}

export function nextIP(pools: Pools, key: string, t: Taken): string | null {
  const slot = pools.ips.next(fnv1a(pools.seed, key, 'clusterIP'));
  if (slot === null) return null;
  pools.ips.owners.set(slot, key);
  t.ips.push(slot);
  return formatIPv4(pools.firstIP + slot);
}

/** initIPFamilyFields for create on an IPv4 single-stack cluster; mutates spec. */
export function initIPFamilyFields(spec: Rec, oldSpec?: Rec): FieldError[] {
  if (svcType(spec) === 'ExternalName') return [];
  if (!isSet(spec.ipFamilyPolicy)) {
    if (oldSpec && isSet(oldSpec.ipFamilyPolicy)) spec.ipFamilyPolicy = oldSpec.ipFamilyPolicy;
    // Headless + selectorless defaults to dual-stack (its endpoints may be of either family).
    else if (str(spec.clusterIP) === 'None' && Object.keys(rec(spec.selector) ?? {}).length === 0) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const pre = validateClusterIPsRelatedFields(spec);
  if (pre.length) return pre;
  const errs: FieldError[] = [];
  const policy = str(spec.ipFamilyPolicy);
  const clusterIPs = strList(spec.clusterIPs) ?? [];
  let families = strList(spec.ipFamilies) ?? [];
  if (policy === 'SingleStack') {
    if (clusterIPs.length === 2) {
      errs.push(invalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if (families.length === 2) {
      errs.push(invalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  for (let i = 0; i < clusterIPs.length; i++) {
    if (clusterIPs[i] === 'None') break;
    if (i >= families.length) {
      const ip = parseIPSloppy(clusterIPs[i]);
      if (ip && isIPv4Bytes(ip)) families = [...families, 'IPv4'];
      else errs.push(invalid(`spec.clusterIPs[${i}]`, [...clusterIPs], 'IPv6 is not configured on this cluster'));
    }
  }
  if (families.length) spec.ipFamilies = families;
  if (errs.length) return errs;
  if (str(spec.clusterIP) === 'None' && Object.keys(rec(spec.selector) ?? {}).length === 0) {
    if (families.length === 0) families = ['IPv4'];
    if (families.length < 2 && policy !== 'SingleStack') families = [...families, families[0] === 'IPv4' ? 'IPv6' : 'IPv4'];
    spec.ipFamilies = families;
    return [];
  }
  if (policy === 'RequireDualStack') {
    errs.push(invalid('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  }
  families.forEach((f, i) => {
    if (f !== 'IPv4') errs.push(invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  if (errs.length) return errs;
  if (families.length === 0) spec.ipFamilies = ['IPv4'];
  return [];
}

/** Allocators.allocateCreate */
function allocateCreate(pools: Pools, svc: KubeObject, key: string, t: Taken): FieldError[] {
  const spec = specOf(svc, true);
  const famErrs = initIPFamilyFields(spec);
  if (famErrs.length) return famErrs;

  // allocClusterIPs: ExternalName and headless Services get none.
  const type = svcType(spec);
  const ips = strList(spec.clusterIPs) ?? [];
  if (type !== 'ExternalName' && !(ips.length > 0 && ips[0] === 'None')) {
    const requested = ips[0] ?? '';
    if (requested === '') {
      const ip = nextIP(pools, key, t);
      if (ip === null) return [internalError(`failed to allocate a serviceIP: ${ERR_FULL}`)];
      spec.clusterIP = ip;
      spec.clusterIPs = [ip, ...ips.slice(1)];
    } else {
      const err = claimIP(pools, requested, key, t);
      if (err) {
        return [invalid('spec.clusterIPs', [...ips], `failed to allocate IP ${requested}: ${err}`)];
      }
    }
  }

  // txnAllocNodePorts → initNodePorts
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    const all = portsOf(spec);
    // shouldAllocateNodePorts: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false.
    const auto = type === 'NodePort' || spec.allocateLoadBalancerNodePorts !== false;
    // Ports sharing a port number (e.g. TCP and UDP 53) share one NodePort.
    const byPort = new Map<number, number>();
    for (let i = 0; i < all.length; i++) {
      const p = all[i];
      const target = rec(ports[i]);
      const np = num(p.nodePort);
      if (np === 0 && !auto) continue;
      const portNum = num(p.port);
      const allocated = byPort.get(portNum) ?? 0;
      if (allocated === 0) {
        const requested = all.find((q) => num(q.port) === portNum && num(q.nodePort) !== 0);
        if (requested) {
          const want = num(requested.nodePort);
          const err = claimPort(pools, want, key, t);
          if (err) return [invalid(`spec.ports[${i}].nodePort`, want, err)];
          if (target) target.nodePort = want;
          byPort.set(portNum, want);
        } else {
          const got = nextPort(pools, key, i, t);
          if (got === null) return [internalError(`failed to allocate a nodePort: ${ERR_FULL}`)];
          if (target) target.nodePort = got;
          byPort.set(portNum, got);
        }
      } else if (np !== allocated) {
        if (np === 0) {
          if (target) target.nodePort = allocated;
        } else {
          const err = claimPort(pools, np, key, t);
          if (err) return [invalid(`spec.ports[${i}].nodePort`, np, err)];
        }
      }
    }
  }

  // allocHealthCheckNodePort; its failures are internal errors upstream.
  if (needsHealthCheck(spec)) {
    const hc = num(spec.healthCheckNodePort);
    if (hc !== 0) {
      const err = claimPort(pools, hc, key, t);
      if (err) return [internalError(`failed to allocate requested HealthCheck NodePort ${hc}: ${err}`)];
    } else {
      const got = nextPort(pools, key, 'healthCheckNodePort', t);
      if (got === null) return [internalError(`failed to allocate a HealthCheck NodePort 0: ${ERR_FULL}`)];
      spec.healthCheckNodePort = got;
    }
  }
  return [];
}

const needsClusterIP = (spec: Rec) => svcType(spec) !== 'ExternalName';
const needsNodePort = (spec: Rec) => svcType(spec) === 'NodePort' || svcType(spec) === 'LoadBalancer';

/**
 * patchAllocatedValues (pkg/registry/core/service/storage/storage.go, beginUpdate): a client that
 * resubmits its original YAML keeps the values allocated for it. NodePorts are matched by port
 * *name*, and not carried over when the value is already used by another port of the new object.
 */
export function patchAllocatedValues(newSvc: KubeObject, oldSvc: KubeObject): void {
  const spec = specOf(newSvc, true);
  const old = specOf(oldSvc);
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (str(spec.clusterIP) === '' && str(old.clusterIP) !== '') spec.clusterIP = old.clusterIP;
    const oldIPs = strList(old.clusterIPs) ?? [];
    if ((strList(spec.clusterIPs) ?? []).length === 0 && oldIPs.length > 0) spec.clusterIPs = [...oldIPs];
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const used = (s: Rec) => new Set(portsOf(s).map((p) => num(p.nodePort)).filter((n) => n !== 0));
    const newUsed = used(spec);
    const both = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map<string, number>();
    for (const p of portsOf(old)) byName.set(str(p.name), num(p.nodePort));
    for (const raw of Array.isArray(spec.ports) ? spec.ports : []) {
      const p = rec(raw);
      if (!p || num(p.nodePort) !== 0) continue;
      const oldVal = byName.get(str(p.name)) ?? 0;
      if (oldVal !== 0 && !both.has(oldVal)) p.nodePort = oldVal;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(spec) && num(spec.healthCheckNodePort) === 0 && num(old.healthCheckNodePort) !== 0) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}
