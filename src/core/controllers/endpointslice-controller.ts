// Models the EndpointSlice controller's syncService (pkg/controller/endpointslice/endpointslice_controller.go), run together with the Endpoints controller, the mirroring controller and the apiserver's `kubernetes` endpoints, then kube-proxy's view of the result. Leaves out: IPv6/dual-stack, topology hints, and Services pending deletion.
import type { EndpointState, NodeState, PodState, ServicePortKey, ServiceState } from '../cluster/state';
import type { KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import { buildPodLabelIndex, type PodLabelIndex } from './label-index';
import { endpointsForService, endpointsService } from './endpoints-controller';
import { ENDPOINTSLICE_CONTROLLER, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, reconcileServiceSlices, SliceNames, sliceSource } from './endpointslice-reconciler';
import { nodeZones } from './endpointslice-endpoints';
import { apiserverEndpoints, MIRRORING_CONTROLLER, mirrorEndpoints, shouldMirror } from './endpointslice-mirroring';
import { buildEndpointIndex } from './proxy-endpoints';

export interface EndpointControllersInput {
  services: ServiceState[];
  pods: PodState[];
  /** A PodLabelIndex built elsewhere (anything else is ignored and the index is built here). */
  podsByLabel?: unknown;
  /** User-supplied EndpointSlices and Endpoints (for selector-less Services, or pasted cluster state). */
  given: KubeObject[];
  /** When known: pods on missing nodes are skipped, slice endpoints get zones, and the apiserver's own
   *  `default/kubernetes` endpoints are produced from the control-plane nodes. */
  nodes?: NodeState[];
  /** No two pods share a namespace and name (true of runWorkloads' pods): the per-Service check is skipped. */
  distinctPods?: boolean;
  /** Every pod's key is objectKey('Pod', namespace, name) (true of runWorkloads' pods): kube-proxy's
   *  index takes it as the endpoint's pod key without checking. */
  canonicalKeys?: boolean;
}

export interface EndpointControllersOutput {
  /** EndpointSlices the controllers hold after the sync: managed (`<service>-xxxxx`), mirrored and the apiserver's. */
  slices: KubeObject[];
  /** v1 Endpoints the Endpoints controller (and the apiserver) write. */
  endpoints: KubeObject[];
  /** Service port → its endpoints as kube-proxy merges every slice of the Service (given ones too). */
  index: Map<ServicePortKey, EndpointState[]>;
  /** Given objects the controllers deleted (stale managed or mirrored slices). */
  deleted: ObjectKey[];
}

const isIndex = (v: unknown): v is PodLabelIndex => typeof (v as PodLabelIndex | null)?.select === 'function';
const keyOf = (o: KubeObject): ObjectKey => objectKey(o.kind ?? '', o.metadata?.namespace ?? 'default', o.metadata?.name ?? '');

/**
 * How reconcile lists an object the endpoint controllers wrote, read without building a lazily written
 * one: kind, namespace, name, (when known without reading labels) the Service it is for, which is
 * its kubernetes.io/service-name label, or an Endpoints object's own name when it has none, and whether
 * its key is new (no given object's, no other written object's).
 */
export function endpointObjectIdentity(obj: KubeObject): { kind: string; namespace: string | undefined; name: string; serviceName?: string; fresh?: boolean } {
  const slice = sliceSource(obj);
  // A created slice's name is new: SliceNames hands out no given slice's name, and none twice.
  if (slice) return { kind: 'EndpointSlice', namespace: slice.svc.namespace, name: slice.name, serviceName: slice.svc.name, fresh: true };
  const svc = endpointsService(obj);
  if (svc) {
    const label = svc.object.metadata?.labels?.[LABEL_SERVICE_NAME];
    return { kind: 'Endpoints', namespace: svc.namespace, name: svc.name, serviceName: label ?? svc.name };
  }
  const meta = obj.metadata!;
  return { kind: obj.kind!, namespace: meta.namespace, name: meta.name! };
}

/** The label keys the Services' selectors use: the only ones the pod index needs. */
function selectorKeys(services: readonly ServiceState[]): Set<string> {
  const keys = new Set<string>();
  for (const s of services) if (s.selector) for (const k in s.selector) keys.add(k);
  return keys;
}

export function runEndpointControllers(input: EndpointControllersInput): EndpointControllersOutput {
  const podIndex = isIndex(input.podsByLabel) ? input.podsByLabel : buildPodLabelIndex(input.pods, selectorKeys(input.services));
  const nodes = input.nodes ? new Map(input.nodes.map((n) => [n.name, n])) : undefined;
  const names = new SliceNames();
  const zones = nodes ? nodeZones(nodes) : undefined;

  // Given slices by "ns/service" and controller; given Endpoints by "ns/name".
  const givenSlices: KubeObject[] = [];
  const slicesFor = new Map<string, KubeObject[]>();
  const givenEndpoints = new Map<string, KubeObject>();
  for (const o of input.given) {
    const ns = o.metadata?.namespace ?? 'default';
    if (o.kind === 'EndpointSlice') {
      givenSlices.push(o);
      if (o.metadata?.name) names.take(ns, o.metadata.name);
      const svc = o.metadata?.labels?.[LABEL_SERVICE_NAME];
      const by = o.metadata?.labels?.[LABEL_MANAGED_BY];
      // Listers skip objects already being deleted (dropEndpointSlicesPendingDeletion).
      if (svc && (by === ENDPOINTSLICE_CONTROLLER || by === MIRRORING_CONTROLLER) && !o.metadata?.deletionTimestamp) {
        const k = `${by}|${ns}/${svc}`;
        slicesFor.set(k, [...(slicesFor.get(k) ?? []), o]);
      }
    } else if (o.kind === 'Endpoints' && o.metadata?.name) givenEndpoints.set(`${ns}/${o.metadata.name}`, o);
  }

  const slices: KubeObject[] = [];
  const endpoints: KubeObject[] = [];
  const deleted = new Set<ObjectKey>();
  const replaced = new Set<ObjectKey>();
  const opts = { distinctPods: input.distinctPods, zones };

  const none: KubeObject[] = [];
  for (const svc of input.services) {
    // Usually nothing was pasted: no keys to build and look up.
    const id = slicesFor.size || givenEndpoints.size ? `${svc.namespace}/${svc.name}` : '';
    const managed = slicesFor.size ? (slicesFor.get(`${ENDPOINTSLICE_CONTROLLER}|${id}`) ?? none) : none;
    const mirrored = slicesFor.size ? (slicesFor.get(`${MIRRORING_CONTROLLER}|${id}`) ?? none) : none;
    // Services of type ExternalName receive no endpoints from either controller (issues.k8s.io/105986).
    if (svc.type === 'ExternalName') continue;
    if (svc.selector !== null) {
      const pods = podIndex.select(svc.namespace, svc.selector);
      const r = reconcileServiceSlices(svc, pods, managed, names, nodes, opts);
      for (const x of r.slices) slices.push(x);
      for (const d of r.deleted) deleted.add(keyOf(d));
      // With a selector, slices mirrored from a hand-written Endpoints are cleaned up.
      for (const d of mirrored) deleted.add(keyOf(d));
      const ep = endpointsForService(svc, pods, givenEndpoints.size ? givenEndpoints.get(id) : undefined);
      endpoints.push(ep);
      continue;
    }
    const apiserver = input.nodes ? apiserverEndpoints(svc, input.nodes) : null;
    if (apiserver) {
      slices.push(apiserver.slice);
      endpoints.push(apiserver.endpoints);
      continue;
    }
    const ep = givenEndpoints.get(id);
    if (ep && shouldMirror(ep)) {
      const r = mirrorEndpoints(ep, mirrored, names);
      slices.push(...r.slices);
      r.deleted.forEach((d) => deleted.add(keyOf(d)));
    } else mirrored.forEach((d) => deleted.add(keyOf(d)));
  }
  // Mirrored slices whose Endpoints or Service is gone are deleted too.
  if (slicesFor.size) {
    const services = new Set(input.services.map((s) => `${s.namespace}/${s.name}`));
    for (const [k, list] of slicesFor) {
      if (!k.startsWith(`${MIRRORING_CONTROLLER}|`)) continue;
      const id = k.slice(MIRRORING_CONTROLLER.length + 1);
      if (!services.has(id) || !givenEndpoints.has(id)) list.forEach((d) => deleted.add(keyOf(d)));
    }
  }

  // Written slices replace given ones of the same name; without given slices there is nothing to replace.
  if (givenSlices.length || deleted.size) for (const s of slices) replaced.add(keyOf(s));
  // kube-proxy merges every slice labelled for a Service: the ones written here and the given ones left.
  const all = givenSlices.length ? [...slices, ...givenSlices.filter((g) => !deleted.has(keyOf(g)) && !replaced.has(keyOf(g)))] : slices;
  const index = buildEndpointIndex(input.services, all, input.canonicalKeys);
  return { slices, endpoints, index, deleted: [...deleted].filter((k) => !replaced.has(k)) };
}
