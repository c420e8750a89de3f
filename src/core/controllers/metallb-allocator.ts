// Models MetalLB's IP allocator (metallb internal/allocator/allocator.go Assign/checkSharing/sharingOK/poolFor/isPoolCompatibleWithService, k8salloc Ports/BackendKey) over IPv4 IPAddressPools. Leaves out: IPv6 and dual-stack (the cluster is IPv4), BGP/L2 advertisement, pool statistics; pools are tried in declaration order where MetalLB walks a Go map, and a free address is found by hashing the Service key and probing (stable under unrelated edits) where MetalLB takes the lowest free one.
import type { ServiceState } from '../cluster/state';
import type { KubeObject } from '../model/types';
import { fnv1a } from '../model/hash';
import { rec } from '../manifest/validate/types';
import { parsePoolAddresses } from '../manifest/validate/ipaddresspool';
import { formatIPv4 as intToIP, parseIPv4 as ipToInt } from '../net/ipv4';

export interface Pool {
  name: string;
  autoAssign: boolean;
  avoidBuggyIPs: boolean;
  /** inclusive IPv4 ranges as 32-bit numbers, in declaration order */
  ranges: { first: number; last: number }[];
  /** spec.serviceAllocation; null when absent */
  allocation: { priority: number; namespaces: string[]; namespaceSelectors: unknown[]; serviceSelectors: unknown[] } | null;
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** config.addressPoolFromCR (IPv4 part): name, autoAssign (default true), avoidBuggyIPs, ranges, allocation. */
export function poolFromObject(obj: KubeObject): Pool | null {
  const spec = rec(obj.spec) ?? {};
  const ranges = parsePoolAddresses(obj).map((r) => ({ first: ipToInt(r.first)!, last: ipToInt(r.last)! }));
  if (!ranges.length) return null;
  const sa = rec(spec.serviceAllocation);
  return {
    name: obj.metadata?.name ?? '',
    autoAssign: spec.autoAssign !== false,
    avoidBuggyIPs: spec.avoidBuggyIPs === true,
    ranges,
    allocation: sa
      ? {
          priority: typeof sa.priority === 'number' ? sa.priority : 0,
          namespaces: arr(sa.namespaces).filter((x): x is string => typeof x === 'string'),
          namespaceSelectors: arr(sa.namespaceSelectors),
          serviceSelectors: arr(sa.serviceSelectors),
        }
      : null,
  };
}

/** metav1.LabelSelector matching (matchLabels + matchExpressions). */
export function selectorMatches(sel: unknown, labels: Record<string, string>): boolean {
  const s = rec(sel) ?? {};
  for (const [k, v] of Object.entries(rec(s.matchLabels) ?? {})) if (labels[k] !== v) return false;
  for (const raw of arr(s.matchExpressions)) {
    const e = rec(raw) ?? {};
    const key = String(e.key ?? '');
    const values = arr(e.values).map(String);
    const has = key in labels;
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** ipConfusesBuggyFirmwares: IPv4 addresses ending in .0 or .255. */
const buggy = (ip: number): boolean => (ip & 0xff) === 0 || (ip & 0xff) === 255;

/** A Port as MetalLB prints it ("TCP/80"). */
export const portsOf = (svc: ServiceState): string[] => svc.ports.map((p) => `${p.protocol}/${p.port}`);
/** SharingKey: metallb.io/allow-shared-ip, else the deprecated metallb.universe.tf one. */
export function sharingKeyOf(svc: ServiceState): string {
  const a = svc.object.metadata?.annotations ?? {};
  return 'metallb.io/allow-shared-ip' in a ? a['metallb.io/allow-shared-ip'] : (a['metallb.universe.tf/allow-shared-ip'] ?? '');
}
/** BackendKey: with externalTrafficPolicy Local, the selector as labels.Set.String() (sorted k=v,…). */
export function backendKeyOf(svc: ServiceState): string {
  if (svc.externalTrafficPolicy !== 'Local') return '';
  if (svc.object.metadata?.annotations?.['metallb.universe.tf/enforced-single-node'] === 'yes') return '';
  return Object.entries(svc.selector ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

interface Use {
  sharing: string;
  backend: string;
  ports: Map<string, string>;
  services: Set<string>;
}

/** Go's %q of a []net.IP: each address quoted, space separated, in brackets. */
export const quoteIPs = (ips: (string | null)[]): string => `[${ips.map((ip) => `"${ip ?? '<nil>'}"`).join(' ')}]`;

export class Allocator {
  private uses = new Map<string, Use>();
  private assigned = new Map<string, { pool: string; ips: string[] }>();
  constructor(readonly pools: Pool[]) {}

  /** poolFor: the first pool holding every address (a buggy address does not count when avoided). */
  poolFor(ips: (string | null)[]): Pool | null {
    for (const p of this.pools) {
      const all = ips.every((s) => {
        const ip = s === null ? null : ipToInt(s);
        return ip !== null && !(p.avoidBuggyIPs && buggy(ip)) && p.ranges.some((r) => ip >= r.first && ip <= r.last);
      });
      if (all && ips.length) return p;
    }
    return null;
  }

  compatible(p: Pool, svc: ServiceState): boolean {
    const a = p.allocation;
    if (!a) return true;
    // namespaceSelectors are resolved against namespace labels; only kubernetes.io/metadata.name is known.
    const nsLabels = { 'kubernetes.io/metadata.name': svc.namespace };
    const namespaces = a.namespaces.length > 0 || a.namespaceSelectors.length > 0;
    if (namespaces && !a.namespaces.includes(svc.namespace) && !a.namespaceSelectors.some((s) => selectorMatches(s, nsLabels))) return false;
    if (a.serviceSelectors.length > 0) return a.serviceSelectors.some((s) => selectorMatches(s, svc.object.metadata?.labels ?? {}));
    return true;
  }

  /** checkSharing: an address in use needs a compatible sharing key (unless the only user is this Service) and free ports. */
  checkSharing(key: string, ip: string, ports: string[], sharing: string, backend: string): string | null {
    const use = this.uses.get(ip);
    if (!use) return null;
    const ok = use.sharing !== '' && sharing !== '' && use.sharing === sharing && use.backend === backend;
    if (!ok) {
      const others = [...use.services].filter((s) => s !== key);
      if (others.length > 0) return `can't change sharing key for "${key}", address also in use by ${others.join(',')}`;
    }
    for (const p of ports) {
      const cur = use.ports.get(p);
      if (cur !== undefined && cur !== key) return `port ${p} is already in use on "${ip}"`;
    }
    return null;
  }

  /** Assign: the addresses must lie in one pool compatible with the Service, each shareable. */
  assign(key: string, svc: ServiceState, ips: (string | null)[]): string | null {
    const pool = this.poolFor(ips);
    if (!pool) return `${quoteIPs(ips)} is not allowed in config`;
    if (!this.compatible(pool, svc)) return `pool ${pool.name} not compatible for ip assignment`;
    if (ips.length > 2) return `more than two addresses ${quoteIPs(ips)}`;
    const [ports, sharing, backend] = [portsOf(svc), sharingKeyOf(svc), backendKeyOf(svc)];
    for (const ip of ips as string[]) {
      const err = this.checkSharing(key, ip, ports, sharing, backend);
      if (err) return err;
    }
    this.unassign(key);
    for (const ip of ips as string[]) {
      let use = this.uses.get(ip);
      if (!use) this.uses.set(ip, (use = { sharing, backend, ports: new Map(), services: new Set() }));
      use.sharing = sharing;
      use.backend = backend;
      for (const p of ports) use.ports.set(p, key);
      use.services.add(key);
    }
    this.assigned.set(key, { pool: pool.name, ips: ips as string[] });
    return null;
  }

  unassign(key: string): void {
    const a = this.assigned.get(key);
    if (!a) return;
    this.assigned.delete(key);
    for (const ip of a.ips) {
      const use = this.uses.get(ip)!;
      use.services.delete(key);
      for (const [p, owner] of [...use.ports]) if (owner === key) use.ports.delete(p);
      if (use.ports.size === 0) this.uses.delete(ip);
    }
  }

  pool(key: string): string {
    return this.assigned.get(key)?.pool ?? '';
  }

  /**
   * getIPFromCIDR for one pool: addresses already shared under the same key first (as MetalLB's
   * lowest-first walk reaches them before fresh ones), then a slot derived from the Service key,
   * probing forward through the pool's ranges. null: the pool has no usable address.
   */
  freeIP(pool: Pool, key: string, svc: ServiceState): string | null {
    const [ports, sharing, backend] = [portsOf(svc), sharingKeyOf(svc), backendKeyOf(svc)];
    const usable = (ip: number) => !(pool.avoidBuggyIPs && buggy(ip)) && this.checkSharing(key, intToIP(ip), ports, sharing, backend) === null;
    if (sharing !== '') {
      const shared = [...this.uses.entries()].filter(([ip, u]) => u.sharing === sharing && this.poolFor([ip]) === pool).map(([ip]) => ipToInt(ip)!);
      for (const ip of shared.sort((a, b) => a - b)) if (usable(ip)) return intToIP(ip);
    }
    const size = pool.ranges.reduce((n, r) => n + (r.last - r.first + 1), 0);
    const start = fnv1a(key) % size;
    for (let k = 0; k < size; k++) {
      let off = (start + k) % size;
      for (const r of pool.ranges) {
        const n = r.last - r.first + 1;
        if (off < n) {
          const ip = r.first + off;
          if (usable(ip)) return intToIP(ip);
          break;
        }
        off -= n;
      }
    }
    return null;
  }
}
