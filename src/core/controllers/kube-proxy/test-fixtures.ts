// Models proxier_test.go's NewFakeProxier world for tests (pkg/proxy/iptables/proxier_test.go). Leaves out: everything not needed by the tests.
// Node "test-node" at 192.168.0.2, pod CIDR 10.0.0.0/8, ClusterIPs in 172.30.0.0/16. Used by tests only.
import type { ClusterState, EndpointState, NodeState, Protocol, ServicePortState, ServiceState } from '../../cluster/state';
import { servicePortKey } from '../../cluster/state';
import type { Topology } from '../../cluster/topology';
import { objectKey, type KubeObject } from '../../model/types';
import type { ProxyOptions } from './types';

export const TEST_NODE = 'test-node';
export const TEST_NODE_IP = '192.168.0.2';

/** NewFakeProxier's settings: the fake iptables has no --random-fully; nfacct counters exist. */
export const FAKE_PROXIER: Partial<ProxyOptions> = { randomFully: false, nfacct: true, localhostNodePorts: true, clusterCIDR: '10.0.0.0/8' };

export interface SvcSpec {
  type?: ServiceState['type'];
  clusterIP: string;
  ports: { name: string; port: number; protocol?: Protocol; nodePort?: number; targetPort?: number | string }[];
  externalIPs?: string[];
  lbIPs?: string[];
  /** status.loadBalancer.ingress[].ipMode, by IP */
  lbIPMode?: Record<string, string>;
  sourceRanges?: string[];
  etp?: 'Cluster' | 'Local';
  itp?: 'Cluster' | 'Local';
  hcNodePort?: number;
  affinity?: number;
}

export function svc(namespace: string, name: string, s: SvcSpec): ServiceState {
  const ports: ServicePortState[] = s.ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port, nodePort: p.nodePort ?? null }));
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { loadBalancerSourceRanges: s.sourceRanges },
    status: { loadBalancer: { ingress: (s.lbIPs ?? []).map((ip) => ({ ip, ...(s.lbIPMode?.[ip] ? { ipMode: s.lbIPMode[ip] } : {}) })) } },
  };
  return {
    key: objectKey('Service', namespace, name),
    namespace,
    name,
    uid: `uid-${namespace}-${name}`,
    type: s.type ?? 'ClusterIP',
    clusterIP: s.clusterIP,
    headless: false,
    externalName: null,
    ports,
    selector: null,
    sessionAffinity: s.affinity !== undefined ? 'ClientIP' : 'None',
    affinityTimeoutSeconds: s.affinity ?? 10800,
    externalTrafficPolicy: s.etp ?? 'Cluster',
    internalTrafficPolicy: s.itp ?? 'Cluster',
    externalIPs: s.externalIPs ?? [],
    loadBalancerIPs: s.lbIPs ?? [],
    healthCheckNodePort: s.hcNodePort ?? null,
    publishNotReadyAddresses: false,
    createdAt: 0,
    object,
  };
}

export interface EpSpec {
  node?: string | null;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  protocol?: Protocol;
}

export function ep(ip: string, port: number, o: EpSpec = {}): EndpointState {
  const ready = o.ready ?? true;
  return { ip, port, protocol: o.protocol ?? 'TCP', podKey: null, nodeName: o.node ?? null, ready, serving: o.serving ?? ready, terminating: o.terminating ?? false };
}

function node(name: string, ip: string): NodeState {
  return { key: objectKey('Node', undefined, name), name, role: 'worker', internalIP: ip, podCIDR: '10.244.1.0/24', labels: {}, taints: [], unschedulable: false, ready: true, object: { kind: 'Node', metadata: { name } } };
}

/** A ClusterState with the given Services and endpoints ("ns/name:port" → endpoints; the protocol of the
 *  Service port is looked up). */
export function mkState(services: ServiceState[], endpoints: Record<string, EndpointState[]>, opts: { podSubnet?: string; nodes?: [string, string][] } = {}): ClusterState {
  const nodes = (opts.nodes ?? [[TEST_NODE, TEST_NODE_IP], ['node2', '192.168.0.3']]).map(([n, ip]) => node(n, ip));
  const topology: Topology = {
    source: 'nodes',
    clusterName: 'kind',
    net: { serviceSubnet: '172.30.0.0/16', podSubnet: opts.podSubnet ?? '10.0.0.0/8', nodePortRange: { base: 30000, size: 2768 }, clusterDomain: 'cluster.local' },
    kubeProxyMode: 'iptables',
    nodes: [],
  };
  const epMap = new Map<string, EndpointState[]>();
  for (const [k, eps] of Object.entries(endpoints)) {
    const [nsName, portName] = k.split(':');
    const [ns, name] = nsName.split('/');
    const s = services.find((x) => x.namespace === ns && x.name === name);
    const p = s?.ports.find((x) => x.name === (portName ?? ''));
    for (const e of eps) {
      const key = servicePortKey({ namespace: ns, name }, { name: portName ?? '', protocol: p?.protocol ?? e.protocol });
      epMap.set(key, [...(epMap.get(key) ?? []), e]);
    }
  }
  return {
    topology,
    seed: 1,
    nodes,
    pods: [],
    services,
    objects: [],
    index: {
      podByKey: new Map(),
      podByIP: new Map(),
      nodeByName: new Map(nodes.map((n) => [n.name, n])),
      nodeByIP: new Map(nodes.map((n) => [n.internalIP, n])),
      serviceByKey: new Map(services.map((s) => [s.key, s])),
      serviceByClusterIP: new Map(services.filter((s) => s.clusterIP).map((s) => [s.clusterIP!, s])),
      serviceByExternalIP: new Map(),
      serviceByNodePort: new Map(),
      endpoints: epMap,
    },
    diagnostics: [],
  };
}

/** A dedented multi-line fixture → its lines (leading blank line and indentation removed). */
export function dump(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
