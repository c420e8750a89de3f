// Models what the deployment and ReplicaSet controllers, kube-scheduler, the kubelet and the pod garbage collector leave running after `kubectl apply` of the manifests, then after each runtime action in order (pkg/controller/{deployment,replicaset,podgc}, pkg/scheduler, pkg/kubelet; kubectl delete/drain). Leaves out: DaemonSets, StatefulSets, Jobs (their pasted pods stay as they are), rollout pacing, preemption, time passing.
//
// Creation order, which both PodState.ordinal and PodState.createdAt follow: every object is created
// when its document is applied (loaded.objects order); a controller's pods right after its
// Deployment/ReplicaSet document; pods an action creates (replacements) after every document.
// createdAt is on the lead's Service scale (index in loaded.objects × 1000):
//   manifest pod             index(pod) × 1000
//   controller pod           index(its Deployment, or its ReplicaSet document) × 1000 + min(seq, 999)
//   pod made by action #a    (loaded.objects.length + a) × 1000 + min(seq, 999)
// so "Services created before the pod" is `service.createdAt < pod.createdAt` (seq, the ReplicaSet's
// pod counter, is clamped so a big ReplicaSet never reaches the next object's range).
//
// EndpointSlice `serving` (upstream: the pod's Ready condition, ignoring deletion) is not a PodState
// field: read it from the object, `status.conditions[type=Ready].status === "True"`. A terminating
// pod keeps that condition True while its probes pass, while PodState.ready is false.
import type { LoadedCluster } from '../cluster/load';
import type { NodeState, PodState } from '../cluster/state';
import type { Diagnostic, KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import { TAINT_UNSCHEDULABLE, maxPods, specUnschedulable } from './node-lifecycle';
import { createScheduler, schedulingSpec } from './scheduler';
import { createPodIPAllocator, lazyPodObjects, podState, podStatus, type PodRange, type PodWireBuilder } from './kubelet';
import { actionWarning, nodeNotFound, podNotFound, type RuntimeAction } from './runtime-actions';
import { spreadOf } from './plain-objects';
import { TakenPodNames } from './pod-names';
import { deploymentComplete, deploymentStatus, pastedRolloutComplete, planDeployments, REVISION, sortedMap, type DeployRec, type RSCounts } from './deployment-controller';
import {
  claimPods,
  controllerPodRec,
  controllerWarning,
  fullyLabeled,
  isActive,
  manifestPodRec,
  objectUID,
  podMetadataFromTemplate,
  podsPrefix,
  replicaSetRec,
  replicaSetStatus,
  specNodeName,
  trimSurplus,
  type PodRec,
  type RSRec,
} from './replicaset-controller';

export interface WorkloadsInput {
  loaded: LoadedCluster;
  nodes: NodeState[];
  actions: RuntimeAction[];
  seed: number;
}

export interface WorkloadObject {
  key: ObjectKey;
  kind: string;
  namespace: string | null;
  name: string;
  object: KubeObject;
  /** Set on pods the controllers made (system: false until reconcile decides): ClusterState.objects lists
   *  the entry itself. Absent on a manifest pod's entry, which replaces the loaded one. */
  system?: boolean;
  simulated?: boolean;
}

const GATED = 'Scheduling is blocked due to non-empty scheduling gates';

interface Plan {
  manifestPods: PodRec[];
  manifestPodAt: Map<number, PodRec>;
  manifestPodKeys: Set<ObjectKey>;
  /** ReplicaSets by the creation index they sync at (their document, or their Deployment's). */
  rsAt: Map<number, RSRec[]>;
  deployments: DeployRec[];
  allRS: RSRec[];
}

/**
 * Pasted state first: which pods belong to which ReplicaSet and which ReplicaSets to which Deployment,
 * and what the pod garbage collector and surplus scale-down remove before anything else runs.
 */
function planWorkloads(loaded: LoadedCluster, nodeByName: Map<string, NodeState>, seed: number, diagnostics: Diagnostic[]): Plan {
  const manifestPods: PodRec[] = [];
  const manifestPodAt = new Map<number, PodRec>();
  const manifestRS: RSRec[] = [];
  const rsIndex = new Map<RSRec, number>();
  const deploys: { stored: LoadedCluster['objects'][number]; index: number }[] = [];
  loaded.objects.forEach((s, i) => {
    if (!s.simulated) return;
    if (s.kind === 'Pod') {
      const p = manifestPodRec(s);
      const bound = specNodeName(p);
      if (bound && !nodeByName.has(bound)) {
        // podgc gcOrphaned: pods bound to a node that does not exist are deleted.
        p.alive = false;
        diagnostics.push(controllerWarning(p, 'PodGC', `node "${bound}" does not exist, so the pod garbage collector deletes the pod (PodGC: node no longer exists)`));
      }
      manifestPods.push(p);
      manifestPodAt.set(i, p);
    } else if (s.kind === 'ReplicaSet') {
      const rs = replicaSetRec(s.object, s, seed);
      manifestRS.push(rs);
      rsIndex.set(rs, i);
    } else if (s.kind === 'Deployment') deploys.push({ stored: s, index: i });
  });
  const { deployments, created } = planDeployments(deploys, manifestRS, manifestPods, seed);
  const rsAt = new Map<number, RSRec[]>();
  const add = (i: number, rs: RSRec) => rsAt.set(i, [...(rsAt.get(i) ?? []), rs]);
  for (const rs of manifestRS) add(rsIndex.get(rs)!, rs);
  for (const { rs, index } of created) add(index, rs);
  const allRS = [...rsAt.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, l]) => l);
  claimPods(allRS, manifestPods);
  for (const rs of allRS) trimSurplus(rs);
  return { manifestPods, manifestPodAt, manifestPodKeys: new Set(manifestPods.map((p) => p.key)), rsAt, deployments, allRS };
}

/** The wire object of a pod, as `kubectl get pod -o json` shows it once the kubelet has reported. */
const podWire: PodWireBuilder<PodRec> = {
  metadata(p) {
    const wire = (p.wire ??= {});
    if (wire.metadata) return wire.metadata;
    if (!p.stored) {
      const rs = p.rs!;
      return (wire.metadata = podMetadataFromTemplate({ name: p.name, generateName: podsPrefix(rs.name), namespace: p.namespace, uid: p.uid, labels: p.labels, annotations: rs.podAnnotations, finalizers: rs.podFinalizers, ownerReferences: rs.podOwnerRefs }));
    }
    const meta = p.stored.object.metadata ?? {};
    const refs = p.adopted && p.ownerRef ? [...(Array.isArray(meta.ownerReferences) ? meta.ownerReferences : []), p.ownerRef] : meta.ownerReferences;
    return (wire.metadata = { ...meta, ...(refs ? { ownerReferences: refs } : {}) });
  },
  spec(p) {
    return ((p.wire ??= {}).spec ??= p.nodeName && p.spec.nodeName !== p.nodeName ? { ...p.spec, nodeName: p.nodeName } : p.spec);
  },
  status(p) {
    const pasted = p.stored?.object.status as Record<string, unknown> | undefined;
    if (p.terminal) return pasted ?? {};
    return ((p.wire ??= {}).status ??= podStatus(
      { spec: podWire.spec(p), status: pasted },
      { uid: p.uid, hostIP: p.hostIP, podIP: p.ip, ready: p.readyCondition, unschedulable: p.pendingReason, schedulingGated: !p.nodeName && isGated(p.spec), sandboxError: p.sandboxError },
    ));
  },
};
const podObject = lazyPodObjects(podWire);

/** Why an owned pod that is not under a simulated ReplicaSet comes back from nowhere. */
const notRecreated = (p: PodRec): string =>
  p.ownerRef!.kind === 'ReplicaSet'
    ? `pod "${p.name}" belongs to ReplicaSet "${p.ownerRef!.name}", which does not exist, so nothing recreates it`
    : `pod "${p.name}" is managed by ${p.ownerRef!.kind} "${p.ownerRef!.name}", which the playground does not simulate, so nothing recreates it`;

const isGated = (spec: Record<string, unknown>) => Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0;
const byName = (x: PodRec, y: PodRec) => (x.namespace < y.namespace ? -1 : x.namespace > y.namespace ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

export function runWorkloads(input: WorkloadsInput): { pods: PodState[]; objects: WorkloadObject[]; diagnostics: Diagnostic[] } {
  const { loaded, nodes, actions, seed } = input;
  const diagnostics: Diagnostic[] = [];
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));
  /** Position of each node in `nodes` (and in the scheduler's list); each node's podCIDR parsed once. */
  const nodeIndex = new Map(nodes.map((n, i) => [n.name, i]));
  const ranges: (PodRange | undefined)[] = [];
  // Runtime cordons replay in order below, so the scheduler starts from spec.unschedulable.
  const sched = createScheduler(
    nodes.map((n) => ({ name: n.name, labels: n.labels, taints: n.taints.filter((t) => t.key !== TAINT_UNSCHEDULABLE), unschedulable: specUnschedulable(n.object), maxPods: maxPods(n.object) })),
    seed,
  );
  const ipam = createPodIPAllocator(seed);
  const plan = planWorkloads(loaded, nodeByName, seed, diagnostics);
  for (const p of plan.manifestPods) if (p.pinnedIP) ipam.reserve(p.pinnedIP);

  /** Live pods by key, for the runtime actions (kept only when there are some); pods placed, then removed. */
  const alive = actions.length ? new Map<ObjectKey, PodRec>() : null;
  const removed = new Set<PodRec>();
  const names = new TakenPodNames(plan.manifestPodKeys);
  const log: (PodRec | RSRec)[] = [];
  const foreignSchedulers = new Set<string>();
  const missingNodes = new Set<string>();
  let ordinal = 0;

  /** Pods the scheduler could not place; retried whenever an action changes the cluster (the unschedulable queue). */
  const unschedulable = new Set<PodRec>();

  function place(p: PodRec, forced: string | null): void {
    alive?.set(p.key, p);
    if (p.terminal) {
      // Finished pods stay listed on their node but hold no slot and no address (scheduler cache, CNI DEL).
      p.nodeName = nodeByName.has(specNodeName(p) ?? '') ? specNodeName(p) : null;
      p.node = p.nodeName !== null ? nodeByName.get(p.nodeName)! : null;
      return;
    }
    const node = forced ?? specNodeName(p);
    const schedulerName = typeof p.spec.schedulerName === 'string' ? p.spec.schedulerName : 'default-scheduler';
    if (node && !nodeByName.has(node)) {
      // A template's spec.nodeName naming no node: PodGC deletes each such pod and the ReplicaSet makes another.
      if (!missingNodes.has(node)) {
        missingNodes.add(node);
        diagnostics.push(controllerWarning(p, 'PodGC', `node "${node}" does not exist, so the pod garbage collector keeps deleting the pods bound to it (PodGC: node no longer exists)`));
      }
      return;
    }
    if (node) sched.bind(node);
    else if (isGated(p.spec)) p.pendingReason = GATED;
    else if (schedulerName !== 'default-scheduler') {
      if (!foreignSchedulers.has(schedulerName)) {
        foreignSchedulers.add(schedulerName);
        diagnostics.push(controllerWarning(p, 'NotSimulated', `no scheduler named "${schedulerName}" runs in the cluster: pods that ask for it stay Pending`));
      }
    } else return trySchedule(p);
    if (node) bindTo(p, nodeIndex.get(node)!);
  }

  function trySchedule(p: PodRec): void {
    const r = sched.scheduleAt(p.key, p.rs ? p.rs.schedSpec : schedulingSpec(p.spec));
    if (typeof r !== 'number') {
      p.pendingReason = r.message;
      unschedulable.add(p);
      return;
    }
    p.pendingReason = null;
    if (unschedulable.size) unschedulable.delete(p);
    bindTo(p, r);
  }

  /** The kubelet on nodes[i] starts the pod: sandbox, address from the node's podCIDR. */
  function bindTo(p: PodRec, i: number): void {
    const n = nodes[i];
    p.nodeName = n.name;
    p.node = n;
    p.hostIP = n.internalIP;
    if (p.spec.hostNetwork === true) p.ip = n.internalIP;
    else if (p.pinnedIP) p.ip = p.pinnedIP;
    else {
      const r = ipam.address(p.key, (ranges[i] ??= ipam.range(n.podCIDR)));
      if (typeof r === 'string') p.ip = r;
      else {
        p.sandboxError = r.error;
        diagnostics.push(controllerWarning(p, 'FailedCreatePodSandBox', r.error));
      }
    }
  }

  function remove(p: PodRec): void {
    alive?.delete(p.key);
    removed.add(p);
    unschedulable.delete(p);
    if (p.nodeName && !p.terminal) sched.unbind(p.nodeName);
    if (p.ip && p.spec.hostNetwork !== true) ipam.release(p.ip);
    if (p.rs && p.rs.members.delete(p) && isActive(p)) p.rs.active--;
  }

  /** manageReplicas: create what the ReplicaSet lacks (the first one on `forced`, for `move`). */
  function sync(rs: RSRec, base: number, forced: string | null = null): void {
    const taken = rs.active < rs.desired ? names.takenFor(rs) : null;
    while (rs.active < rs.desired) {
      const name = names.takeName(rs, taken!);
      const seq = rs.seq - 1;
      const key = objectKey('Pod', rs.namespace, name);
      const p = controllerPodRec(rs, key, name, objectUID(seed, key));
      p.ordinal = ordinal++;
      p.createdAt = base * 1000 + Math.min(seq, 999);
      rs.members.add(p);
      rs.active++;
      log.push(p);
      place(p, forced);
      forced = null;
    }
  }

  // ---- the manifests, in creation order ----
  loaded.objects.forEach((_, i) => {
    const p = plan.manifestPodAt.get(i);
    if (p && p.alive) {
      p.ordinal = ordinal++;
      p.createdAt = i * 1000;
      log.push(p);
      place(p, null);
    }
    for (const rs of plan.rsAt.get(i) ?? []) {
      log.push(rs);
      sync(rs, i);
    }
  });

  const nodeReady = (p: PodRec) => p.nodeName !== null && (p.node?.ready ?? false);
  const running = (p: PodRec) => !p.terminal && p.nodeName !== null && p.ip !== null;
  /** The Ready condition: probes pass unless pasted status or an action says otherwise; a NotReady node's pods are not ready. */
  const readyCondition = (p: PodRec) => running(p) && (p.readyOverride ?? p.pastedReady ?? true) && nodeReady(p);
  const podReady = (p: PodRec) => readyCondition(p) && !p.terminating;
  const counts = (rs: RSRec): RSCounts & { fullyLabeled: number } => {
    const c = { specReplicas: rs.desired, replicas: 0, ready: 0, available: 0, fullyLabeled: 0 };
    // The pods the ReplicaSet made share its podLabels: test those once.
    const own = fullyLabeled(rs.podLabels, rs.templateLabels);
    for (const p of rs.members) {
      if (!isActive(p)) continue;
      c.replicas++;
      if (p.labels === rs.podLabels ? own : fullyLabeled(p.labels, rs.templateLabels)) c.fullyLabeled++;
      if (podReady(p)) c.ready++;
    }
    c.available = c.ready; // minReadySeconds has always elapsed: simulated time does not advance
    return c;
  };
  const isComplete = (d: DeployRec, countsOf: (rs: RSRec) => RSCounts) =>
    deploymentComplete(d.object, d.allRS.map(countsOf), d.newRS ? countsOf(d.newRS) : null);
  // Without actions nothing changes the counts between here and the output: count each ReplicaSet once.
  const unchanged = actions.length === 0 ? new Map(plan.allRS.map((rs) => [rs, counts(rs)])) : null;
  const completedBefore = new Set(plan.deployments.filter((d) => isComplete(d, unchanged ? (rs) => unchanged.get(rs)! : counts)));

  // ---- runtime actions, in order ----
  const priority = (p: PodRec) => (typeof p.spec.priority === 'number' ? p.spec.priority : 0);
  actions.forEach((a, ai) => {
    act(a, ai);
    // Node and pod events move unschedulable pods back to the active queue: higher priority first, then older.
    if (unschedulable.size) for (const p of [...unschedulable].sort((x, y) => priority(y) - priority(x) || x.ordinal - y.ordinal)) trySchedule(p);
  });

  function act(a: RuntimeAction, ai: number): void {
    const base = loaded.objects.length + ai;
    if (a.verb === 'cordon' || a.verb === 'uncordon' || a.verb === 'drain') {
      if (!nodeByName.has(a.node)) return; // node-lifecycle reports it
      sched.setUnschedulable(a.node, a.verb !== 'uncordon');
      if (a.verb === 'drain') drain(a, base);
      return;
    }
    if (!('pod' in a)) return;
    const p = alive!.get(objectKey('Pod', a.pod.namespace, a.pod.name));
    if (!p) return void diagnostics.push(actionWarning(a, podNotFound(a)));
    if (a.verb === 'ready' || a.verb === 'not-ready') {
      p.readyOverride = a.verb === 'ready';
      return;
    }
    if (a.verb === 'move') {
      if (!nodeByName.has(a.node)) return void diagnostics.push(actionWarning(a, nodeNotFound(a.node)));
      if (!p.rs) return void diagnostics.push(actionWarning(a, p.ownerRef ? notRecreated(p) : `pod "${p.name}" declares no controller: a bare pod's node is spec.nodeName in the YAML`));
      if (!isActive(p)) return void diagnostics.push(actionWarning(a, `pod "${p.name}" is terminating`));
      remove(p);
      sync(p.rs, base, a.node);
      return;
    }
    remove(p); // delete
    if (p.rs) sync(p.rs, base);
    else if (p.ownerRef && !p.terminal) diagnostics.push(actionWarning(a, notRecreated(p), { skipped: false }));
  }

  /** kubectl drain --ignore-daemonsets --delete-emptydir-data, without --force (kubectl/pkg/drain/filters.go). */
  function drain(a: RuntimeAction & { node: string }, base: number): void {
    // A scan, not an index: drains are rare, and a per-node index would cost every pod a Set entry.
    const onNode = [...alive!.values()].filter((p) => p.nodeName === a.node).sort(byName);
    const unmanaged: string[] = [];
    const daemons: string[] = [];
    const lost: string[] = [];
    const touched = new Set<RSRec>();
    for (const p of onNode) {
      const annotations = p.stored?.object.metadata?.annotations;
      if (annotations && 'kubernetes.io/config.mirror' in annotations) continue; // mirrorPodFilter: skipped
      if (p.ownerRef?.kind === 'DaemonSet' && !p.terminal) daemons.push(`${p.namespace}/${p.name}`);
      else if (!p.ownerRef && !p.terminal) unmanaged.push(`${p.namespace}/${p.name}`);
      else {
        remove(p);
        if (p.rs) touched.add(p.rs);
        else if (p.ownerRef && !p.terminal) lost.push(`${p.namespace}/${p.name}`);
      }
    }
    if (daemons.length) diagnostics.push(actionWarning(a, `Warning: ignoring DaemonSet-managed Pods: ${daemons.join(', ')}`, { skipped: false }));
    if (lost.length) diagnostics.push(actionWarning(a, `evicted Pods whose controller is not simulated are not recreated: ${lost.join(', ')}`, { skipped: false }));
    if (unmanaged.length) diagnostics.push(actionWarning(a, `cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`, { skipped: false }));
    for (const rs of touched) sync(rs, base);
  }

  // ---- status and output ----
  const finalCounts = unchanged ?? new Map(plan.allRS.map((rs) => [rs, counts(rs)]));
  const countsOf = (rs: RSRec) => finalCounts.get(rs)!;
  const objects: WorkloadObject[] = [];
  for (const d of plan.deployments) {
    const meta = d.object.metadata ?? {};
    const annotations = d.newRS ? sortedMap({ ...(meta.annotations ?? {}), [REVISION]: String(d.revision) }) : meta.annotations;
    const nc = d.newRS ? countsOf(d.newRS) : null;
    const status = deploymentStatus(d.object, d.allRS.map(countsOf), d.newRS && nc ? { name: d.newRS.name, counts: nc } : null, {
      completed: completedBefore.has(d) || isComplete(d, countsOf) || (d.newRS !== null && pastedRolloutComplete(d.object, d.newRS.name)),
      collisionCount: d.collisionCount,
    });
    const metadata = spreadOf(meta, { generation: typeof meta.generation === 'number' ? meta.generation : 1 }, annotations ? { annotations } : null);
    const object = spreadOf<KubeObject>(d.object, { metadata, status });
    objects.push({ key: d.stored.key, kind: 'Deployment', namespace: d.namespace, name: d.name, object });
  }

  const pods: PodState[] = [];
  for (const x of log) {
    if ('members' in x) {
      const meta = x.object.metadata ?? {};
      const metadata = spreadOf(meta, { generation: typeof meta.generation === 'number' ? meta.generation : 1 });
      const object = spreadOf<KubeObject>(x.object, { metadata, status: replicaSetStatus(x.object, countsOf(x)) });
      objects.push({ key: x.key, kind: 'ReplicaSet', namespace: x.namespace, name: x.name, object });
      continue;
    }
    if (removed.size && removed.has(x)) continue;
    const cond = readyCondition(x);
    x.readyCondition = cond;
    const object = podObject(x);
    // A controller's pod entry has the state's shape (reconcile lists it as it is); a manifest pod's
    // replaces its loaded entry, and lacking `system` says so without a lookup.
    if (x.stored) objects.push({ key: x.key, kind: 'Pod', namespace: x.namespace, name: x.name, object });
    else objects.push({ key: x.key, kind: 'Pod', namespace: x.namespace, name: x.name, object, system: false, simulated: true });
    pods.push(podState(x, object, cond && !x.terminating, cond));
  }

  // One FailedScheduling warning per owner and message, not one per pod.
  // Grouped by owner key, then by message (one string per message from the scheduler: no long keys to
  // build and hash), in order of each group's first pod.
  // An owner's pods nearly always share one message: its first group is kept directly, and a Map of
  // groups by message only made when a second message turns up.
  type Group = { p: PodRec; n: number };
  const pending: Group[] = [];
  const byOwner = new Map<string, Group | Map<string | null, Group>>();
  const group = (p: PodRec): Group => pending[pending.push({ p, n: 1 }) - 1];
  for (const p of unschedulable) {
    const owner = p.rs?.key ?? p.key;
    const e = byOwner.get(owner);
    if (!e) byOwner.set(owner, group(p));
    else if (!(e instanceof Map)) {
      if (e.p.pendingReason === p.pendingReason) e.n++;
      else byOwner.set(owner, new Map([[e.p.pendingReason, e], [p.pendingReason, group(p)]]));
    } else {
      const g = e.get(p.pendingReason);
      if (g) g.n++;
      else e.set(p.pendingReason, group(p));
    }
  }
  for (const { p, n } of pending) {
    diagnostics.push(controllerWarning(p, 'FailedScheduling', `${p.pendingReason}${p.rs && n > 1 ? ` (${n} pods of ReplicaSet "${p.rs.name}")` : ''}`));
  }
  return { pods, objects, diagnostics };
}
