// Models the endpoints an EndpointSlice lists (staging/src/k8s.io/endpointslice/utils.go podToEndpoint), written when something reads them rather than when the controller syncs. Leaves out: IPv6/dual-stack addresses and topology hints.
import type { NodeState, PodState, ServiceState } from '../cluster/state';
import type { KubeObject } from '../model/types';
import { shouldSetHostname } from './endpoints-controller';

type Wire = Record<string, unknown>;

/** podToEndpoint: ready = publishNotReadyAddresses || (Ready && !terminating); serving ignores termination. */
export function podToEndpoint(pod: PodState, svc: ServiceState, zone: string | null): Wire {
  const serving = pod.serving ?? pod.ready;
  const terminating = pod.terminating;
  const ready = svc.publishNotReadyAddresses || (serving && !terminating);
  const ep: Wire = { addresses: [pod.ip], conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid };
  if (pod.nodeName) ep.nodeName = pod.nodeName;
  if (zone) ep.zone = zone;
  return ep;
}

/** A slice's endpoints before anyone reads them: podToEndpoint of each pod, in order. */
export interface SliceSource {
  svc: ServiceState;
  pods: readonly PodState[];
  /** Each pod's zone; null when none has one. */
  zones: (string | null)[] | null;
}

/** Per lazy slice: what its endpoints are built from, until the first read; then the built list. */
const state = new WeakMap<KubeObject, { src: SliceSource; built: Wire[] | null }>();

/** The pods behind a slice whose endpoints nobody has read yet (kube-proxy's index reads them directly). */
export function sliceSource(slice: KubeObject): SliceSource | undefined {
  const s = state.get(slice);
  return s && !s.built ? s.src : undefined;
}

/**
 * `endpoints` as an own enumerable accessor that builds the list on first read and keeps it (the same
 * array on every read; nothing is redefined, so a frozen slice reads fine): JSON.stringify, spreads,
 * structuredClone and equality checks see plain data, and 150,000 pods' endpoint objects are only made
 * for the slices something prints.
 */
const lazyDescriptor: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: KubeObject) {
    const s = state.get(this);
    if (!s) return undefined;
    return (s.built ??= s.src.pods.map((p, i) => podToEndpoint(p, s.src.svc, s.src.zones ? s.src.zones[i] : null)));
  },
  set(this: KubeObject, value: unknown) {
    state.delete(this);
    Object.defineProperty(this, 'endpoints', { value, enumerable: true, writable: true, configurable: true });
  },
};

/** Gives the slice its `endpoints` (the next property), built from `src` on first read. */
export function lazyEndpoints(slice: KubeObject, src: SliceSource): void {
  state.set(slice, { src, built: null });
  Object.defineProperty(slice, 'endpoints', lazyDescriptor);
}

/** Each node's topology.kubernetes.io/zone label ('' and absent read as null): built once per sync of
 *  all Services, so that each pod costs one lookup and no label read. */
export function nodeZones(nodes: Map<string, NodeState>): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const [name, n] of nodes) m.set(name, n.labels['topology.kubernetes.io/zone'] || null);
  return m;
}
