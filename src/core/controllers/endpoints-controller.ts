// Models the legacy Endpoints controller (pkg/controller/endpoint/endpoints_controller.go syncService, with pkg/api/v1/endpoints/util.go RepackSubsets/SortSubsets). Leaves out: IPv6/dual-stack families, the trigger-time tracker (the annotation carries the Service's creation time) and event recording.
import type { PodState, ServiceState } from '../cluster/state';
import type { KubeObject } from '../model/types';
import { CLUSTER_EPOCH } from '../model/clock';
import { fastUID } from './pod-names';
import { rec } from '../manifest/validate/types';
import { goPtr, goSlice, goStr, goStruct, md5Hex, spewHash, type GoValue } from './go-hash';
import { appProtocolOf, corePortGo, findPort, portListKey, sortEndpointsPorts, type EndpointPortSpec } from './endpoint-ports';
import { lazyWireObjects, spreadOf } from './plain-objects';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** maxCapacity: an Endpoints object keeps at most 1000 addresses. */
export const ENDPOINTS_MAX_CAPACITY = 1000;

interface Address {
  ip: string;
  hostname: string;
  nodeName: string;
  pod: { namespace: string; name: string; uid: string };
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless includeTerminating) not terminating. */
export function shouldPodBeInEndpoints(pod: PodState, includeTerminating: boolean): boolean {
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return false;
  if (!pod.ip) return false;
  return includeTerminating || !pod.terminating;
}

/** Whether any of the pods gives an IPv4 endpoint (shouldPodBeInEndpoints and an IPv4 address): when
 *  none does, the controllers write their empty objects without working out ports. */
export function anyEndpointPod(pods: readonly PodState[], includeTerminating: boolean): boolean {
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i];
    if (shouldPodBeInEndpoints(pod, includeTerminating) && !pod.ip!.includes(':')) return true;
  }
  return false;
}

/** ShouldSetHostname: the pod names a hostname and its subdomain is this Service, in its namespace. */
export const shouldSetHostname = (pod: PodState, svc: ServiceState): boolean => !!pod.hostname && pod.subdomain === svc.name && pod.namespace === svc.namespace;

/** helper.IsServiceIPSet: clusterIP neither "None" nor empty. */
export function isServiceIPSet(svc: ServiceState): boolean {
  const ip = rec(svc.object.spec)?.clusterIP;
  return typeof ip === 'string' && ip !== '' && ip !== 'None';
}

/** The trigger time stamped on Endpoints/EndpointSlices: the Service's creation time (RFC3339). */
export function triggerTime(svc: ServiceState): string {
  const t = svc.object.metadata?.creationTimestamp;
  return typeof t === 'string' && t ? t : CLUSTER_EPOCH;
}

const addressGo = (a: Address): GoValue =>
  goStruct('v1.EndpointAddress', [
    ['IP', goStr(a.ip)],
    ['Hostname', goStr(a.hostname)],
    ['NodeName', goPtr('string', goStr(a.nodeName))],
    [
      'TargetRef',
      goPtr(
        'v1.ObjectReference',
        goStruct('v1.ObjectReference', [
          ['Kind', goStr('Pod')],
          ['Namespace', goStr(a.pod.namespace)],
          ['Name', goStr(a.pod.name)],
          ['UID', goStr(a.pod.uid, 'types.UID')],
          ['APIVersion', goStr('')],
          ['ResourceVersion', goStr('')],
          ['FieldPath', goStr('')],
        ]),
      ),
    ],
  ]);

interface Subset {
  addresses: Address[];
  notReady: Address[];
  ports: EndpointPortSpec[];
}

const subsetGo = (s: Subset): GoValue =>
  goStruct('v1.EndpointSubset', [
    ['Addresses', goSlice('v1.EndpointAddress', s.addresses.length ? s.addresses.map(addressGo) : null)],
    ['NotReadyAddresses', goSlice('v1.EndpointAddress', s.notReady.length ? s.notReady.map(addressGo) : null)],
    ['Ports', goSlice('v1.EndpointPort', s.ports.length ? s.ports.map(corePortGo) : null)],
  ]);

/** LessEndpointAddress: byte order of the IP string, then target UID. */
const lessAddress = (a: Address, b: Address): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.pod.uid < b.pod.uid ? -1 : a.pod.uid > b.pod.uid ? 1 : 0);

/**
 * RepackSubsets: expand (address, port, ready) triples, let "not ready" trump "ready" per port, group
 * ports served by the same set of addresses, then SortSubsets (addresses by IP/UID, ports and subsets by
 * the md5 of their spew dump). Subsets without ports vanish, as upstream's expansion drops them.
 */
export function repackSubsets(triples: { addr: Address; port: EndpointPortSpec | null; ready: boolean }[]): Subset[] {
  const addrs = new Map<string, Address>();
  const portToAddrs = new Map<string, { port: EndpointPortSpec; ready: Map<string, boolean> }>();
  for (const { addr, port, ready } of triples) {
    if (!port) continue;
    const ak = `${addr.ip}\u0000${addr.pod.uid}`;
    if (!addrs.has(ak)) addrs.set(ak, addr);
    const pk = portListKey([port]);
    let entry = portToAddrs.get(pk);
    if (!entry) portToAddrs.set(pk, (entry = { port, ready: new Map() }));
    const was = entry.ready.get(ak);
    if (was === undefined || was) entry.ready.set(ak, ready);
  }
  const groups = new Map<string, Subset>();
  for (const { port, ready } of portToAddrs.values()) {
    const key = [...ready.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, r]) => `${k}\u0000${r}`)
      .join('\u0001');
    let g = groups.get(key);
    if (!g) {
      g = { addresses: [], notReady: [], ports: [] };
      for (const [ak, r] of ready) (r ? g.addresses : g.notReady).push(addrs.get(ak)!);
      groups.set(key, g);
    }
    g.ports.push(port);
  }
  const subsets = [...groups.values()].map((s) => ({
    addresses: s.addresses.sort(lessAddress),
    notReady: s.notReady.sort(lessAddress),
    ports: s.ports.length > 1 ? sortEndpointsPorts(s.ports) : s.ports,
  }));
  // Hashing only decides the order, so a single subset needs none (the common case, and the costly one).
  if (subsets.length < 2) return subsets;
  const keyed = subsets.map((s) => [md5Hex(spewHash(subsetGo(s))), s] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, s]) => s);
}

/**
 * truncateEndpoints: beyond maxCapacity, keep ready addresses first, each subset keeping a rounded-up
 * share proportional to its size. Returns true when it truncated.
 */
function truncate(subsets: Subset[]): boolean {
  const totalReady = subsets.reduce((n, s) => n + s.addresses.length, 0);
  const totalNotReady = subsets.reduce((n, s) => n + s.notReady.length, 0);
  if (totalReady + totalNotReady <= ENDPOINTS_MAX_CAPACITY) return false;
  const truncateReady = totalReady > ENDPOINTS_MAX_CAPACITY;
  const max = truncateReady ? ENDPOINTS_MAX_CAPACITY : ENDPOINTS_MAX_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = truncateReady ? s.addresses.length : s.notReady.length;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = s.addresses.slice(0, toBeAdded);
      s.notReady = [];
      canBeAdded -= s.addresses.length;
    } else {
      s.notReady = s.notReady.slice(0, toBeAdded);
      canBeAdded -= s.notReady.length;
    }
  }
  return true;
}

/** RepackSubsets keys ports by value: two Service ports resolving to the same endpoint port collapse. */
function dedupePorts(ports: EndpointPortSpec[]): EndpointPortSpec[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const k = portListKey([p]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const addressWire = (a: Address): Record<string, unknown> => ({
  ip: a.ip,
  ...(a.hostname ? { hostname: a.hostname } : {}),
  nodeName: a.nodeName,
  targetRef: { kind: 'Pod', namespace: a.pod.namespace, name: a.pod.name, uid: a.pod.uid },
});

const portWire = (p: EndpointPortSpec): Record<string, unknown> => ({ name: p.name, port: p.port, protocol: p.protocol, ...(p.appProtocol !== null ? { appProtocol: p.appProtocol } : {}) });

/**
 * syncService for one Service with a selector: the v1 Endpoints object named after it. `pods` are the
 * Service's selected pods (namespace + selector already applied); `current` is an Endpoints object of the
 * same name already stored (its uid, creation time and other annotations are kept, as the controller
 * updates rather than recreates).
 */
export function endpointsForService(svc: ServiceState, pods: readonly PodState[], current?: KubeObject): KubeObject {
  // No pod gives an address: both paths below end with no subsets, not truncated.
  if (!anyEndpointPod(pods, svc.publishNotReadyAddresses)) return endpointsObject(svc, current, false, null);
  // Numeric targetPorts give every pod the same ports, so RepackSubsets yields a single subset:
  // build it directly (the common case at scale), and only when something reads it.
  const fixed =
    svc.ports.length > 0 && svc.ports.every((p) => typeof p.targetPort === 'number')
      ? svc.ports.map((sp, i) => ({ name: sp.name, port: sp.targetPort as number, protocol: sp.protocol, appProtocol: appProtocolOf(svc, i) }))
      : null;
  if (fixed) {
    const ports = fixed.length > 1 ? sortEndpointsPorts(dedupePorts(fixed)) : fixed;
    const eligible = pods.filter((pod) => shouldPodBeInEndpoints(pod, svc.publishNotReadyAddresses) && !!pod.ip && !pod.ip.includes(':'));
    // truncateEndpoints cuts the single subset iff it holds more than maxCapacity addresses.
    return endpointsObject(svc, current, eligible.length > ENDPOINTS_MAX_CAPACITY, eligible.length ? () => subsetsWire(singleSubset(svc, eligible, ports)) : null);
  }
  const triples: { addr: Address; port: EndpointPortSpec | null; ready: boolean }[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, svc.publishNotReadyAddresses) || !pod.ip || pod.ip.includes(':')) continue;
    const addr = addressOf(svc, pod);
    const ready = svc.publishNotReadyAddresses || pod.ready;
    if (svc.ports.length === 0) {
      if (svc.headless) triples.push({ addr, port: null, ready });
      continue;
    }
    svc.ports.forEach((sp, i) => {
      const n = findPort(pod, sp);
      if (n !== null) triples.push({ addr, port: { name: sp.name, port: n, protocol: sp.protocol, appProtocol: appProtocolOf(svc, i) }, ready });
    });
  }
  const subsets = triples.length ? repackSubsets(triples) : [];
  const truncated = truncate(subsets);
  return endpointsObject(svc, current, truncated, subsets.length ? () => subsetsWire(subsets) : null);
}

const addressOf = (svc: ServiceState, pod: PodState): Address => ({
  ip: pod.ip!,
  hostname: shouldSetHostname(pod, svc) ? pod.hostname! : '',
  nodeName: pod.nodeName ?? '',
  pod: { namespace: pod.namespace, name: pod.name, uid: pod.uid },
});

/** The one subset of eligible pods with the same ports, sorted and truncated as syncService leaves it. */
function singleSubset(svc: ServiceState, eligible: readonly PodState[], ports: EndpointPortSpec[]): Subset[] {
  const s: Subset = { addresses: [], notReady: [], ports };
  for (const pod of eligible) (svc.publishNotReadyAddresses || pod.ready ? s.addresses : s.notReady).push(addressOf(svc, pod));
  const subsets = [{ ...s, addresses: s.addresses.sort(lessAddress), notReady: s.notReady.sort(lessAddress) }];
  truncate(subsets);
  return subsets;
}

const subsetsWire = (subsets: Subset[]): Record<string, unknown>[] =>
  subsets.map((s) => ({
    ...(s.addresses.length ? { addresses: s.addresses.map(addressWire) } : {}),
    ...(s.notReady.length ? { notReadyAddresses: s.notReady.map(addressWire) } : {}),
    ports: s.ports.map(portWire),
  }));

/** An Endpoints object syncService writes: built when something reads it. */
interface EndpointsSource {
  svc: ServiceState;
  current: KubeObject | undefined;
  truncated: boolean;
  /** Writes the subsets (null: the object has none). */
  subsets: (() => unknown) | null;
  metadata: KubeObject['metadata'] | null;
  built: unknown;
  /** A part was assigned: the object no longer says what the source would build. */
  replaced: boolean;
}

/** The Endpoints object's metadata as syncService writes it. */
function endpointsMetadata(svc: ServiceState, current: KubeObject | undefined, truncated: boolean): KubeObject['metadata'] {
  const annotations = spreadOf<Record<string, string>>(rec(current?.metadata?.annotations));
  annotations[LAST_CHANGE_TRIGGER_TIME] = triggerTime(svc);
  if (truncated) annotations[OVER_CAPACITY] = 'truncated';
  else delete annotations[OVER_CAPACITY];
  const labels = spreadOf<Record<string, string>>(svc.object.metadata?.labels);
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  const cm = current?.metadata;
  return {
    name: svc.name,
    namespace: svc.namespace,
    uid: typeof cm?.uid === 'string' ? cm.uid : fastUID(`${svc.uid}/Endpoints`),
    creationTimestamp: typeof cm?.creationTimestamp === 'string' ? cm.creationTimestamp : triggerTime(svc),
    ...(Object.keys(labels).length ? { labels } : {}),
    annotations,
  };
}

const metadataOf = (s: EndpointsSource) => (s.metadata ??= endpointsMetadata(s.svc, s.current, s.truncated));
const replaced = (s: EndpointsSource) => {
  s.replaced = true;
};
/**
 * Endpoints objects with each part built on first read and kept (the same object on every read): JSON,
 * spreads and structuredClone see plain data, and the metadata of 10,000 Services' Endpoints and the
 * addresses of 150,000 pods are only made for what something prints.
 */
const bareEndpoints = lazyWireObjects<EndpointsSource>('v1', 'Endpoints', { metadata: metadataOf }, replaced);
const fullEndpoints = lazyWireObjects<EndpointsSource>('v1', 'Endpoints', { metadata: metadataOf, subsets: (s) => (s.built ??= s.subsets!()) }, replaced);

function endpointsObject(svc: ServiceState, current: KubeObject | undefined, truncated: boolean, subsets: (() => unknown) | null): KubeObject {
  const src: EndpointsSource = { svc, current, truncated, subsets, metadata: null, built: null, replaced: false };
  return subsets ? fullEndpoints(src) : bareEndpoints(src);
}

/** The Service behind an Endpoints object syncService wrote whose parts are still what it would build
 *  (reconcile lists the object by it, leaving the object unbuilt); undefined for any other object. */
export function endpointsService(obj: KubeObject): ServiceState | undefined {
  const s = bareEndpoints.source(obj) ?? fullEndpoints.source(obj);
  return s && !s.replaced ? s.svc : undefined;
}
