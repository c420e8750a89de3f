// Models the EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring: syncEndpoints, reconciler.go, reconciler_helpers.go, utils.go) and the kube-apiserver's own endpoints for the `kubernetes` Service (pkg/controlplane/reconcilers/endpointsadapter.go). Leaves out: events, metrics, leases between several apiservers (every control-plane node is an apiserver).
import type { NodeState, ServiceState } from '../cluster/state';
import type { KubeObject } from '../model/types';
import { deterministicUID } from '../model/uid';
import { rec } from '../manifest/validate/types';
import { formatIP, isV4, parseGoIP } from '../manifest/validate/ipaddresspool';
import { slicePortWire, sortSlicePorts, type EndpointPortSpec } from './endpoint-ports';
import { LAST_CHANGE_TRIGGER_TIME, triggerTime } from './endpoints-controller';
import { endpointHash, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, portMapKey, slicePorts, type SliceNames } from './endpointslice-reconciler';

export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
/** resourcelock.LeaderElectionRecordAnnotationKey */
const LEADER_ELECTION = 'control-plane.alpha.kubernetes.io/leader';
/** --mirroring-max-endpoints-per-subset default. */
export const MAX_ENDPOINTS_PER_SUBSET = 1000;

type Wire = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** shouldMirror: not labelled skip-mirror=true and not a leader-election record. */
export function shouldMirror(ep: KubeObject): boolean {
  return ep.metadata?.labels?.[LABEL_SKIP_MIRROR] !== 'true' && !(LEADER_ELECTION in (ep.metadata?.annotations ?? {}));
}

/** addressToEndpoint: the IP re-stringified (ParseIPSloppy), ready from the list it came from. */
function addressToEndpoint(address: Wire, ready: boolean): { ep: Wire; family: 'IPv4' | 'IPv6' } | null {
  const raw = str(address.ip);
  const ip = raw === null ? null : parseGoIP(raw, true);
  if (ip === null) return null;
  return {
    family: isV4(ip) ? 'IPv4' : 'IPv6',
    ep: {
      addresses: [formatIP(ip)],
      conditions: { ready },
      ...(str(address.hostname) ? { hostname: address.hostname } : {}),
      ...(rec(address.targetRef) ? { targetRef: address.targetRef } : {}),
      ...(typeof address.nodeName === 'string' ? { nodeName: address.nodeName } : {}),
    },
  };
}

/**
 * reconcile for one Endpoints object whose Service exists and has no selector. `existing` are the slices
 * labelled for it and managed by the mirroring controller. Each subset (per address family) becomes one
 * slice of at most 1000 endpoints; subsets with the same ports share it.
 */
export function mirrorEndpoints(endpoints: KubeObject, existing: readonly KubeObject[], names: SliceNames): { slices: KubeObject[]; deleted: KubeObject[] } {
  const ns = endpoints.metadata?.namespace ?? 'default';
  const name = endpoints.metadata?.name ?? '';
  const desired = new Map<string, { family: 'IPv4' | 'IPv6'; ports: EndpointPortSpec[]; endpoints: Map<string, Wire> }>();
  for (const rawSubset of arr(endpoints.subsets)) {
    const subset = rec(rawSubset) ?? {};
    const ports = sortSlicePorts(
      arr(subset.ports).map((rp) => {
        const p = rec(rp) ?? {};
        return { name: str(p.name) ?? '', port: typeof p.port === 'number' ? p.port : 0, protocol: (str(p.protocol) ?? 'TCP') as EndpointPortSpec['protocol'], appProtocol: str(p.appProtocol) };
      }),
    );
    // initPorts: both families get an (initially empty) desired set for this port list.
    for (const family of ['IPv4', 'IPv6'] as const) {
      const key = `${family}-${portMapKey(ports)}`;
      if (!desired.has(key)) desired.set(key, { family, ports, endpoints: new Map() });
    }
    let added = 0;
    for (const [list, ready] of [
      [subset.addresses, true],
      [subset.notReadyAddresses, false],
    ] as const) {
      for (const a of arr(list)) {
        if (added >= MAX_ENDPOINTS_PER_SUBSET) break;
        const r = addressToEndpoint(rec(a) ?? {}, ready);
        if (!r) continue;
        desired.get(`${r.family}-${portMapKey(ports)}`)!.endpoints.set(endpointHash(r.ep), r.ep);
        added++;
      }
    }
  }

  const existingByKey = new Map<string, KubeObject[]>();
  for (const s of existing) {
    const key = `${s.addressType === 'IPv6' ? 'IPv6' : 'IPv4'}-${portMapKey(slicePorts(s))}`;
    existingByKey.set(key, [...(existingByKey.get(key) ?? []), s]);
  }
  const labels: Record<string, string> = { ...(endpoints.metadata?.labels ?? {}), [LABEL_SERVICE_NAME]: name, [LABEL_MANAGED_BY]: MIRRORING_CONTROLLER };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(endpoints.metadata?.annotations ?? {})) {
    if (k !== LAST_CHANGE_TRIGGER_TIME && k !== 'kubectl.kubernetes.io/last-applied-configuration') annotations[k] = v;
  }
  const build = (family: string, ports: EndpointPortSpec[], eps: Wire[], base: KubeObject | null): KubeObject => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...(base ? { name: base.metadata?.name, namespace: ns, uid: base.metadata?.uid, creationTimestamp: base.metadata?.creationTimestamp } : { generateName: `${name}-`, namespace: ns }),
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name, uid: str(endpoints.metadata?.uid) ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: family,
    endpoints: eps.length ? eps : null,
    ports: ports.length ? ports.map(slicePortWire) : null,
  });

  const toCreate: KubeObject[] = [];
  const toUpdate: KubeObject[] = [];
  const toDelete: KubeObject[] = [];
  const kept: KubeObject[] = [];
  for (const [key, d] of desired) {
    const ex = existingByKey.get(key) ?? [];
    if (d.endpoints.size === 0) {
      toDelete.push(...ex);
      continue;
    }
    const eps = [...d.endpoints.values()].slice(0, MAX_ENDPOINTS_PER_SUBSET);
    if (ex.length > 0) {
      toDelete.push(...ex.slice(1));
      const same = build(d.family, d.ports, eps, ex[0]);
      if (JSON.stringify(ex[0].endpoints ?? null) === JSON.stringify(same.endpoints)) kept.push(ex[0]);
      else toUpdate.push(same);
    } else toCreate.push(build(d.family, d.ports, eps, null));
  }
  for (const [key, ex] of existingByKey) if (!desired.has(key)) toDelete.push(...ex);

  // recycleSlices: per address family, creates take over the names of slices being deleted.
  for (const c of [...toCreate]) {
    const i = toDelete.findIndex((d) => (d.addressType ?? 'IPv4') === c.addressType);
    if (i < 0) continue;
    const d = toDelete.splice(i, 1)[0];
    toCreate.splice(toCreate.indexOf(c), 1);
    toUpdate.push({ ...c, metadata: { name: d.metadata?.name, namespace: ns, uid: d.metadata?.uid, creationTimestamp: d.metadata?.creationTimestamp, ...c.metadata, generateName: undefined } });
  }
  for (const c of toCreate) {
    const meta = c.metadata!;
    meta.name = names.generate(ns, meta.generateName!, `EndpointSlice/mirror/${str(endpoints.metadata?.uid) ?? ''}/${ns}/${name}/${c.addressType}/${portMapKey(slicePorts(c))}`);
    meta.uid = deterministicUID(`${str(endpoints.metadata?.uid) ?? `${ns}/${name}`}/EndpointSlice/${meta.name}`);
    meta.generation = 1;
    meta.creationTimestamp = str(endpoints.metadata?.creationTimestamp) ?? undefined;
  }
  const clean = (o: KubeObject): KubeObject => {
    const meta: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o.metadata ?? {})) if (v !== undefined) meta[k] = v;
    return { ...o, metadata: meta };
  };
  return { slices: [...kept, ...toUpdate.map(clean), ...toCreate.map(clean)], deleted: toDelete };
}

/**
 * The apiserver's EndpointsAdapter.Sync for `default/kubernetes`: every control-plane node's address
 * (sorted) on the secure port, an Endpoints labelled skip-mirror and a slice named `kubernetes`.
 */
export function apiserverEndpoints(svc: ServiceState, nodes: readonly NodeState[]): { endpoints: KubeObject; slice: KubeObject } | null {
  if (svc.namespace !== 'default' || svc.name !== 'kubernetes' || svc.selector !== null) return null;
  const ips = nodes
    .filter((n) => n.role === 'control-plane' && n.internalIP && !n.internalIP.includes(':'))
    .map((n) => n.internalIP)
    .sort();
  const sp = svc.ports[0];
  const port = sp && typeof sp.targetPort === 'number' ? sp.targetPort : 6443;
  const epPort = { name: sp?.name ?? 'https', port, protocol: sp?.protocol ?? 'TCP' };
  const created = triggerTime(svc);
  return {
    endpoints: {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', uid: deterministicUID(`${svc.uid}/Endpoints`), creationTimestamp: created, labels: { [LABEL_SKIP_MIRROR]: 'true' } },
      subsets: [{ addresses: ips.map((ip) => ({ ip })), ports: [epPort] }],
    },
    slice: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        uid: deterministicUID(`${svc.uid}/EndpointSlice/kubernetes`),
        generation: 1,
        creationTimestamp: created,
        labels: { [LABEL_SERVICE_NAME]: 'kubernetes' },
      },
      addressType: 'IPv4',
      endpoints: ips.length ? ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })) : null,
      ports: [{ name: epPort.name, port: epPort.port, protocol: epPort.protocol }],
    },
  };
}
