// Models CoreDNS's informer caches (coredns plugin/kubernetes/controller.go, object/endpoint.go, object/pod.go). Leaves out: resync/watch timing (the cache always matches the state), zonal and multicluster data.
//
// Namespaces, one Endpoints record per EndpointSlice (ready addresses only), the reverse endpoint
// index (epIPIndex) and the pod-IP index for `pods verified`, built once per state on first use
// (WeakMap), so a query costs map lookups, never a scan of 150,000 pods.
import type { ClusterState, EndpointState, PodState, ServiceState } from '../cluster/state';
import { rec } from '../manifest/validate/types';

export interface EndpointAddress {
  ip: string;
  /** endpoints[].hostname (set by the EndpointSlice controller for pods with hostname + subdomain) */
  hostname: string;
  /** endpoints[].targetRef.name (for `endpoint_pod_names`) */
  targetRefName: string;
}

export interface EndpointPort {
  /** -1 is CoreDNS's sentinel for a slice without ports (its SRV skips it, A still answers) */
  port: number;
  name: string;
  protocol: string;
}

/** object.Endpoints: one per EndpointSlice, Index "svc.ns", ready addresses only. */
export interface SliceRecord {
  service: string;
  namespace: string;
  ports: EndpointPort[];
  addresses: EndpointAddress[];
}

export interface DnsIndex {
  namespaces: Set<string>;
  slicesByService: Map<string, SliceRecord[]>;
  slicesByIP: Map<string, SliceRecord[]>;
  /** object.ToPod drops pods being deleted; hostNetwork pods stay (their PodIP is the node's). */
  podsByIP: Map<string, PodState[]>;
  /** the CoreDNS replicas (kube-system, k8s-app=kube-dns) with an address, by name */
  corednsPods: PodState[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const svcKey = (ns: string, name: string) => `${ns}/${name}`;

/** endpointsliceReady: a nil `ready` counts as ready (API docs: unknown should be treated as ready). */
const ready = (conditions: unknown): boolean => {
  const r = rec(conditions)?.ready;
  return typeof r === 'boolean' ? r : true;
};

function fromSlice(obj: Record<string, unknown>): SliceRecord | null {
  const meta = rec(obj.metadata) ?? {};
  const service = str(rec(meta.labels)?.['kubernetes.io/service-name']);
  if (!service) return null;
  const rawPorts = Array.isArray(obj.ports) ? obj.ports : [];
  const ports: EndpointPort[] = rawPorts.length
    ? rawPorts.map((p) => {
        const r = rec(p) ?? {};
        return { port: typeof r.port === 'number' ? r.port : -1, name: str(r.name), protocol: str(r.protocol) };
      })
    : [{ port: -1, name: '', protocol: '' }];
  const addresses: EndpointAddress[] = [];
  for (const e of Array.isArray(obj.endpoints) ? obj.endpoints : []) {
    const ep = rec(e) ?? {};
    if (!ready(ep.conditions)) continue;
    for (const a of Array.isArray(ep.addresses) ? ep.addresses : []) {
      if (typeof a === 'string') addresses.push({ ip: a, hostname: str(ep.hostname), targetRefName: str(rec(ep.targetRef)?.name) });
    }
  }
  return { service, namespace: str(meta.namespace) || 'default', ports, addresses };
}

/**
 * Services without any EndpointSlice object in the state (hand-built states) fall back to the
 * kube-proxy view in index.endpoints, with the hostname the EndpointSlice controller would set
 * (pod hostname, when the pod's subdomain names this Service).
 */
function fromProxyView(state: ClusterState, svc: ServiceState): SliceRecord | null {
  const byIP = new Map<string, EndpointAddress>();
  const ports: EndpointPort[] = [];
  for (const p of svc.ports) {
    const eps: EndpointState[] = state.index.endpoints.get(`${svc.namespace}/${svc.name}:${p.name}/${p.protocol}`) ?? [];
    if (eps.length) ports.push({ port: eps[0].port, name: p.name, protocol: p.protocol });
    for (const e of eps) {
      if (!(e.ready || svc.publishNotReadyAddresses) || byIP.has(e.ip)) continue;
      const pod = e.podKey ? state.index.podByKey.get(e.podKey) : undefined;
      const hostname = pod && pod.hostname && pod.subdomain === svc.name && pod.namespace === svc.namespace ? pod.hostname : '';
      byIP.set(e.ip, { ip: e.ip, hostname, targetRefName: pod?.name ?? '' });
    }
  }
  if (!byIP.size) return null;
  return { service: svc.name, namespace: svc.namespace, ports, addresses: [...byIP.values()] };
}

const cache = new WeakMap<ClusterState, DnsIndex>();

export function dnsIndex(state: ClusterState): DnsIndex {
  const hit = cache.get(state);
  if (hit) return hit;
  const idx: DnsIndex = { namespaces: new Set(), slicesByService: new Map(), slicesByIP: new Map(), podsByIP: new Map(), corednsPods: [] };
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  const add = (s: SliceRecord) => {
    push(idx.slicesByService, svcKey(s.namespace, s.service), s);
    for (const ip of new Set(s.addresses.map((a) => a.ip))) push(idx.slicesByIP, ip, s);
  };
  for (const o of state.objects) {
    if (o.kind === 'Namespace') idx.namespaces.add(o.name);
    else if (o.kind === 'EndpointSlice') {
      const s = fromSlice(o.object as Record<string, unknown>);
      if (s) add(s);
    }
  }
  // An object can only exist in an existing namespace; states built without Namespace objects
  // (tests, pasted lists) still get the namespaces their objects live in.
  for (const s of state.services) idx.namespaces.add(s.namespace);
  for (const p of state.pods) {
    idx.namespaces.add(p.namespace);
    if (p.ip && !p.terminating) push(idx.podsByIP, p.ip, p);
    if (p.ip && !p.terminating && p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns') idx.corednsPods.push(p);
  }
  idx.corednsPods.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const s of state.services) {
    if (s.type === 'ExternalName' || idx.slicesByService.has(svcKey(s.namespace, s.name))) continue;
    const f = fromProxyView(state, s);
    if (f) add(f);
  }
  cache.set(state, idx);
  return idx;
}

export function slicesOf(idx: DnsIndex, namespace: string, name: string): SliceRecord[] {
  return idx.slicesByService.get(svcKey(namespace, name)) ?? [];
}
