// Models MetalLB's controller (metallb controller/service.go convergeBalancer/allocateIPs/getDesiredLbIPs, main.go SetBalancer, the lb-class filter) and kube-proxy's health-check server for externalTrafficPolicy: Local (pkg/proxy/healthcheck/service_health.go). Leaves out: IPv6/dual-stack, deprecated-annotation events, L2/BGP announcement (every assigned address is reachable).
import type { EndpointState, NodeState, ServiceState } from '../cluster/state';
import type { Diagnostic, KubeObject, ObjectKey } from '../model/types';
import { goQuote } from '../model/field';
import { parseGoIP, isV4, formatIP } from '../manifest/validate/ipaddresspool';
import { Allocator, poolFromObject, quoteIPs, type Pool } from './metallb-allocator';

export type LBProvider = 'auto' | 'none' | 'pool';

/** The range used when MetalLB runs without a declared pool: the top of kind's docker network. */
export const DEFAULT_POOL_RANGE = '192.168.49.200-192.168.49.250';
export const DEFAULT_POOL_NAME = 'default';

const ANN_POOL = 'metallb.io/address-pool';
const ANN_POOL_OLD = 'metallb.universe.tf/address-pool';
const ANN_IPS = 'metallb.io/loadBalancerIPs';
const ANN_IPS_OLD = 'metallb.universe.tf/loadBalancerIPs';
/** The annotation MetalLB writes on the Service with the pool it allocated from. */
export const ANN_ALLOCATED_FROM = 'metallb.io/ip-allocated-from-pool';

export interface LoadBalancerInput {
  services: ServiceState[];
  /** accepted metallb.io/v1beta1 IPAddressPool objects */
  pools: KubeObject[];
  provider: LBProvider;
  nodes: NodeState[];
}

export interface LoadBalancerOutput {
  /** Service key → status.loadBalancer.ingress IPs (LoadBalancer Services that have an address). */
  ingress: Map<ObjectKey, string[]>;
  diagnostics: Diagnostic[];
  /** Service key → the pool MetalLB allocated from (its metallb.io/ip-allocated-from-pool annotation). */
  allocatedFrom: Map<ObjectKey, string>;
}

/** valueForAnnotation: the stable key wins over the deprecated one, even when empty. */
function annotation(svc: ServiceState, stable: string, deprecated: string): string {
  const a = svc.object.metadata?.annotations ?? {};
  if (stable in a) return a[stable];
  return a[deprecated] ?? '';
}

/** getDesiredLbIPs: the annotation or spec.loadBalancerIP (never both), parsed with net.ParseIP. */
function desiredIPs(svc: ServiceState): { ips: string[] } | { error: string } {
  const ann = annotation(svc, ANN_IPS, ANN_IPS_OLD);
  const spec = svc.object.spec as Record<string, unknown> | undefined;
  const lbIP = typeof spec?.loadBalancerIP === 'string' ? spec.loadBalancerIP : '';
  if (ann === '' && lbIP === '') return { ips: [] };
  if (ann !== '' && lbIP !== '') return { error: `service can not have both ${ANN_IPS} and svc.Spec.LoadBalancerIP` };
  if (ann !== '') {
    const ips: string[] = [];
    for (const part of ann.split(',')) {
      const ip = parseGoIP(part.trim());
      if (ip === null) return { error: `invalid ${ANN_IPS}: ${goQuote(ann)}` };
      ips.push(formatIP(ip));
    }
    return { ips };
  }
  const ip = parseGoIP(lbIP);
  return ip === null ? { error: `invalid spec.loadBalancerIP ${goQuote(lbIP)}` } : { ips: [formatIP(ip)] };
}

const v4 = (ip: string): boolean => {
  const p = parseGoIP(ip);
  return p !== null && isV4(p);
};

function warning(svc: ServiceState, reason: string, message: string): Diagnostic {
  return {
    severity: 'warning',
    file: null,
    document: null,
    kind: 'Service',
    namespace: svc.namespace,
    name: svc.name,
    field: null,
    type: null,
    value: null,
    detail: null,
    reason,
    code: null,
    message,
    line: null,
    column: null,
  };
}

/**
 * Assigns status.loadBalancer.ingress to LoadBalancer Services as MetalLB would: pasted addresses that
 * the config still allows are kept; requested addresses (annotation or spec.loadBalancerIP) are honoured
 * or the Service stays pending with MetalLB's error; the rest get an address from the requested pool or
 * any auto-assign pool. Services with a loadBalancerClass are MetalLB's to ignore; with no MetalLB
 * ('none', or 'auto' without a declared pool) every Service keeps what its status already says.
 */
export function runLoadBalancerController(input: LoadBalancerInput): LoadBalancerOutput {
  const ingress = new Map<ObjectKey, string[]>();
  const allocatedFrom = new Map<ObjectKey, string>();
  const diagnostics: Diagnostic[] = [];
  const lbs = input.services.filter((s) => s.type === 'LoadBalancer');
  const provider = input.provider === 'auto' ? (input.pools.length > 0 ? 'pool' : 'none') : input.provider;
  const keep = (s: ServiceState) => {
    if (s.loadBalancerIPs.length) ingress.set(s.key, [...s.loadBalancerIPs]);
  };
  const spec = (s: ServiceState) => (s.object.spec ?? {}) as Record<string, unknown>;
  if (provider === 'none') {
    lbs.forEach(keep);
    return { ingress, diagnostics, allocatedFrom };
  }
  let pools = input.pools.map(poolFromObject).filter((p): p is Pool => p !== null);
  if (input.pools.length === 0) pools = [poolFromObject({ metadata: { name: DEFAULT_POOL_NAME }, spec: { addresses: [DEFAULT_POOL_RANGE] } })!];
  const alloc = new Allocator(pools);
  // filterByLoadBalancerClass: MetalLB runs without --lb-class, so it skips any Service that names one.
  const ours = lbs.filter((s) => {
    if (typeof spec(s).loadBalancerClass === 'string') {
      keep(s);
      return false;
    }
    return true;
  });
  if (pools.length === 0) {
    // convergeBalancer: "pools are empty" clears the state; nothing is assigned.
    return { ingress, diagnostics, allocatedFrom };
  }
  const key = (s: ServiceState) => `${s.namespace}/${s.name}`;
  const done = new Set<ServiceState>();
  const fail = (s: ServiceState, err: string) => diagnostics.push(warning(s, 'AllocationFailed', `Failed to allocate IP for ${goQuote(key(s))}: ${err}`));
  const succeed = (s: ServiceState, ips: string[]) => {
    ingress.set(s.key, ips);
    allocatedFrom.set(s.key, alloc.pool(key(s)));
    done.add(s);
  };

  // 1. The assigned addresses are the end state of convergence: pasted status stays if still allowed.
  for (const s of ours) {
    if (!s.loadBalancerIPs.length) continue;
    const want = desiredIPs(s);
    const pool = annotation(s, ANN_POOL, ANN_POOL_OLD);
    const err = alloc.assign(key(s), s, s.loadBalancerIPs);
    if (err) {
      diagnostics.push(warning(s, 'ClearAssignment', `current IP for ${goQuote(key(s))} not allowed by config, will attempt for new IP assignment: ${err}`));
      continue;
    }
    const samePool = pool === '' || alloc.pool(key(s)) === pool;
    const sameIPs = !('ips' in want) || want.ips.length === 0 || [...want.ips].sort().join() === [...s.loadBalancerIPs].sort().join();
    if ('error' in want) {
      // convergeBalancer reports the bad request and keeps the current state.
      diagnostics.push(warning(s, 'LoadBalancerFailed', `invalid requested loadbalancer IPs: ${want.error}`));
      succeed(s, [...s.loadBalancerIPs]);
    } else if (samePool && sameIPs) succeed(s, [...s.loadBalancerIPs]);
    else alloc.unassign(key(s));
  }
  // 2. allocateIPs for requested addresses, then 3. for everything else.
  const pending = ours.filter((s) => !done.has(s));
  const requested = pending.filter((s) => !('ips' in desiredIPs(s)) || (desiredIPs(s) as { ips: string[] }).ips.length > 0);
  for (const s of [...requested, ...pending.filter((p) => !requested.includes(p))]) {
    const want = desiredIPs(s);
    if ('error' in want) {
      fail(s, want.error);
      continue;
    }
    const poolName = annotation(s, ANN_POOL, ANN_POOL_OLD);
    if (want.ips.length > 0) {
      if (!want.ips.every(v4)) {
        fail(s, `requested loadBalancer IP(s) ${quoteIPs(want.ips)} does not match the ipFamily of the service`);
        continue;
      }
      const err = alloc.assign(key(s), s, want.ips);
      if (err) fail(s, err);
      else if (poolName !== '' && alloc.pool(key(s)) !== poolName) {
        alloc.unassign(key(s));
        fail(s, `requested loadBalancer IP(s) ${quoteIPs(want.ips)} is not compatible with requested address pool ${poolName}`);
      } else succeed(s, want.ips);
      continue;
    }
    if (poolName !== '') {
      // AllocateFromPool: an IPv4 Service asks for the pool's free IPv4 address, nil when there is none.
      const pool = pools.find((p) => p.name === poolName);
      if (!pool) {
        fail(s, `unknown pool ${goQuote(poolName)}`);
        continue;
      }
      const ip = alloc.freeIP(pool, key(s), s);
      const err = alloc.assign(key(s), s, [ip]);
      if (err) fail(s, err);
      else succeed(s, [ip!]);
      continue;
    }
    // Allocate: pinned pools (serviceAllocation, by priority) first, then every auto-assign pool.
    const pinned = pools.filter((p) => p.allocation && p.autoAssign && alloc.compatible(p, s));
    pinned.sort((a, b) => {
      const [pa, pb] = [a.allocation!.priority, b.allocation!.priority];
      if (pa > 0 && pb > 0) return pa - pb;
      return pa === 0 && pb > 0 ? 1 : pa > 0 && pb === 0 ? -1 : 0;
    });
    const open = pools.filter((p) => p.autoAssign && !p.allocation);
    let ok = false;
    for (const group of [pinned, open]) {
      for (const pool of group) {
        const ip = alloc.freeIP(pool, key(s), s);
        if (ip && !alloc.assign(key(s), s, [ip])) {
          succeed(s, [ip]);
          ok = true;
          break;
        }
      }
      if (ok) break;
    }
    if (!ok) fail(s, 'no available IPs');
  }
  return { ingress, diagnostics, allocatedFrom };
}

/**
 * kube-proxy's health-check server for a Service with externalTrafficPolicy: Local, answering on
 * healthCheckNodePort of `nodeName`: 200 when the node has a ready local endpoint, else 503, with the
 * JSON body hcHandler.ServeHTTP writes (local endpoints counted once per IP). kube-proxy is healthy.
 */
export function healthCheckNodePortResponse(input: { service: ServiceState; nodeName: string; endpoints: EndpointState[] }): { status: 200 | 503; body: string } {
  const ips = new Set<string>();
  for (const ep of input.endpoints) if (ep.ready && ep.nodeName === input.nodeName) ips.add(ep.ip);
  const count = ips.size;
  const body = [
    '{',
    '\t"service": {',
    `\t\t"namespace": ${goQuote(input.service.namespace)},`,
    `\t\t"name": ${goQuote(input.service.name)}`,
    '\t},',
    `\t"localEndpoints": ${count},`,
    '\t"serviceProxyHealthy": true',
    '}',
  ].join('\n');
  return { status: count !== 0 ? 200 : 503, body };
}
