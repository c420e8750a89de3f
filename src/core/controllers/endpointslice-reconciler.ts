// Models the EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go Reconcile, reconcileByPortMapping, finalize; utils.go podToEndpoint/getEndpointPorts/newEndpointSlice/setEndpointSliceLabels). Leaves out: IPv6/dual-stack, topology hints, trafficDistribution, zones (kind nodes carry no zone label), and Go's random PopAny order (endpoints keep pod order).
import type { NodeState, PodState, ServiceState } from '../cluster/state';
import type { KubeObject } from '../model/types';
import { rec } from '../manifest/validate/types';
import { appProtocolOf, findPort, portMapKey, slicePortWire, sortSlicePorts, type EndpointPortSpec } from './endpoint-ports';
import { anyEndpointPod, LAST_CHANGE_TRIGGER_TIME, shouldPodBeInEndpoints, triggerTime } from './endpoints-controller';
import { fastUID } from './pod-names';
import { spreadOf } from './plain-objects';
import { nodeZones, podToEndpoint } from './endpointslice-endpoints';
import { freshSlices, MAX_ENDPOINTS_PER_SLICE, placeholderSlices, sliceLabels, type ReconcileResult, type SliceNames } from './endpointslice-fresh';

export { podToEndpoint } from './endpointslice-endpoints';
export { portMapKey } from './endpoint-ports';
export { ENDPOINTSLICE_CONTROLLER, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, MAX_ENDPOINTS_PER_SLICE, SliceNames, sliceSource, type ReconcileResult } from './endpointslice-fresh';

type Wire = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Ports of a slice as written, for grouping existing slices (order-insensitive, as NewPortMapKey). */
export function slicePorts(slice: KubeObject): EndpointPortSpec[] {
  return arr(slice.ports).flatMap((raw) => {
    const p = rec(raw);
    if (!p) return [];
    return [{ name: str(p.name) ?? '', port: typeof p.port === 'number' ? p.port : 0, protocol: (str(p.protocol) ?? 'TCP') as EndpointPortSpec['protocol'], appProtocol: str(p.appProtocol) }];
  });
}
/** endpointHash: sorted addresses, hostname and the target's namespace/name identify an endpoint. */
export function endpointHash(ep: Wire): string {
  const a = ep.addresses;
  const addrs =
    Array.isArray(a) && a.length === 1 && typeof a[0] === 'string'
      ? a[0]
      : arr(a)
          .filter((x): x is string => typeof x === 'string')
          .sort()
          .join(',');
  const ref = rec(ep.targetRef);
  return `${addrs}\u0000${str(ep.hostname) ?? ''}\u0000${str(ref?.namespace) ?? ''}\u0000${str(ref?.name) ?? ''}`;
}

/** EndpointsEqualBeyondHash: nodeName, zone, the three conditions and targetRef (minus resourceVersion). */
function equalBeyondHash(a: Wire, b: Wire): boolean {
  const ca = rec(a.conditions) ?? {};
  const cb = rec(b.conditions) ?? {};
  const ra = { ...rec(a.targetRef) };
  const rb = { ...rec(b.targetRef) };
  delete ra.resourceVersion;
  delete rb.resourceVersion;
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    ca.ready === cb.ready &&
    ca.serving === cb.serving &&
    ca.terminating === cb.terminating &&
    JSON.stringify(Object.entries(ra).sort()) === JSON.stringify(Object.entries(rb).sort())
  );
}

const ownedBy = (slice: KubeObject, svc: ServiceState): boolean => (slice.metadata?.ownerReferences ?? []).some((o) => o.uid === svc.uid && o.kind === 'Service' && o.apiVersion === 'v1');

interface Working {
  obj: KubeObject;
  endpoints: Wire[];
  named: boolean;
}

/**
 * Reconcile for one Service with a selector. `pods` are its selected pods; `existing` the stored slices
 * labelled for it and managed by this controller. Pods on a node that does not exist are skipped unless
 * publishNotReadyAddresses (only checked when `nodes` is known).
 */
export function reconcileServiceSlices(
  svc: ServiceState,
  pods: readonly PodState[],
  existing: readonly KubeObject[],
  names: SliceNames,
  nodes?: Map<string, NodeState>,
  opts: {
    /** No two pods share a name (skips the check that sends such input to the general path). */
    distinctPods?: boolean;
    /** nodeZones(nodes), when the caller keeps it across Services. */
    zones?: Map<string, string | null>;
  } = {},
): ReconcileResult {
  // Nothing stored and no pod gives an endpoint: the placeholder alone, as freshSlices would write it.
  if (existing.length === 0 && !anyEndpointPod(pods, true)) return placeholderSlices(svc, names);
  const appProtocols = svc.ports.map((_, i) => appProtocolOf(svc, i));
  const portsFor = (pod: PodState | null): EndpointPortSpec[] => {
    const ports: EndpointPortSpec[] = [];
    // getEndpointPorts: a headless Service may have no ports at all.
    if (svc.ports.length === 0 && svc.headless) return ports;
    svc.ports.forEach((sp, i) => {
      const n = pod ? findPort(pod, sp) : (sp.targetPort as number);
      if (n !== null) ports.push({ name: sp.name, port: n, protocol: sp.protocol, appProtocol: appProtocols[i] });
    });
    return ports;
  };
  // Numeric targetPorts resolve the same for every pod: one port map, computed once.
  const fixed = svc.ports.every((p) => typeof p.targetPort === 'number') ? portsFor(null) : null;
  const fixedKey = fixed ? portMapKey(fixed) : '';
  if (existing.length === 0) {
    const zones = nodes ? (opts.zones ?? nodeZones(nodes)) : undefined;
    const fresh = freshSlices(svc, pods, names, zones, fixed ? () => fixed : portsFor, fixed ? fixedKey : null, opts.distinctPods ?? false);
    if (fresh) return fresh;
  }
  const desired = new Map<string, { ports: EndpointPortSpec[]; endpoints: Map<string, Wire> }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true) || !pod.ip || pod.ip.includes(':')) continue;
    const ports = fixed ?? portsFor(pod);
    const key = fixed ? fixedKey : portMapKey(ports);
    let group = desired.get(key);
    if (!group) desired.set(key, (group = { ports: sortSlicePorts(ports), endpoints: new Map() }));
    const node = pod.nodeName && nodes ? nodes.get(pod.nodeName) : undefined;
    if (nodes && pod.nodeName && !node && !svc.publishNotReadyAddresses) continue;
    const ep = podToEndpoint(pod, svc, node?.labels['topology.kubernetes.io/zone'] || null);
    group.endpoints.set(endpointHash(ep), ep);
  }

  const toDelete: KubeObject[] = [];
  const byKey = new Map<string, KubeObject[]>();
  for (const s of existing) {
    if (s.addressType !== 'IPv4' || !ownedBy(s, svc)) {
      toDelete.push(s);
      continue;
    }
    const k = portMapKey(slicePorts(s));
    byKey.set(k, [...(byKey.get(k) ?? []), s]);
  }

  const newSlice = (ports: EndpointPortSpec[]) => freshWorking(svc, ports);

  const toCreate: Working[] = [];
  const toUpdate: Working[] = [];
  const unchanged: KubeObject[] = [];
  for (const [key, group] of desired) {
    const r = reconcileByPortMapping(svc, byKey.get(key) ?? [], group.endpoints, () => newSlice(group.ports));
    toCreate.push(...r.create);
    toUpdate.push(...r.update);
    toDelete.push(...r.remove);
    unchanged.push(...r.unchanged);
  }
  for (const [key, slices] of byKey) if (!desired.has(key)) toDelete.push(...slices);

  // The placeholder: a Service whose pods give no endpoints still has one empty slice.
  if (existing.length === toDelete.length && toCreate.length === 0) {
    const placeholder = newSlice([]);
    const only = toDelete.length === 1 ? toDelete[0] : undefined;
    const same =
      only &&
      arr(only.endpoints).length === 0 &&
      arr(only.ports).length === 0 &&
      ownedBy(only, svc) &&
      JSON.stringify(Object.entries(only.metadata?.labels ?? {}).sort()) === JSON.stringify(Object.entries(placeholder.obj.metadata!.labels!).sort());
    if (same) {
      toDelete.length = 0;
      unchanged.push(only);
    } else toCreate.push(placeholder);
  }

  // finalize: creates become updates of slices that would otherwise be deleted (owned, same addressType).
  for (let i = 0; i < toDelete.length && toCreate.length > 0;) {
    const del = toDelete[i];
    if (del.addressType === 'IPv4' && ownedBy(del, svc)) {
      const c = toCreate.pop()!;
      c.obj.metadata = { ...del.metadata, labels: c.obj.metadata!.labels, ownerReferences: c.obj.metadata!.ownerReferences };
      c.named = true;
      toUpdate.push(c);
      toDelete.splice(i, 1);
    } else i++;
  }

  return { slices: finish(svc, unchanged, [...toUpdate, ...toCreate], names), deleted: toDelete };
}

/** newEndpointSlice: a slice the controller is about to create, without endpoints or a name yet. */
function freshWorking(svc: ServiceState, ports: EndpointPortSpec[]): Working {
  return {
    obj: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${svc.name}-`,
        namespace: svc.namespace,
        labels: sliceLabels(svc, undefined).labels,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.name, uid: svc.uid, controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      ports: ports.map(slicePortWire),
    },
    endpoints: [],
    named: false,
  };
}

/** Names, uids and annotations for the slices written (updated, then created), after the unchanged ones. */
function finish(svc: ServiceState, unchanged: KubeObject[], written: Working[], names: SliceNames): KubeObject[] {
  const out = [...unchanged];
  const ordinal = new Map<string, number>();
  for (const w of written) {
    const meta = spreadOf<NonNullable<KubeObject['metadata']>>(w.obj.metadata);
    if (!w.named) {
      // The name derives from the Service, its port set and the slice's rank in it: stable under edits elsewhere.
      const pk = portMapKey(slicePorts(w.obj));
      const n = ordinal.get(pk) ?? 0;
      ordinal.set(pk, n + 1);
      meta.name = names.generate(svc.namespace, meta.generateName!, `EndpointSlice/${svc.uid}/${svc.namespace}/${svc.name}/${pk}/${n}`);
      meta.uid = fastUID(`${svc.uid}/EndpointSlice/${meta.name}`);
      meta.generation = 1;
      meta.creationTimestamp = triggerTime(svc);
    }
    meta.annotations = spreadOf(rec(meta.annotations), { [LAST_CHANGE_TRIGGER_TIME]: triggerTime(svc) });
    const ordered: Record<string, unknown> = {};
    for (const k of ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'labels', 'annotations', 'ownerReferences'])
      if (meta[k] !== undefined) ordered[k] = meta[k];
    for (const k of Object.keys(meta)) if (!(k in ordered)) ordered[k] = meta[k];
    // Empty lists come back from the apiserver as null (no omitempty on endpoints/ports).
    const slice: KubeObject = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: ordered, addressType: 'IPv4' };
    slice.endpoints = w.endpoints.length ? w.endpoints : null;
    slice.ports = arr(w.obj.ports).length ? w.obj.ports : null;
    out.push(slice);
  }
  return out;
}

function reconcileByPortMapping(svc: ServiceState, existing: readonly KubeObject[], desired: Map<string, Wire>, fresh: () => Working) {
  const create: Working[] = [];
  const update = new Map<string, Working>();
  const remove: KubeObject[] = [];
  const unchanged = new Map<string, KubeObject>();
  for (const slice of existing) {
    const name = slice.metadata?.name ?? '';
    const kept: Wire[] = [];
    let changed = false;
    const eps = arr(slice.endpoints).map((e) => rec(e) ?? {});
    for (const ep of eps) {
      const h = endpointHash(ep);
      const got = desired.get(h);
      if (!got) continue;
      kept.push(got);
      if (!equalBeyondHash(got, ep)) changed = true;
      desired.delete(h);
    }
    const { labels, changed: labelsChanged } = sliceLabels(svc, slice.metadata?.labels);
    const copy = (endpoints: Wire[]): Working => ({ obj: { ...slice, metadata: { ...slice.metadata, labels } }, endpoints, named: true });
    if (changed || eps.length !== kept.length) {
      if (kept.length === 0) remove.push(slice);
      else update.set(name, copy(kept));
    } else if (labelsChanged) update.set(name, copy(kept));
    else unchanged.set(name, slice);
  }
  const take = (w: Working) => {
    while (desired.size > 0 && w.endpoints.length < MAX_ENDPOINTS_PER_SLICE) {
      const [h, ep] = desired.entries().next().value!;
      desired.delete(h);
      w.endpoints.push(ep);
    }
  };
  // 2. Fill the slices already being updated, fullest first.
  if (desired.size > 0) [...update.values()].sort((a, b) => b.endpoints.length - a.endpoints.length).forEach(take);
  // 3. Put what is left in the unchanged slice closest to full, else in new slices.
  while (desired.size > 0) {
    let fill: Working | undefined;
    if (desired.size < MAX_ENDPOINTS_PER_SLICE && unchanged.size > 0) {
      let closest = MAX_ENDPOINTS_PER_SLICE;
      for (const s of unchanged.values()) {
        const diff = MAX_ENDPOINTS_PER_SLICE - (desired.size + arr(s.endpoints).length);
        if (diff >= 0 && diff < closest) {
          closest = diff;
          fill = { obj: s, endpoints: arr(s.endpoints).map((e) => rec(e) ?? {}), named: true };
          if (diff === 0) break;
        }
      }
    }
    if (!fill) fill = fresh();
    take(fill);
    if (fill.named) {
      const name = fill.obj.metadata?.name ?? '';
      unchanged.delete(name);
      update.set(name, fill);
    } else create.push(fill);
  }
  return { create, update: [...update.values()], remove, unchanged: [...unchanged.values()] };
}
