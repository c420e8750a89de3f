// Runs the controllers in one fixed order over the loaded objects and the runtime-action log, giving
// the ClusterState the data plane reads: nodes → workloads (deployment, replicaset, scheduler,
// kubelet) → Services → load balancer → EndpointSlices → indexes. Pure: same inputs, same state.
import type { Diagnostic, KubeObject, ObjectKey } from '../model/types';
import { rec } from '../manifest/validate/types';
import { buildNodes } from '../controllers/node-lifecycle';
import { parseAction, type RuntimeAction } from '../controllers/runtime-actions';
import { runWorkloads } from '../controllers/workloads';
import { runLoadBalancerController, type LBProvider } from '../controllers/load-balancer';
import { endpointObjectIdentity, runEndpointControllers } from '../controllers/endpointslice-controller';
import type { LoadedCluster } from './load';
import { serviceState } from './services';
import type { ReconcileMemo } from './reconcile-memo';
import type { ClusterIndex, ClusterState, NodeState, PodState, ServiceState } from './state';

export interface ReconcileOptions {
  /** Runtime actions in the log's string grammar (`delete pod/default/web-1`, `cordon node/kind-worker`). */
  actions?: string[];
  seed?: number;
  lbProvider?: LBProvider;
  /** Reuse the node and workload controllers' answers of the last reconcile given this memo when
   *  nothing they read changed (an editor's successive edits; see reconcile-memo.ts). */
  memo?: ReconcileMemo;
}

type StateObject = ClusterState['objects'][number];
/** No load-balancer addresses (one shared array rather than one per Service). */
const NO_IPS = Object.freeze([]) as unknown as string[];
/** An object a controller wrote, with what reconcile may read of it without building it (a lazily
 *  written object's labels, or the Service an endpoint object is for). */
type Created = Omit<StateObject, 'system' | 'simulated'> & { labels?: Record<string, string>; serviceName?: string; fresh?: boolean };

function actionDiagnostic(action: string, message: string): Diagnostic {
  return {
    severity: 'warning',
    file: null,
    document: null,
    kind: null,
    namespace: null,
    name: null,
    field: null,
    type: null,
    value: action,
    detail: null,
    reason: 'ActionSkipped',
    code: null,
    message: `action "${action}" skipped: ${message}`,
    line: null,
    column: null,
  };
}

export function reconcile(loaded: LoadedCluster, opts: ReconcileOptions = {}): ClusterState {
  const seed = opts.seed ?? 1;
  const diagnostics: Diagnostic[] = [];
  const actions: RuntimeAction[] = [];
  for (const a of opts.actions ?? []) {
    const parsed = parseAction(a);
    if ('error' in parsed) diagnostics.push(actionDiagnostic(a, parsed.error));
    else actions.push(parsed);
  }

  const reused = opts.memo?.answers(loaded, opts.actions ?? [], seed);
  const nodeResult = reused?.nodes ?? buildNodes(loaded, actions);
  diagnostics.push(...nodeResult.diagnostics);
  const nodes = nodeResult.nodes;

  const work = reused?.work ?? runWorkloads({ loaded, nodes, actions, seed });
  opts.memo?.remember(loaded, opts.actions ?? [], seed, { nodes: nodeResult, work });
  diagnostics.push(...work.diagnostics);
  const pods = work.pods;

  // Creation order scale for Services (index in loaded.objects × 1000); the last entry wins for a repeated key.
  const creation = new Map<ObjectKey, number>();
  loaded.objects.forEach((o, i) => {
    if (o.kind === 'Service') creation.set(o.key, i * 1000);
  });
  let services: ServiceState[] = loaded.objects.filter((o) => o.kind === 'Service' && o.simulated).map((o) => serviceState(o, creation.get(o.key)!));
  if (opts.memo) services = opts.memo.services(services);

  const pools = loaded.objects.filter((o) => o.kind === 'IPAddressPool').map((o) => o.object);
  const lb = runLoadBalancerController({ services, pools, provider: opts.lbProvider ?? 'auto', nodes });
  diagnostics.push(...lb.diagnostics);
  services = services.map((s) => withLoadBalancerIngress(s, lb.ingress.get(s.key) ?? NO_IPS, lb.allocatedFrom.get(s.key)));

  const given = loaded.objects.filter((o) => (o.kind === 'EndpointSlice' || o.kind === 'Endpoints') && !o.system).map((o) => o.object);
  const input = { services, pods, given, nodes, distinctPods: true, canonicalKeys: work.canonicalKeys };
  const eps = opts.memo ? opts.memo.endpoints(input) : runEndpointControllers(input);
  const index = buildIndex(nodes, pods, services, eps.index);

  // Pods the workload controllers no longer report (deleted by an action, drained, garbage-collected,
  // trimmed by their ReplicaSet) are gone from the cluster. work.pods lists exactly the live pods.
  const gone = new Set<ObjectKey>(eps.deleted);
  for (const o of loaded.objects) if (o.kind === 'Pod' && !index.podByKey.has(o.key)) gone.add(o.key);
  const nodeObjects = nodes.map((n) => ({ key: n.key, kind: 'Node', namespace: null, name: n.name, object: nodeObject(n) }));
  const objects = mergeObjects(loaded, [nodeObjects, work.objects], services, [eps.slices, eps.endpoints], gone, pods, index.podByKey);
  return { topology: loaded.topology, seed, nodes, pods, services, objects, index, diagnostics };
}

/** A cordoned or drained node shows it as `kubectl get nodes` does: spec.unschedulable and its taint. */
function nodeObject(n: NodeState): KubeObject {
  const spec = rec(n.object.spec) ?? {};
  if (!n.unschedulable || spec.unschedulable === true) return n.object;
  const taints = Array.isArray(spec.taints) ? spec.taints : [];
  return {
    ...n.object,
    spec: { ...spec, unschedulable: true, taints: [...taints, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:00Z' }] },
  };
}

/** The load-balancer controller's answer becomes the Service's status (and MetalLB's pool annotation). */
function withLoadBalancerIngress(s: ServiceState, ips: string[], pool: string | undefined): ServiceState {
  if (s.type !== 'LoadBalancer' || ips.join() === s.loadBalancerIPs.join()) return s;
  const meta = s.object.metadata ?? {};
  const annotations = pool ? { ...(meta.annotations ?? {}), 'metallb.io/ip-allocated-from-pool': pool } : meta.annotations;
  const object: KubeObject = {
    ...s.object,
    metadata: { ...meta, ...(annotations ? { annotations } : {}) },
    status: { ...(rec(s.object.status) ?? {}), loadBalancer: ips.length ? { ingress: ips.map((ip) => ({ ip, ipMode: 'VIP' })) } : {} },
  };
  return { ...s, loadBalancerIPs: ips, object };
}

/** Loaded objects in creation order, each replaced by its controller-updated version where there is one,
 *  followed by what controllers created that the manifests did not. One pass over each list: a created
 *  object whose key is a loaded one replaces it (the last version wins: created, then Services, then
 *  endpoint objects); any other is appended once (the first wins). */
function mergeObjects(
  loaded: LoadedCluster,
  created: Created[][],
  services: ServiceState[],
  endpointObjects: KubeObject[][],
  deleted: Set<ObjectKey>,
  pods: PodState[],
  podByKey: Map<ObjectKey, PodState>,
): StateObject[] {
  const out: StateObject[] = [];
  /** Position in `out` of every kept loaded object (pods apart: few are loaded, many are created). */
  const at = new Map<ObjectKey, number>();
  const podAt = new Map<ObjectKey, number>();
  /** Further positions of a key loaded more than once. */
  const repeats = new Map<ObjectKey, number[]>();
  /** Kinds among the kept loaded objects: a created object of another kind replaces nothing. */
  const loadedKinds = new Set<string>();
  for (const o of loaded.objects) {
    if (deleted.size && deleted.has(o.key)) continue;
    loadedKinds.add(o.kind);
    const m = o.kind === 'Pod' ? podAt : at;
    if (!m.has(o.key)) m.set(o.key, out.length);
    else repeats.set(o.key, [...(repeats.get(o.key) ?? []), out.length]);
    out.push({ key: o.key, kind: o.kind, namespace: o.namespace, name: o.name, object: o.object, system: o.system, simulated: o.simulated });
  }
  /** Replaces the loaded object of this key; false when no loaded object has it. */
  const replace = (key: ObjectKey, kind: string, object: KubeObject): boolean => {
    const i = (kind === 'Pod' ? podAt : at).get(key);
    if (i === undefined) return false;
    out[i].object = object;
    if (repeats.size) for (const j of repeats.get(key) ?? []) out[j].object = object;
    return true;
  };
  // What controllers create for the cluster's own components (CoreDNS, ingress-nginx, the API server's
  // endpoints) is system too: it lives in their namespaces or belongs to a system Service.
  const systemServices = new Map<string | null, Set<string>>();
  for (const o of loaded.objects) {
    if (o.kind !== 'Service' || !o.system) continue;
    const names = systemServices.get(o.namespace);
    if (names) names.add(o.name);
    else systemServices.set(o.namespace, new Set([o.name]));
  }
  // A controller-made pod's metadata.labels is its PodState's labels: read them there, so that the
  // pod's wire object stays unbuilt. work.objects lists its pods in work.pods' order.
  let podCursor = 0;
  const labelsOf = (o: Created): Record<string, string> | undefined => {
    if (o.kind !== 'Pod') return o.labels ?? (o.object.metadata?.labels as Record<string, string> | undefined);
    while (podCursor < pods.length && pods[podCursor].key !== o.key) podCursor++;
    const p = podCursor < pods.length ? pods[podCursor] : podByKey.get(o.key);
    return p ? p.labels : (o.object.metadata?.labels as Record<string, string> | undefined);
  };
  const isSystem = (o: Created): boolean => {
    if (o.namespace === 'kube-system' || o.namespace === 'ingress-nginx') return true;
    const names = systemServices.get(o.namespace);
    if (!names) return false;
    const svc = o.serviceName !== undefined ? o.serviceName : (labelsOf(o)?.['kubernetes.io/service-name'] ?? (o.kind === 'Endpoints' ? o.name : null));
    return svc !== null && names.has(svc);
  };
  /** Keys appended after the loaded ones. Controller-made pods need no entry: runWorkloads never hands
   *  out a pod name twice, nor one of a manifest pod (those are loaded keys). Nor do objects marked
   *  fresh: a ReplicaSet the deployment controller named (never a pasted one's name) and a slice the
   *  EndpointSlice controller named (never a given slice's name). */
  const appended = new Set<ObjectKey>();
  const add = (o: Created) => {
    // runWorkloads' entries for the pods its controllers made already have the state's shape: listed as
    // they are, without a lookup (their keys are never loaded ones).
    if (o.kind === 'Pod' && (o as Partial<StateObject>).simulated === true && 'system' in o) {
      (o as StateObject).system = isSystem(o);
      out.push(o as StateObject);
      return;
    }
    if (o.fresh !== true && loadedKinds.has(o.kind) && replace(o.key, o.kind, o.object)) return;
    if (o.kind !== 'Pod' && o.fresh !== true) {
      if (appended.has(o.key)) return;
      appended.add(o.key);
    }
    out.push({ key: o.key, kind: o.kind, namespace: o.namespace, name: o.name, object: o.object, system: isSystem(o), simulated: true });
  };
  for (const list of created) for (const o of list) add(o);
  for (const s of services) replace(s.key, 'Service', s.object);
  // Controllers own EndpointSlices/Endpoints: their versions replace pasted ones of the same name.
  for (const list of endpointObjects) {
    for (const obj of list) {
      // Read without building what the controllers left unbuilt.
      const id = endpointObjectIdentity(obj);
      add({ key: `${id.kind}/${id.namespace}/${id.name}` as ObjectKey, kind: id.kind, namespace: id.namespace ?? null, name: id.name, object: obj, serviceName: id.serviceName, fresh: id.fresh });
    }
  }
  return out;
}

function buildIndex(nodes: NodeState[], pods: PodState[], services: ServiceState[], endpoints: ClusterIndex['endpoints']): ClusterIndex {
  const index: ClusterIndex = {
    podByKey: new Map(),
    podByIP: new Map(),
    nodeByName: new Map(),
    nodeByIP: new Map(),
    serviceByKey: new Map(),
    serviceByClusterIP: new Map(),
    serviceByExternalIP: new Map(),
    serviceByNodePort: new Map(),
    endpoints,
  };
  for (const n of nodes) {
    index.nodeByName.set(n.name, n);
    index.nodeByIP.set(n.internalIP, n);
  }
  for (const p of pods) {
    index.podByKey.set(p.key, p);
    // hostNetwork pods share their node's IP; the node owns that address.
    if (p.ip && !p.hostNetwork && !p.terminating) index.podByIP.set(p.ip, p);
    else if (p.ip && !p.hostNetwork && !index.podByIP.has(p.ip)) index.podByIP.set(p.ip, p);
  }
  for (const s of services) {
    index.serviceByKey.set(s.key, s);
    if (s.clusterIP) index.serviceByClusterIP.set(s.clusterIP, s);
    for (const ip of s.externalIPs) index.serviceByExternalIP.set(ip, [...(index.serviceByExternalIP.get(ip) ?? []), s]);
    for (const ip of s.loadBalancerIPs) index.serviceByExternalIP.set(ip, [...(index.serviceByExternalIP.get(ip) ?? []), s]);
    for (const p of s.ports) if (p.nodePort !== null) index.serviceByNodePort.set(`${p.nodePort}/${p.protocol}`, s);
  }
  return index;
}
