// Models the endpoints an EndpointSlice lists (staging/src/k8s.io/endpointslice/utils.go podToEndpoint), written when something reads them rather than when the controller syncs. Leaves out: IPv6/dual-stack addresses and topology hints.
import type { NodeState, PodState, ServiceState } from '../cluster/state';
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

/** Each node's topology.kubernetes.io/zone label ('' and absent read as null): built once per sync of
 *  all Services, so that each pod costs one lookup and no label read. */
export function nodeZones(nodes: Map<string, NodeState>): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const [name, n] of nodes) m.set(name, n.labels['topology.kubernetes.io/zone'] || null);
  return m;
}
