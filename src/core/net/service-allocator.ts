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
import { fnv1a } from '../model/hash';
import type { KubeObject } from '../model/types';
import type { ClusterNetConfig } from '../manifest/validate/types';
import { rec } from '../manifest/validate/types';
import { initIPFamilyFields } from '../manifest/validate/service-families';
import { type Rec, needsHealthCheck, num, portsOf, specOf, str, strList, svcType } from '../manifest/validate/service-wire';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from '../manifest/validate/service-update';
import { formatIPv4, parseCIDR4, parseIPv4 } from './ipv4';

export { patchAllocatedValues };

export interface ServiceAllocator {
  /** BeginCreate: fills ipFamilies/ipFamilyPolicy/clusterIP(s)/nodePorts/healthCheckNodePort in place. */
  allocate(svc: KubeObject, key: string): FieldError[];
  /** Undo what allocate() took for this object (validation failed later), or free a deleted Service's values. */
  release(svc: KubeObject): void;
  /** Mark an IP as taken (system Services' fixed IPs). `key` lets that Service later claim it. */
  reserve(ip: string, key?: string): void;
  /**
   * BeginUpdate + PrepareForUpdate for an update of the Service `key`, after default() and
   * patchAllocatedValues(): normalizeClusterIPs, allocateUpdate (values for a type change,
   * releases of values no longer used), then dropTypeDependentFields. Call commit() once
   * validateUpdate passed (old values are freed), revert() otherwise (new values are freed).
   */
  allocateUpdate(newSvc: KubeObject, oldSvc: KubeObject, key: string): UpdateAllocation;
  /** How many addresses and ports are taken (pinned ones apart). */
  held(): number;
}

export interface UpdateAllocation {
  errors: FieldError[];
  commit(): void;
  revert(): void;
}

/**
 * A copy of a Service that allocate() may write into without touching the original: allocation
 * assigns only top-level spec fields (clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy,
 * healthCheckNodePort; a missing spec) and ports' nodePort, so the spec and its port objects are
 * copied and everything else is shared. Much cheaper than a deep clone of every Service per load.
 */
export function allocationCopy(svc: KubeObject): KubeObject {
  const spec = rec(svc.spec);
  if (!spec) return { ...svc };
  const copy: Rec = { ...spec };
  if (Array.isArray(spec.ports)) copy.ports = spec.ports.map((p: unknown) => (rec(p) ? { ...(p as Rec) } : p));
  return { ...svc, spec: copy };
}

/** The values allocate() writes, as text: two copies of one Service allocated alike give the same
 *  (null when they cannot be written out, e.g. a cycle through YAML aliases: then never the same). */
export function allocatedValues(svc: KubeObject): string | null {
  const spec = rec(svc.spec);
  if (!spec) return '';
  const ports = Array.isArray(spec.ports) ? spec.ports.map((p: unknown) => rec(p)?.nodePort ?? null) : null;
  try {
    return JSON.stringify([spec.clusterIP, spec.clusterIPs, spec.ipFamilies, spec.ipFamilyPolicy, spec.healthCheckNodePort, ports]);
  } catch {
    return null;
  }
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

/** The allocation hash: model/hash fnv1a over the parts joined with NUL (so ("a","bc") ≠ ("ab","c")). */
const slotHash = (...parts: (string | number)[]): number => fnv1a(parts.join('\u0000'));

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

interface Pools {
  ips: BandPool;
  ports: BandPool;
  /** First allocatable address (network + 1). */
  firstIP: number;
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
    allocateUpdate(newSvc, oldSvc, key) {
      const t: Taken = { ips: [], ports: [] };
      const freed: Taken = { ips: [], ports: [] };
      const errors = allocateUpdate(pools, newSvc, oldSvc, key, t, freed);
      if (errors.length) undo(t);
      const done = { v: errors.length > 0 };
      return {
        errors,
        commit() {
          if (done.v) return;
          done.v = true;
          for (const s of freed.ips) if (pools.ips.owners.get(s) === key) pools.ips.owners.delete(s);
          for (const s of freed.ports) if (pools.ports.owners.get(s) === key) pools.ports.owners.delete(s);
        },
        revert() {
          if (done.v) return;
          done.v = true;
          undo(t);
        },
      };
    },
    held() {
      return pools.ips.owners.size + pools.ports.owners.size;
    },
    reserve(ip, key = '') {
      const n = parseIPv4(ip);
      if (n !== null && n >= firstIP && n < firstIP + hosts) pools.ips.owners.set(n - firstIP, key);
    },
  };
}

/** Explicit IP: MetaAllocator.getAllocator (PrefixContainsIP) then Allocator.allocateService. */
function claimIP(pools: Pools, ip: string, key: string, t: Taken): string | null {
  const n = parseIPv4(ip);
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
function claimPort(pools: Pools, port: number, key: string, t: Taken): string | null {
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
function nextPort(pools: Pools, key: string, salt: string | number, t: Taken): number | null {
  const slot = pools.ports.next(slotHash(pools.seed, key, 'nodePort', salt));
  if (slot === null) return null;
  pools.ports.owners.set(slot, key);
  t.ports.push(slot);
  return pools.portBase + slot;
}

function nextIP(pools: Pools, key: string, t: Taken): string | null {
  const slot = pools.ips.next(slotHash(pools.seed, key, 'clusterIP'));
  if (slot === null) return null;
  pools.ips.owners.set(slot, key);
  t.ips.push(slot);
  return formatIPv4(pools.firstIP + slot);
}

/** Allocators.allocClusterIPs: ExternalName and headless Services get none. */
function allocClusterIPs(pools: Pools, spec: Rec, key: string, t: Taken): FieldError[] {
  const ips = strList(spec.clusterIPs) ?? [];
  if (svcType(spec) === 'ExternalName' || (ips.length > 0 && ips[0] === 'None')) return [];
  const requested = ips[0] ?? '';
  if (requested === '') {
    const ip = nextIP(pools, key, t);
    if (ip === null) return [internalError(`failed to allocate a serviceIP: ${ERR_FULL}`)];
    spec.clusterIP = ip;
    spec.clusterIPs = [ip, ...ips.slice(1)];
    return [];
  }
  const err = claimIP(pools, requested, key, t);
  return err ? [invalid('spec.clusterIPs', [...ips], `failed to allocate IP ${requested}: ${err}`)] : [];
}

/** allocHealthCheckNodePort; its failures are internal errors upstream. */
function allocHealthCheckNodePort(pools: Pools, spec: Rec, key: string, t: Taken): FieldError[] {
  const hc = num(spec.healthCheckNodePort);
  if (hc !== 0) {
    const err = claimPort(pools, hc, key, t);
    return err ? [internalError(`failed to allocate requested HealthCheck NodePort ${hc}: ${err}`)] : [];
  }
  const got = nextPort(pools, key, 'healthCheckNodePort', t);
  if (got === null) return [internalError(`failed to allocate a HealthCheck NodePort 0: ${ERR_FULL}`)];
  spec.healthCheckNodePort = got;
  return [];
}

/** shouldAllocateNodePorts: NodePort always; LoadBalancer unless allocateLoadBalancerNodePorts is false. */
const shouldAllocateNodePorts = (spec: Rec) =>
  svcType(spec) === 'NodePort' || (svcType(spec) === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
const isNodePortType = (spec: Rec) => svcType(spec) === 'NodePort' || svcType(spec) === 'LoadBalancer';

/** Allocators.allocateCreate */
function allocateCreate(pools: Pools, svc: KubeObject, key: string, t: Taken): FieldError[] {
  const spec = specOf(svc, true);
  const famErrs = initIPFamilyFields(spec);
  if (famErrs.length) return famErrs;

  const ipErrs = allocClusterIPs(pools, spec, key, t);
  if (ipErrs.length) return ipErrs;
  const type = svcType(spec);

  // txnAllocNodePorts → initNodePorts
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    const all = portsOf(spec);
    const auto = shouldAllocateNodePorts(spec);
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

  return needsHealthCheck(spec) ? allocHealthCheckNodePort(pools, spec, key, t) : [];
}

/** Slot of a value this Service owns (to be freed on commit), or null. */
function ownedIP(pools: Pools, ip: string, key: string): number | null {
  const n = parseIPv4(ip);
  const slot = n === null ? -1 : n - pools.firstIP;
  return slot >= 0 && pools.ips.owners.get(slot) === key ? slot : null;
}
function ownedPort(pools: Pools, port: number, key: string): number | null {
  const slot = port - pools.portBase;
  return port !== 0 && pools.ports.owners.get(slot) === key ? slot : null;
}

/** Allocators.allocateUpdate (initIPFamilyFields, updateClusterIPs, txnUpdateNodePorts) + strategy. */
function allocateUpdate(pools: Pools, newSvc: KubeObject, oldSvc: KubeObject, key: string, t: Taken, freed: Taken): FieldError[] {
  normalizeClusterIPs(newSvc, oldSvc);
  const spec = specOf(newSvc, true);
  const old = specOf(oldSvc);
  const famErrs = initIPFamilyFields(spec, old);
  if (famErrs.length) return famErrs;
  const oldIPs = strList(old.clusterIPs) ?? [];
  if (svcType(old) === 'ExternalName' && svcType(spec) !== 'ExternalName') {
    const errs = allocClusterIPs(pools, spec, key, t);
    if (errs.length) return errs;
  } else if (!(oldIPs.length > 0 && oldIPs[0] === 'None') && svcType(spec) === 'ExternalName') {
    for (const ip of oldIPs) {
      const slot = ownedIP(pools, ip, key);
      if (slot !== null) freed.ips.push(slot);
    }
  }
  const oldNums = portsOf(old).map((p) => num(p.nodePort)).filter((n) => n !== 0);
  if (isNodePortType(old) && !isNodePortType(spec)) {
    for (const n of oldNums) {
      const slot = ownedPort(pools, n, key);
      if (slot !== null) freed.ports.push(slot);
    }
  }
  if (isNodePortType(spec)) {
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    const seen = new Set<string>();
    const claimed = new Set<number>();
    for (let i = 0; i < ports.length; i++) {
      const p = rec(ports[i]) ?? {};
      let np = num(p.nodePort);
      if (np === 0 && !shouldAllocateNodePorts(spec)) continue;
      if (np !== 0) {
        if (!oldNums.includes(np) && !claimed.has(np)) {
          const err = claimPort(pools, np, key, t);
          if (err) return [invalid(`spec.ports[${i}].nodePort`, np, err)];
          claimed.add(np);
        }
      } else {
        const got = nextPort(pools, key, i, t);
        if (got === null) return [internalError(`failed to allocate a nodePort: ${ERR_FULL}`)];
        if (rec(ports[i])) p.nodePort = got;
        np = got;
      }
      const id = `${str(p.protocol)} ${np}`;
      if (seen.has(id)) return [internalError(`duplicate nodePort: {${id}}`)];
      seen.add(id);
    }
    const newNums = new Set(portsOf(spec).map((p) => num(p.nodePort)));
    for (const n of oldNums) {
      const slot = newNums.has(n) ? null : ownedPort(pools, n, key);
      if (slot !== null) freed.ports.push(slot);
    }
  }
  if (!needsHealthCheck(old) && needsHealthCheck(spec)) {
    const errs = allocHealthCheckNodePort(pools, spec, key, t);
    if (errs.length) return errs;
  } else if (needsHealthCheck(old) && !needsHealthCheck(spec)) {
    const slot = ownedPort(pools, num(old.healthCheckNodePort), key);
    if (slot !== null) freed.ports.push(slot);
  }
  dropTypeDependentFields(newSvc, oldSvc);
  return [];
}

