// Models nothing upstream: hand-built ClusterStates for the DNS and kubelet tests (the records reconcile would produce, small). Leaves out: everything the tests do not read.
//
// kubeadm's default/kubernetes and kube-system/kube-dns (+ two CoreDNS pods and their
// EndpointSlice) are always present.
import type { ClusterState, ContainerState, NodeState, PodState, Protocol, ServiceState } from '../cluster/state';
import { defaultTopology } from '../cluster/topology';
import type { KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';

export interface SvcFixture {
  name: string;
  ns?: string;
  type?: ServiceState['type'];
  clusterIP?: string | null;
  headless?: boolean;
  externalName?: string;
  ports?: { name?: string; port: number; protocol?: Protocol }[];
  createdAt?: number;
  publishNotReadyAddresses?: boolean;
}

export interface PodFixture {
  name: string;
  ns?: string;
  ip?: string | null;
  node?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  hostname?: string;
  subdomain?: string;
  containers?: Partial<ContainerState>[];
  dnsPolicy?: PodState['dnsPolicy'];
  hostNetwork?: boolean;
  dnsConfig?: unknown;
  enableServiceLinks?: boolean;
  createdAt?: number;
  terminating?: boolean;
  serviceAccountName?: string;
}

export interface SliceFixture {
  svc: string;
  ns?: string;
  name?: string;
  ports: { name?: string; port: number; protocol?: Protocol }[];
  endpoints: { ip: string; ready?: boolean | null; hostname?: string; pod?: string }[];
}

export function svc(f: SvcFixture): ServiceState {
  const ns = f.ns ?? 'default';
  const type = f.type ?? (f.externalName ? 'ExternalName' : 'ClusterIP');
  const headless = f.headless ?? false;
  const ports = (f.ports ?? []).map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.port, nodePort: null }));
  const clusterIP = type === 'ExternalName' || headless ? null : (f.clusterIP ?? '10.96.100.1');
  return {
    key: objectKey('Service', ns, f.name),
    namespace: ns,
    name: f.name,
    uid: `uid-${f.name}`,
    type,
    clusterIP,
    headless,
    externalName: f.externalName ?? null,
    ports,
    selector: null,
    sessionAffinity: 'None',
    affinityTimeoutSeconds: 10800,
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    externalIPs: [],
    loadBalancerIPs: [],
    healthCheckNodePort: null,
    publishNotReadyAddresses: f.publishNotReadyAddresses ?? false,
    createdAt: f.createdAt ?? 0,
    object: { apiVersion: 'v1', kind: 'Service', metadata: { name: f.name, namespace: ns }, spec: { type, clusterIP: headless ? 'None' : clusterIP ?? undefined, externalName: f.externalName } },
  };
}

export function pod(f: PodFixture): PodState {
  const ns = f.ns ?? 'default';
  const containers: ContainerState[] = (f.containers ?? [{}]).map((c, i) => ({ name: c.name ?? `c${i}`, image: c.image ?? 'busybox', ports: c.ports ?? [], env: c.env ?? [], envFrom: c.envFrom ?? [] }));
  return {
    key: objectKey('Pod', ns, f.name),
    namespace: ns,
    name: f.name,
    uid: `uid-${f.name}`,
    labels: f.labels ?? {},
    nodeName: f.node ?? 'kind-worker',
    ip: f.ip === undefined ? '10.244.1.10' : f.ip,
    phase: 'Running',
    ready: true,
    terminating: f.terminating ?? false,
    hostNetwork: f.hostNetwork ?? false,
    containers,
    dnsPolicy: f.dnsPolicy ?? 'ClusterFirst',
    dnsConfig: f.dnsConfig ?? null,
    enableServiceLinks: f.enableServiceLinks ?? true,
    hostname: f.hostname ?? null,
    subdomain: f.subdomain ?? null,
    owner: null,
    ordinal: 0,
    createdAt: f.createdAt ?? 1_000_000,
    pendingReason: null,
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: f.name, namespace: ns, uid: `uid-${f.name}`, labels: f.labels ?? {}, annotations: f.annotations },
      spec: { serviceAccountName: f.serviceAccountName, dnsConfig: f.dnsConfig },
    },
  };
}

export function slice(f: SliceFixture): KubeObject {
  const ns = f.ns ?? 'default';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: f.name ?? `${f.svc}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': f.svc } },
    addressType: 'IPv4',
    ports: f.ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: f.endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: e.ready === null ? {} : { ready: e.ready ?? true, serving: e.ready ?? true, terminating: false },
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.pod ? { targetRef: { kind: 'Pod', namespace: ns, name: e.pod } } : {}),
    })),
  };
}

const node = (name: string, ip: string): NodeState => ({
  key: objectKey('Node', undefined, name),
  name,
  role: name.endsWith('control-plane') ? 'control-plane' : 'worker',
  internalIP: ip,
  podCIDR: '10.244.1.0/24',
  labels: {},
  taints: [],
  unschedulable: false,
  ready: true,
  object: { apiVersion: 'v1', kind: 'Node', metadata: { name } },
});

/** A state holding the given records plus kubeadm's DNS pieces; `objects` adds ConfigMaps, Secrets, Namespaces. */
export function fixtureState(input: { services?: ServiceState[]; pods?: PodState[]; slices?: KubeObject[]; objects?: KubeObject[]; namespaces?: string[] }): ClusterState {
  const services = [
    svc({ name: 'kubernetes', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }], createdAt: -2 }),
    svc({ ns: 'kube-system', name: 'kube-dns', clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }], createdAt: -1 }),
    ...(input.services ?? []),
  ];
  const dnsPods = ['coredns-668d6bf9bc-7x2kq', 'coredns-668d6bf9bc-hx4tn'].map((name, i) =>
    pod({ ns: 'kube-system', name, ip: `10.244.0.${i + 2}`, node: 'kind-control-plane', labels: { 'k8s-app': 'kube-dns' }, dnsPolicy: 'Default', createdAt: -1 }),
  );
  const pods = [...dnsPods, ...(input.pods ?? [])];
  const dnsSlice = slice({
    ns: 'kube-system',
    svc: 'kube-dns',
    name: 'kube-dns-9k2xd',
    ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }, { name: 'metrics', port: 9153 }],
    endpoints: dnsPods.map((p) => ({ ip: p.ip!, pod: p.name })),
  });
  const nsNames = ['default', 'kube-node-lease', 'kube-public', 'kube-system', ...(input.namespaces ?? [])];
  const wrap = (o: KubeObject) => ({
    key: objectKey(o.kind!, o.kind === 'Namespace' ? undefined : o.metadata?.namespace, o.metadata!.name!),
    kind: o.kind!,
    namespace: o.kind === 'Namespace' ? null : (o.metadata?.namespace ?? null),
    name: o.metadata!.name!,
    object: o,
    system: false,
    simulated: true,
  });
  const objects = [
    ...nsNames.map((n) => wrap({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } })),
    ...services.map((s) => wrap(s.object)),
    ...pods.map((p) => wrap(p.object)),
    ...[dnsSlice, ...(input.slices ?? [])].map(wrap),
    ...(input.objects ?? []).map(wrap),
  ];
  const nodes = [node('kind-control-plane', '192.168.49.2'), node('kind-worker', '192.168.49.3'), node('kind-worker2', '192.168.49.4')];
  const key = <T extends { key: ObjectKey }>(l: T[]) => new Map(l.map((x) => [x.key, x]));
  return {
    topology: defaultTopology(true),
    seed: 1,
    nodes,
    pods,
    services,
    objects,
    diagnostics: [],
    index: {
      podByKey: key(pods),
      podByIP: new Map(pods.filter((p) => p.ip && !p.hostNetwork).map((p) => [p.ip!, p])),
      nodeByName: new Map(nodes.map((n) => [n.name, n])),
      nodeByIP: new Map(nodes.map((n) => [n.internalIP, n])),
      serviceByKey: key(services),
      serviceByClusterIP: new Map(services.filter((s) => s.clusterIP).map((s) => [s.clusterIP!, s])),
      serviceByExternalIP: new Map(),
      serviceByNodePort: new Map(),
      endpoints: new Map(),
    },
  };
}
