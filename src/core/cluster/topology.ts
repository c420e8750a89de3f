// Models the cluster's shape as kind builds it (sigs.k8s.io/kind pkg/apis/config/v1alpha4 defaults and
// node naming) and the node IPAM range allocator's /24 per node (pkg/controller/nodeipam).
// Leaves out: IPv6 and dual-stack, multiple clusters, kind's external load balancer container.
import { invalid, notSupported, type FieldError } from '../model/field';
import { fnv1a } from '../model/hash';
import type { KubeObject } from '../model/types';
import { rec, type ClusterNetConfig } from '../manifest/validate/types';
import { parseCIDR4, formatIPv4, parseIPv4 } from '../net/ipv4';

export type NodeRole = 'control-plane' | 'worker';

export interface Topology {
  /** Where the nodes came from. */
  source: 'kind' | 'nodes' | 'default';
  clusterName: string;
  net: ClusterNetConfig;
  /** The mode asked for; every mode is simulated as iptables. */
  kubeProxyMode: string;
  /** The nodes kind (or the default) creates, in creation order. Empty when Node objects define the cluster. */
  nodes: { name: string; role: NodeRole; labels: Record<string, string> }[];
}

export interface KindConfigResult {
  topology: Topology;
  errors: FieldError[];
  warnings: { field: string; message: string }[];
}

const KUBEADM_SERVICE_SUBNET = '10.96.0.0/12';
const KIND_SERVICE_SUBNET = '10.96.0.0/16';
const POD_SUBNET = '10.244.0.0/16';
const NODE_PORT_RANGE = { base: 30000, size: 2768 };
export const CLUSTER_DOMAIN = 'cluster.local';

/** kind names nodes <cluster>-control-plane, -control-plane2, …, -worker, -worker2, … */
export function kindNodeNames(cluster: string, roles: NodeRole[]): string[] {
  const counts = { 'control-plane': 0, worker: 0 };
  return roles.map((r) => {
    counts[r]++;
    return `${cluster}-${r}${counts[r] > 1 ? counts[r] : ''}`;
  });
}

function mkTopology(source: Topology['source'], clusterName: string, roles: NodeRole[], serviceSubnet: string, podSubnet: string, mode: string, labels: Record<string, string>[] = []): Topology {
  const names = kindNodeNames(clusterName, roles);
  return {
    source,
    clusterName,
    net: { serviceSubnet, podSubnet, nodePortRange: NODE_PORT_RANGE, clusterDomain: CLUSTER_DOMAIN },
    kubeProxyMode: mode,
    nodes: names.map((name, i) => ({ name, role: roles[i], labels: labels[i] ?? {} })),
  };
}

/** Without a kind config: one control-plane and two workers, kubeadm's service subnet. */
export function defaultTopology(withNodes: boolean): Topology {
  const t = mkTopology('default', 'kind', ['control-plane', 'worker', 'worker'], KUBEADM_SERVICE_SUBNET, POD_SUBNET, 'iptables');
  return withNodes ? t : { ...t, source: 'nodes', nodes: [] };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Read a `kind: Cluster` (kind.x-k8s.io/v1alpha4) document, applying kind's own defaults. */
export function readKindConfig(value: KubeObject): KindConfigResult {
  const errors: FieldError[] = [];
  const warnings: { field: string; message: string }[] = [];
  const networking = rec(value.networking) ?? {};
  const clusterName = str(value.name) ?? 'kind';
  const rawNodes = Array.isArray(value.nodes) ? value.nodes : [];
  const roles: NodeRole[] = [];
  const labels: Record<string, string>[] = [];
  rawNodes.forEach((n, i) => {
    const role = str(rec(n)?.role) ?? 'control-plane';
    if (role !== 'control-plane' && role !== 'worker') {
      errors.push(notSupported(`nodes[${i}].role`, role, ['control-plane', 'worker']));
      return;
    }
    roles.push(role);
    const l = rec(rec(n)?.labels) ?? {};
    labels.push(Object.fromEntries(Object.entries(l).map(([k, v]) => [k, String(v)])));
  });
  if (rawNodes.length === 0) roles.push('control-plane');
  if (roles.length === 0) roles.push('control-plane');

  const family = str(networking.ipFamily) ?? 'ipv4';
  if (family !== 'ipv4') warnings.push({ field: 'networking.ipFamily', message: `ipFamily ${family} is not simulated; the playground models an IPv4 cluster` });
  const subnet = (field: 'podSubnet' | 'serviceSubnet', dflt: string): string => {
    const v = str(networking[field]);
    if (v === undefined) return dflt;
    const c = parseCIDR4(v);
    if (!c) {
      errors.push(invalid(`networking.${field}`, v, 'must be a valid IPv4 CIDR (e.g. 10.96.0.0/16)'));
      return dflt;
    }
    return v;
  };
  const podSubnet = subnet('podSubnet', POD_SUBNET);
  const serviceSubnet = subnet('serviceSubnet', KIND_SERVICE_SUBNET);
  const mode = str(networking.kubeProxyMode) ?? 'iptables';
  if (mode !== 'iptables') {
    warnings.push({
      field: 'networking.kubeProxyMode',
      message: `kubeProxyMode "${mode}" is simulated as iptables (the only mode the playground models)`,
    });
  }
  return { topology: mkTopology('kind', clusterName, roles, serviceSubnet, podSubnet, mode, labels), errors, warnings };
}

/** kind's ordinal for a node it named: control-planes first, then workers (as its containers get IPs). */
function kindOrdinal(topology: Topology, name: string): number | null {
  const i = topology.nodes.findIndex((n) => n.name === name);
  return i === -1 ? null : i;
}

/**
 * Give every node a podCIDR (a /24 per node, kind-named nodes in kind's order, others by a hash of
 * their name) and an InternalIP in 192.168.49.0/24, keeping any value the text pins.
 */
export function completeNodes(topology: Topology, nodes: KubeObject[], seed: number): KubeObject[] {
  const pod = parseCIDR4(topology.net.podSubnet)!;
  const perNode = 24;
  const slots = pod.prefix <= perNode ? 2 ** (perNode - pod.prefix) : 1;
  const usedCIDR = new Set<number>();
  const usedIP = new Set<number>();
  const pinnedCIDR = (n: KubeObject) => str(rec(n.spec)?.podCIDR);
  const pinnedIP = (n: KubeObject) => {
    const addrs = rec(n.status)?.addresses;
    const a = Array.isArray(addrs) ? addrs.find((x) => rec(x)?.type === 'InternalIP') : undefined;
    return str(rec(a)?.address);
  };
  for (const n of nodes) {
    const c = pinnedCIDR(n);
    const pc = c ? parseCIDR4(c) : null;
    if (pc) usedCIDR.add(Math.floor((pc.network - pod.network) / 256));
    const ip = pinnedIP(n);
    const pi = ip ? parseIPv4(ip) : null;
    if (pi !== null) usedIP.add(pi);
  }
  const ipBase = parseIPv4('192.168.49.0')!;
  const take = (used: Set<number>, preferred: number | null, key: string, lo: number, span: number, toValue: (slot: number) => number): number => {
    let slot = preferred !== null ? preferred : lo + (fnv1a(`${seed}/${key}`) % span);
    for (let i = 0; i < span + lo && used.has(toValue(slot)); i++) slot = lo + ((slot - lo + 1) % span);
    used.add(toValue(slot));
    return slot;
  };
  return nodes.map((n) => {
    const name = str(n.metadata?.name) ?? '';
    const ord = kindOrdinal(topology, name);
    const out = structuredClone(n);
    const spec = (rec(out.spec) ?? {}) as Record<string, unknown>;
    out.spec = spec;
    if (!pinnedCIDR(n)) {
      const slot = take(usedCIDR, ord, `cidr/${name}`, 0, slots, (s) => s);
      const cidr = `${formatIPv4(pod.network + slot * 256)}/${perNode}`;
      spec.podCIDR = cidr;
      spec.podCIDRs = [cidr];
    } else if (!Array.isArray(spec.podCIDRs)) spec.podCIDRs = [spec.podCIDR];
    const status = (rec(out.status) ?? {}) as Record<string, unknown>;
    out.status = status;
    if (!pinnedIP(n)) {
      const host = take(usedIP, ord !== null ? ord + 2 : null, `ip/${name}`, 100, 150, (s) => ipBase + s);
      const addrs = Array.isArray(status.addresses) ? [...status.addresses] : [];
      addrs.unshift({ type: 'InternalIP', address: formatIPv4(ipBase + host) });
      if (!addrs.some((a) => rec(a)?.type === 'Hostname')) addrs.push({ type: 'Hostname', address: name });
      status.addresses = addrs;
    }
    return out;
  });
}
