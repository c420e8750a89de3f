// Models the EndpointSlice reconciler's create path for a Service without stored slices (staging/src/k8s.io/endpointslice/reconciler.go reconcileByPortMapping/finalize creating slices; utils.go newEndpointSlice, setEndpointSliceLabels, podToEndpoint; apiserver names.SimpleNameGenerator), each slice written when something reads it. Leaves out: what endpointslice-reconciler.ts leaves out.
import type { PodState, ServiceState } from '../cluster/state';
import type { KubeObject } from '../model/types';
import { randString, randStringOf } from '../model/hash';
import { fastUID } from './pod-names';
import { portMapKey, slicePortWire, sortSlicePorts, type EndpointPortSpec } from './endpoint-ports';
import { HEADLESS_LABEL, isServiceIPSet, LAST_CHANGE_TRIGGER_TIME, shouldPodBeInEndpoints, triggerTime } from './endpoints-controller';
import { lazyWireObjects, spreadOf } from './plain-objects';
import { podToEndpoint, type SliceSource } from './endpointslice-endpoints';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

type Wire = Record<string, unknown>;

/** Names already taken per namespace, so generated names never collide. */
export class SliceNames {
  private used = new Map<string, Set<string>>();
  take(ns: string, name: string): void {
    let s = this.used.get(ns);
    if (!s) this.used.set(ns, (s = new Set()));
    s.add(name);
  }
  /** generateName + utilrand.String(5), derived from `key`; the base is cut to 58 characters. */
  generate(ns: string, generateName: string, key: string): string {
    return this.generateOf(ns, generateName, null, key);
  }
  /** generate with the key given as parts (`parts.join('')`), hashed without joining them. */
  generateOf(ns: string, generateName: string, parts: readonly string[] | null, key: string | null = null): string {
    const base = generateName.slice(0, 58);
    let used = this.used.get(ns);
    for (let i = 0; ; i++) {
      const suffix = i === 0 ? (parts ? randStringOf(parts, 5) : randString(key!, 5)) : randString(`${key ?? parts!.join('')}#${i}`, 5);
      const name = base + suffix;
      if (!used?.has(name)) {
        if (!used) this.used.set(ns, (used = new Set()));
        used.add(name);
        return name;
      }
    }
  }
}

/** SliceNames.generateOf for a slice the EndpointSlice controller creates: named after the Service, its
 *  port set and the slice's rank in it (`EndpointSlice/<uid>/<ns>/<name>/<portKey>/<rank>`). */
function generateSliceName(names: SliceNames, svc: ServiceState, portKey: string, rank: number): string {
  // The key's parts in one list refilled for each slice (generateOf reads it at once and keeps nothing).
  const parts = SLICE_KEY;
  parts[1] = svc.uid;
  parts[3] = svc.namespace;
  parts[5] = svc.name;
  parts[7] = portKey;
  parts[9] = String(rank);
  return names.generateOf(svc.namespace, `${svc.name}-`, parts);
}
const SLICE_KEY: string[] = ['EndpointSlice/', '', '/', '', '/', '', '/', '', '/', ''];

/** setEndpointSliceLabels: the Service's labels minus reserved keys, plus headless/service-name/managed-by. */
export function sliceLabels(svc: ServiceState, existing: Record<string, unknown> | undefined): { labels: Record<string, string>; changed: boolean } {
  const reserved = (k: string) => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === HEADLESS_LABEL;
  const svcLabels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.object.metadata?.labels ?? {})) if (!reserved(k)) svcLabels[k] = v;
  const epLabels = Object.entries(existing ?? {}).filter(([k]) => !reserved(k));
  const changed = epLabels.length !== Object.keys(svcLabels).length || epLabels.some(([k, v]) => svcLabels[k] !== v);
  const labels = spreadOf<Record<string, string>>(svcLabels);
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  labels[LABEL_SERVICE_NAME] = svc.name;
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER;
  return { labels, changed };
}

export interface ReconcileResult {
  /** Every managed slice of the Service after the sync (kept, updated and created), in that order. */
  slices: KubeObject[];
  /** Given slices the controller deleted. */
  deleted: KubeObject[];
}

/**
 * Reconcile for a Service without stored slices, the common case: the desired endpoints fill new slices
 * of 100 in pod order, or one empty placeholder. Same result as the general path (which would go through
 * freshWorking and finish), with each slice's endpoints left unbuilt (lazyEndpoints). null when two pods
 * share a name (their endpoint hashes would collide; the general path settles that), which
 * `distinctPods` rules out beforehand.
 */
export function freshSlices(
  svc: ServiceState,
  pods: readonly PodState[],
  names: SliceNames,
  zones: Map<string, string | null> | undefined,
  portsFor: (pod: PodState) => EndpointPortSpec[],
  fixedKey: string | null,
  distinctPods: boolean,
): ReconcileResult | null {
  type Group = { ports: EndpointPortSpec[]; pods: PodState[]; zones: (string | null)[] | null };
  const groups = new Map<string, Group>();
  // Numeric targetPorts: every pod is in the one group (no port list or key per pod).
  let only: Group | null = null;
  const seen = distinctPods ? null : new Set<string>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true) || !pod.ip || pod.ip.includes(':')) continue;
    let group: Group | undefined;
    if (fixedKey !== null) {
      if (!only) groups.set(fixedKey, (only = { ports: sortSlicePorts(portsFor(pod)), pods: [], zones: null }));
      group = only;
    } else {
      const ports = portsFor(pod);
      const key = portMapKey(ports);
      group = groups.get(key);
      if (!group) groups.set(key, (group = { ports: sortSlicePorts(ports), pods: [], zones: null }));
    }
    // undefined: no such node; null: a node without a zone.
    const nodeZone = pod.nodeName && zones ? zones.get(pod.nodeName) : undefined;
    if (zones && pod.nodeName && nodeZone === undefined && !svc.publishNotReadyAddresses) continue;
    if (seen && seen.size === seen.add(pod.name).size) return null;
    const zone = nodeZone || null;
    if (zone !== null && !group.zones) group.zones = group.pods.map(() => null);
    group.pods.push(pod);
    group.zones?.push(zone);
  }
  const slices: KubeObject[] = [];
  // finish() names each slice after the Service, its port set (portMapKey of the slice's ports, which is
  // the group's key) and its rank in that set.
  for (const [key, g] of groups) {
    const wirePorts = () => g.ports.map(slicePortWire);
    for (let i = 0, n = 0; i < g.pods.length; i += MAX_ENDPOINTS_PER_SLICE, n++) {
      const pods = i === 0 && g.pods.length <= MAX_ENDPOINTS_PER_SLICE ? g.pods : g.pods.slice(i, i + MAX_ENDPOINTS_PER_SLICE);
      const src: SliceSource = { svc, pods, zones: g.zones ? g.zones.slice(i, i + MAX_ENDPOINTS_PER_SLICE) : null };
      slices.push(freshSlice(svc, names, key, n, src, wirePorts()));
    }
  }
  // The placeholder: a Service whose pods give no endpoints still has one empty slice.
  if (slices.length === 0) return placeholderSlices(svc, names);
  return { slices, deleted: NOTHING_DELETED };
}

/** freshSlices' answer when no pod gives an endpoint: the placeholder slice alone (no endpoints, no ports). */
export function placeholderSlices(svc: ServiceState, names: SliceNames): ReconcileResult {
  const name = generateSliceName(names, svc, PLACEHOLDER_KEY, 0);
  return { slices: [makeEmptySlice(freshSource(svc, name, NO_PODS, null, null))], deleted: NOTHING_DELETED };
}

/** The `deleted` of a fresh result: nothing (one shared, read-only list). */
const NOTHING_DELETED: KubeObject[] = Object.freeze([]) as unknown as KubeObject[];

/** portMapKey([]): the placeholder's port set. */
const PLACEHOLDER_KEY = portMapKey([]);

/** A slice freshSlices creates: its Service, pods and ports, the name it was given, and its wire parts
 *  once something has read them. */
export interface FreshSlice extends SliceSource {
  name: string;
  ports: Wire[] | null;
  metadata: Wire | null;
  endpoints: Wire[] | null;
  /** A part was assigned: the object no longer says what the source would build. */
  replaced: boolean;
}

/** finish()'s metadata for a created slice, in its key order. */
function freshMetadata(s: FreshSlice): Wire {
  const svc = s.svc;
  const t = triggerTime(svc);
  return {
    name: s.name,
    generateName: `${svc.name}-`,
    namespace: svc.namespace,
    uid: fastUID(`${svc.uid}/EndpointSlice/${s.name}`),
    generation: 1,
    creationTimestamp: t,
    labels: sliceLabels(svc, undefined).labels,
    annotations: { [LAST_CHANGE_TRIGGER_TIME]: t },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.name, uid: svc.uid, controller: true, blockOwnerDeletion: true }],
  };
}

/**
 * Created slices as finish() writes them, each part built on first read and kept: 150,000 pods' endpoint
 * objects and 10,000 slices' metadata are only made for what something prints. Empty lists come back
 * from the apiserver as null (no omitempty on endpoints/ports).
 */
const sliceParts = {
  metadata: (s: FreshSlice) => (s.metadata ??= freshMetadata(s)),
  addressType: () => 'IPv4',
  endpoints: (s: FreshSlice) => (s.pods.length ? (s.endpoints ??= s.pods.map((p, i) => podToEndpoint(p, s.svc, s.zones ? s.zones[i] : null))) : null),
  ports: (s: FreshSlice) => s.ports,
};
const replacedPart = (s: FreshSlice) => {
  s.replaced = true;
};
const makeSlice = lazyWireObjects<FreshSlice>('discovery.k8s.io/v1', 'EndpointSlice', sliceParts, replacedPart, ['addressType', 'ports']);
/** A slice without pods (the placeholder): its endpoints are null, written at once like its ports. */
const makeEmptySlice = lazyWireObjects<FreshSlice>('discovery.k8s.io/v1', 'EndpointSlice', sliceParts, replacedPart, ['addressType', 'endpoints', 'ports']);

/** The source of a created slice whose parts are still what it would build (kube-proxy's index and
 *  reconcile read it instead of the slice); undefined for any other slice. */
export function sliceSource(slice: KubeObject): FreshSlice | undefined {
  const s = makeSlice.source(slice) ?? makeEmptySlice.source(slice);
  return s && !s.replaced ? s : undefined;
}

const NO_PODS: readonly PodState[] = [];

function freshSource(svc: ServiceState, name: string, pods: readonly PodState[], zones: (string | null)[] | null, ports: Wire[] | null): FreshSlice {
  return { svc, pods, zones, name, ports, metadata: null, endpoints: null, replaced: false };
}

/** One created slice: named now (names are taken in order), written when read. */
function freshSlice(svc: ServiceState, names: SliceNames, portKey: string, rank: number, src: SliceSource | null, ports: Wire[]): KubeObject {
  const name = generateSliceName(names, svc, portKey, rank);
  const s = freshSource(svc, name, src ? src.pods : NO_PODS, src ? src.zones : null, ports.length ? ports : null);
  return s.pods.length ? makeSlice(s) : makeEmptySlice(s);
}
