// Models kube-proxy's Service/endpoint view (pkg/proxy/serviceport.go newBaseServiceInfo, pkg/proxy/endpointslicecache.go, pkg/proxy/topology.go CategorizeEndpoints). Leaves out: topology hints, IPv6.
// Indexed once per ClusterState for the rule builder and the fast decision.
import type { ClusterState, EndpointState, ServicePortState, ServiceState } from '../../cluster/state';
import { servicePortKey } from '../../cluster/state';
import { rec } from '../../manifest/validate/types';
import { parseCIDR4 } from '../../net/ipv4';
import {
  endpointString,
  serviceExternalChainName,
  serviceFirewallChainName,
  servicePortEndpointChainName,
  servicePortNameString,
  servicePortPolicyClusterChain,
  servicePortPolicyLocalChainName,
} from './names';
import { DEFAULT_PROXY_OPTIONS, type ProxyOptions } from './types';
import { ip4Key } from './ip4';

/** One Service port as the iptables proxier holds it (servicePortInfo). */
export interface SvcPort {
  /** position in the dump order: sorted by "ns/name", then the Service's port order */
  index: number;
  /** the rules differ between nodes (Local policies, or the firewall chain's node-IP check) */
  nodeDep: boolean;
  /** the port's built rules when they are the same on every node (node-cache.ts) */
  built: unknown;
  affinity: boolean;
  /** svc.key and port.name, read by every decision (kept here so a decision need not visit both objects) */
  svcKey: ServiceState['key'];
  portName: string;
  svc: ServiceState;
  port: ServicePortState;
  /** ServicePortName.String(): "ns/name:port" */
  name: string;
  /** lower-case protocol, as in `-m tcp -p tcp` */
  proto: string;
  clusterIP: string;
  /** endpoints deduplicated by "ip:port" and sorted by that string (byEndpoint) */
  eps: EndpointState[];
  epStrings: string[];
  itpLocal: boolean;
  /** apiservice.ExternalPolicyLocal */
  etpLocal: boolean;
  /** ExternallyAccessible(): nodePort, load-balancer VIPs or external IPs */
  externallyAccessible: boolean;
  usesCluster: boolean;
  usesLocal: boolean;
  /** some endpoint anywhere is usable (ready, or serving and terminating) */
  hasEndpoints: boolean;
  externalIPs: string[];
  lbVIPs: string[];
  /** loadBalancerSourceRanges, trimmed and normalised (IPNet.String()) */
  sourceRanges: string[];
  nodePort: number;
  hcNodePort: number;
  stickySeconds: number;
  /** nodes holding a usable endpoint, for the Local policies */
  localNodes: Set<string> | null;
  /** chain names, computed on first use (chainNames) */
  names: SvcPortChains | undefined;
}

export interface SvcPortChains {
  svc: string;
  svl: string;
  ext: string;
  fw: string;
  /** KUBE-SEP-… of each endpoint, aligned with eps */
  sep: string[];
}

/** The port's chain names (hashed once per state, whatever the node). */
export function chainNames(sp: SvcPort): SvcPortChains {
  return (sp.names ??= {
    svc: servicePortPolicyClusterChain(sp.name, sp.proto),
    svl: servicePortPolicyLocalChainName(sp.name, sp.proto),
    ext: serviceExternalChainName(sp.name, sp.proto),
    fw: serviceFirewallChainName(sp.name, sp.proto),
    sep: sp.epStrings.map((e) => servicePortEndpointChainName(sp.name, sp.proto, e)),
  });
}

/** The Service ports capturing one destination address, one entry per port/protocol (a list: usually one). */
export interface VipPorts {
  pk: number;
  /** sps.length and sps[0], so the usual single port is read without visiting the array */
  n: number;
  sp0: SvcPort;
  /** sp0's built rules once a decision asked for them, when they are the same on every node (decide.ts) */
  spr0: unknown;
  sps: SvcPort[];
  next: VipPorts | null;
}

/** Port and protocol as one number, for the destination indexes. */
export function portKey(port: number, protocol: string): number {
  return port * 4 + (protocol === 'TCP' ? 0 : protocol === 'UDP' ? 1 : protocol === 'SCTP' ? 2 : 3);
}

/** Top-level chains whose rules interleave the Service ports, in this order. */
export const TOP = ['natServices', 'natNodePorts', 'filterServices', 'filterExternal', 'filterFirewall', 'filterNodePorts'] as const;
export const NTOP = TOP.length;

export interface StateIndex {
  opts: ProxyOptions;
  /** --cluster-cidr as IPNet.String(), or '' when local traffic cannot be detected */
  clusterCIDR: string;
  sps: SvcPort[];
  /** destination IP → the Service ports capturing it (ClusterIP, external IP, LB VIP), by portKey */
  vips: Map<string, VipPorts>;
  /** the same for the canonical addresses, keyed by ip4Key (no key strings to compare on a lookup) */
  vipsByKey: Map<number, VipPorts>;
  /** portKey(nodePort) → Service ports */
  nodePorts: Map<number, SvcPort[]>;
  /** health check node port → Service ports (TCP) */
  hcPorts: Map<number, SvcPort[]>;
  /** prefix sums of each port's rule count per TOP chain, for a node without local endpoints */
  basePrefix: Int32Array;
  /** node → indexes of the Local-policy ports that have usable endpoints on it (ascending) */
  localByNode: Map<string, number[]>;
  largeClusterMode: boolean;
  /** per-node caches (decide.ts) */
  nodes: Map<string, unknown>;
  /** built rules of the Service ports whose rules do not depend on the node (node-cache.ts) */
  shared: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const isV4 = (ip: string) => !ip.includes(':');

/** The usable endpoints of a Service port on one node (pkg/proxy/topology.go CategorizeEndpoints,
 *  without topology hints: EndpointState carries none). */
export function categorizeEndpoints(sp: SvcPort, nodeName: string): { cluster: EndpointState[]; local: EndpointState[]; all: EndpointState[]; hasAny: boolean } {
  let cluster: EndpointState[] = [];
  let local: EndpointState[] = [];
  let hasAny = false;
  const eps = sp.eps;
  if (sp.usesCluster) {
    cluster = eps.filter((ep) => ep.ready);
    // No ready endpoints anywhere: fall back to serving-terminating ones.
    if (cluster.length === 0) cluster = eps.filter((ep) => ep.serving && ep.terminating);
    if (cluster.length > 0) hasAny = true;
  }
  if (!sp.usesLocal) return { cluster, local, all: cluster, hasAny };
  let localReady = false;
  let localST = false;
  for (const ep of eps) {
    const isLocal = ep.nodeName === nodeName;
    if (ep.ready) {
      hasAny = true;
      if (isLocal) localReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAny = true;
      if (isLocal) localST = true;
    }
  }
  let useST = false;
  if (localReady) local = eps.filter((ep) => ep.nodeName === nodeName && ep.ready);
  else if (localST) {
    useST = true;
    local = eps.filter((ep) => ep.nodeName === nodeName && ep.serving && ep.terminating);
  }
  if (!sp.usesCluster) return { cluster, local, all: local, hasAny };
  if (!useST) return { cluster, local, all: cluster, hasAny };
  // Union of both lists (upstream builds it through a map; the SEP chains are sorted in the dump anyway).
  const seen = new Set<EndpointState>(cluster);
  return { cluster, local, all: [...cluster, ...local.filter((ep) => !seen.has(ep))], hasAny };
}

/** hasInternalEndpoints / hasExternalEndpoints of syncProxyRules, given whether local endpoints exist. */
export function endpointFlags(sp: SvcPort, localNonEmpty: boolean): { hasInternal: boolean; hasExternal: boolean } {
  const local = sp.hasEndpoints && localNonEmpty;
  return { hasInternal: sp.itpLocal ? local : sp.hasEndpoints, hasExternal: sp.etpLocal ? local : sp.hasEndpoints };
}

export function usesFWChain(sp: SvcPort): boolean {
  return sp.hasEndpoints && sp.lbVIPs.length > 0 && sp.sourceRanges.length > 0;
}

export function localhostNodePortRule(opts: ProxyOptions): boolean {
  return opts.localhostNodePorts && opts.nfacct;
}

/** How many rules a Service port adds to each TOP chain (in TOP order). */
export function topCounts(sp: SvcPort, opts: ProxyOptions, hasInternal: boolean, hasExternal: boolean): number[] {
  const nExt = sp.externalIPs.length + sp.lbVIPs.length;
  return [
    (hasInternal ? 1 : 0) + (sp.hasEndpoints ? nExt : 0),
    sp.nodePort && sp.hasEndpoints ? (localhostNodePortRule(opts) ? 2 : 1) : 0,
    hasInternal ? 0 : 1,
    hasExternal ? 0 : nExt + (sp.nodePort ? 1 : 0),
    usesFWChain(sp) ? sp.lbVIPs.length : 0,
    sp.hcNodePort ? 1 : 0,
  ];
}

function lbVIPs(svc: ServiceState): string[] {
  // proxyutil.IsVIPMode: ingress entries with ipMode Proxy are not captured by kube-proxy.
  const ingress = rec(rec(svc.object?.status)?.loadBalancer)?.ingress;
  const proxyMode = new Set<string>();
  if (Array.isArray(ingress)) for (const i of ingress) if (rec(i)?.ipMode === 'Proxy' && str(rec(i)?.ip)) proxyMode.add(str(rec(i)?.ip)!);
  return svc.loadBalancerIPs.filter((ip) => ip !== '' && isV4(ip) && !proxyMode.has(ip));
}

function sourceRanges(svc: ServiceState): string[] {
  const raw = rec(svc.object?.spec)?.loadBalancerSourceRanges;
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const r of raw) {
    const c = typeof r === 'string' ? parseCIDR4(r.trim()) : null;
    if (c) out.push(c.toString());
  }
  return out;
}

function externallyAccessibleService(svc: ServiceState): boolean {
  return svc.type === 'LoadBalancer' || svc.type === 'NodePort' || (svc.type === 'ClusterIP' && svc.externalIPs.length > 0);
}

/** Endpoints of one Service port: deduplicated by "ip:port" (first wins) and sorted (byEndpoint). */
function portEndpoints(list: EndpointState[] | undefined): { eps: EndpointState[]; strs: string[] } {
  if (!list || list.length === 0) return { eps: [], strs: [] };
  const byStr = new Map<string, EndpointState>();
  for (const ep of list) {
    if (!ep.ip || !isV4(ep.ip) || !(ep.port > 0)) continue;
    const s = endpointString(ep.ip, ep.port);
    if (!byStr.has(s)) byStr.set(s, ep);
  }
  const strs = [...byStr.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { eps: strs.map((s) => byStr.get(s)!), strs };
}

function svcPorts(state: ClusterState): SvcPort[] {
  const services = state.services
    .filter((s) => s.clusterIP !== null && s.type !== 'ExternalName' && isV4(s.clusterIP))
    .map((s) => ({ s, k: `${s.namespace}/${s.name}` }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const out: SvcPort[] = [];
  for (const { s: svc } of services) {
    const etpLocal = svc.externalTrafficPolicy === 'Local' && externallyAccessibleService(svc);
    const itpLocal = svc.internalTrafficPolicy === 'Local';
    const vips = lbVIPs(svc);
    const extIPs = svc.externalIPs.filter(isV4);
    const ranges = sourceRanges(svc);
    const hc = svc.type === 'LoadBalancer' && etpLocal && svc.healthCheckNodePort ? svc.healthCheckNodePort : 0;
    for (const port of svc.ports) {
      const { eps, strs } = portEndpoints(state.index.endpoints.get(servicePortKey(svc, port)));
      const nodePort = port.nodePort ?? 0;
      const externallyAccessible = nodePort !== 0 || vips.length > 0 || extIPs.length > 0;
      const usesCluster = !itpLocal || externallyAccessible;
      const usesLocal = itpLocal || (etpLocal && externallyAccessible);
      const hasEndpoints = eps.some((ep) => ep.ready || (ep.serving && ep.terminating));
      let localNodes: Set<string> | null = null;
      if (usesLocal) {
        localNodes = new Set();
        for (const ep of eps) if (ep.nodeName && (ep.ready || (ep.serving && ep.terminating))) localNodes.add(ep.nodeName);
      }
      // Fields in the interface's order: the ones every decision reads come first (one cache line).
      out.push({
        index: out.length,
        nodeDep: usesLocal || (hasEndpoints && vips.length > 0 && ranges.length > 0),
        built: undefined,
        affinity: svc.sessionAffinity === 'ClientIP',
        svcKey: svc.key,
        portName: port.name,
        svc,
        port,
        name: servicePortNameString(svc.namespace, svc.name, port.name),
        proto: port.protocol.toLowerCase(),
        clusterIP: svc.clusterIP!,
        eps,
        epStrings: strs,
        itpLocal,
        etpLocal,
        externallyAccessible,
        usesCluster,
        usesLocal,
        hasEndpoints,
        externalIPs: extIPs,
        lbVIPs: vips,
        sourceRanges: ranges,
        nodePort,
        hcNodePort: hc,
        stickySeconds: svc.affinityTimeoutSeconds,
        localNodes,
        names: undefined,
      });
    }
  }
  return out;
}

const cache = new WeakMap<ClusterState, Map<string | ProxyOptions, StateIndex>>();

export function resolveOptions(opts?: Partial<ProxyOptions>): ProxyOptions {
  return opts ? { ...DEFAULT_PROXY_OPTIONS, ...opts } : DEFAULT_PROXY_OPTIONS;
}

/** The per-state index, built lazily once per (state, options). */
export function stateIndex(state: ClusterState, opts: ProxyOptions): StateIndex {
  let perState = cache.get(state);
  if (!perState) cache.set(state, (perState = new Map()));
  // Fast path for the decision engine, which always passes the same options object.
  const hit = perState.get(opts);
  if (hit) return hit;
  const key = JSON.stringify(opts);
  let idx = perState.get(key);
  if (!idx) perState.set(key, (idx = buildStateIndex(state, opts)));
  perState.set(opts, idx);
  return idx;
}

function buildStateIndex(state: ClusterState, opts: ProxyOptions): StateIndex {
  const cidrText = opts.clusterCIDR ?? state.topology.net.podSubnet ?? '';
  const cidr = cidrText ? parseCIDR4(cidrText) : null;
  const sps = svcPorts(state);
  const vips = new Map<string, VipPorts>();
  const vipsByKey = new Map<number, VipPorts>();
  const nodePorts = new Map<number, SvcPort[]>();
  const hcPorts = new Map<number, SvcPort[]>();
  const add = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  const basePrefix = new Int32Array((sps.length + 1) * NTOP);
  const localByNode = new Map<string, number[]>();
  let totalEndpoints = 0;
  for (const sp of sps) {
    const P = sp.port.protocol;
    const pk = portKey(sp.port.port, P);
    for (const ip of new Set([sp.clusterIP, ...sp.externalIPs, ...sp.lbVIPs])) {
      let e = vips.get(ip) ?? null;
      while (e && e.pk !== pk) e = e.next;
      if (e) {
        e.sps.push(sp);
        e.n++;
        continue;
      }
      e = { pk, n: 1, sp0: sp, spr0: undefined, sps: [sp], next: vips.get(ip) ?? null };
      vips.set(ip, e);
      const key = ip4Key(ip);
      if (key === key) vipsByKey.set(key, e);
    }
    if (sp.nodePort) add(nodePorts, portKey(sp.nodePort, P), sp);
    if (sp.hcNodePort) add(hcPorts, sp.hcNodePort, sp);
    totalEndpoints += sp.eps.length;
    const { hasInternal, hasExternal } = endpointFlags(sp, false);
    const counts = topCounts(sp, opts, hasInternal, hasExternal);
    for (let c = 0; c < NTOP; c++) basePrefix[(sp.index + 1) * NTOP + c] = basePrefix[sp.index * NTOP + c] + counts[c];
    if (sp.localNodes) for (const n of sp.localNodes) add(localByNode, n, sp.index);
  }
  return {
    opts,
    clusterCIDR: cidr ? cidr.toString() : '',
    sps,
    vips,
    vipsByKey,
    nodePorts,
    hcPorts,
    basePrefix,
    localByNode,
    // largeClusterEndpointsThreshold = 1000: past it, per-endpoint rules lose their comments.
    largeClusterMode: totalEndpoints > 1000,
    nodes: new Map(),
    shared: null,
  };
}
