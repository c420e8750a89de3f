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
import { createPodIPAllocator, podState, type PodRange } from './kubelet';
import { GATED, isGated, podObject } from './pod-wire';
import { planWorkloads } from './workload-plan';
import { actionWarning, nodeNotFound, podNotFound, type RuntimeAction } from './runtime-actions';
import { spreadOf } from './plain-objects';
import { podUID, podUIDPrefix, TakenPodNames } from './pod-names';
import { createdReplicaSetOutput, deploymentComplete, pastedRolloutComplete, type DeployRec, type RSCounts } from './deployment-controller';
import { deploymentOutput } from './deployment-output';
import { controllerPodRec, controllerWarning, fullyLabeled, isActive, replicaSetStatus, specNodeName, type PendingGroup, type PodRec, type RSRec } from './replicaset-controller';

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
  /** object.metadata.labels, for an object whose parts are built when read (reconcile looks at them). */
  labels?: Record<string, string>;
  /** Its key is new: a ReplicaSet the deployment controller named, never a pasted one's name. */
  fresh?: boolean;
}

/**
 * A Set of pods in insertion order (add of a member keeps its place, a re-added pod goes last), kept as
 * a list and each member's position in it: 10,000 pending pods cost no hash table.
 */
class PodQueue {
  private pods: PodRec[] = [];
  size = 0;
  add(p: PodRec): void {
    if (p.queuePos >= 0 && this.pods[p.queuePos] === p) return;
    p.queuePos = this.pods.length;
    this.pods.push(p);
    this.size++;
  }
  delete(p: PodRec): void {
    if (p.queuePos < 0 || this.pods[p.queuePos] !== p) return;
    p.queuePos = -1;
    this.size--;
  }
  /** The members, in order. */
  list(): PodRec[] {
    const out: PodRec[] = [];
    for (let i = 0; i < this.pods.length; i++) if (this.pods[i].queuePos === i) out.push(this.pods[i]);
    return out;
  }
}

/** Why an owned pod that is not under a simulated ReplicaSet comes back from nowhere. */
const notRecreated = (p: PodRec): string =>
  p.ownerRef!.kind === 'ReplicaSet'
    ? `pod "${p.name}" belongs to ReplicaSet "${p.ownerRef!.name}", which does not exist, so nothing recreates it`
    : `pod "${p.name}" is managed by ${p.ownerRef!.kind} "${p.ownerRef!.name}", which the playground does not simulate, so nothing recreates it`;

/** p.key === objectKey('Pod', p.namespace, p.name), read off the key without writing the other string. */
function isCanonicalKey(p: PodRec): boolean {
  const { key, namespace: ns, name } = p;
  return key.length === ns.length + name.length + 5 && key.startsWith('Pod/') && key.startsWith(ns, 4) && key.charCodeAt(4 + ns.length) === 47 && key.endsWith(name);
}

const byName = (x: PodRec, y: PodRec) => (x.namespace < y.namespace ? -1 : x.namespace > y.namespace ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0);

export interface WorkloadsOutput {
  pods: PodState[];
  objects: WorkloadObject[];
  diagnostics: Diagnostic[];
  /** Every pod's key is objectKey('Pod', namespace, name) (the controllers' pods always; manifest pods
   *  as load.ts keys them): readers may take PodState.key for that key. */
  canonicalKeys: boolean;
}

export function runWorkloads(input: WorkloadsInput): WorkloadsOutput {
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
  const unschedulable = new PodQueue();

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
      const suffix = rs.names.suffix(names.takeCode(rs, taken!));
      const seq = rs.seq - 1;
      const name = rs.names.base + suffix;
      // objectKey('Pod', namespace, name), its `Pod/<namespace>/` written once per ReplicaSet.
      const key = ((rs.podKeyPrefix ??= `Pod/${rs.namespace}/`) + name) as ObjectKey;
      // objectUID(seed, key), from the hash of everything before the name's random part.
      const p = controllerPodRec(rs, key, name, podUID((rs.uidPrefix ??= podUIDPrefix(seed, rs.namespace, rs.names.base)), suffix));
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
  for (let i = 0; i < loaded.objects.length; i++) {
    const p = plan.manifestPodAt[i];
    if (p && p.alive) {
      p.ordinal = ordinal++;
      p.createdAt = i * 1000;
      log.push(p);
      place(p, null);
    }
    const rsList = plan.rsAt[i];
    if (rsList) {
      for (const rs of rsList) {
        log.push(rs);
        sync(rs, i);
      }
    }
  }

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
  // Whether each rollout had completed before the actions (a completed rollout stays so). Without
  // actions the counts do not change before the output, which asks the same question of them.
  const completedBefore = actions.length ? new Set(plan.deployments.filter((d) => isComplete(d, counts))) : null;

  // ---- runtime actions, in order ----
  const priority = (p: PodRec) => (typeof p.spec.priority === 'number' ? p.spec.priority : 0);
  actions.forEach((a, ai) => {
    act(a, ai);
    // Node and pod events move unschedulable pods back to the active queue: higher priority first, then older.
    if (unschedulable.size) for (const p of unschedulable.list().sort((x, y) => priority(y) - priority(x) || x.ordinal - y.ordinal)) trySchedule(p);
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
  // Each ReplicaSet's final counts, on its record (no Map entry per ReplicaSet).
  for (const rs of plan.allRS) rs.counts = counts(rs);
  const countsOf = (rs: RSRec) => rs.counts!;
  const objects: WorkloadObject[] = [];
  for (const d of plan.deployments) {
    const all = d.allRS.length === 1 ? [countsOf(d.allRS[0])] : d.allRS.map(countsOf);
    const nc = d.newRS ? countsOf(d.newRS) : null;
    const completed = (completedBefore?.has(d) ?? false) || deploymentComplete(d.object, all, nc) || (d.newRS !== null && pastedRolloutComplete(d.object, d.newRS.name));
    // The new ReplicaSet's record is the { name, counts } the output reads (its counts are nc).
    const object = deploymentOutput(d, all, d.newRS && nc ? (d.newRS as RSRec & { counts: RSCounts }) : null, completed);
    // Its metadata.labels are the stored object's: reconcile reads them there, leaving the output unbuilt.
    objects.push({ key: d.stored.key, kind: 'Deployment', namespace: d.namespace, name: d.name, object, labels: d.object.metadata?.labels as Record<string, string> | undefined });
  }

  const pods: PodState[] = [];
  for (const x of log) {
    if ('members' in x) {
      x.taken = null; // the names are all given: the output does not keep the set alive
      // A ReplicaSet created in this reconcile is written when read; its labels go along for reconcile.
      if (x.created) {
        objects.push({ key: x.key, kind: 'ReplicaSet', namespace: x.namespace, name: x.name, object: createdReplicaSetOutput(x, countsOf(x)), labels: x.labels, fresh: true });
        continue;
      }
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

  // One FailedScheduling warning per owner and message, not one per pod, in order of each group's first
  // pod. A bare pod is its own owner (a group of its own); a ReplicaSet keeps its pods' groups on its
  // record: its first group directly, a Map by message only once a second message turns up (rare).
  const pending: PendingGroup[] = [];
  const group = (p: PodRec): PendingGroup => pending[pending.push({ p, n: 1 }) - 1];
  for (const p of unschedulable.list()) {
    const rs = p.rs;
    if (!rs) {
      group(p);
      continue;
    }
    const e = rs.pending;
    if (!e) rs.pending = group(p);
    else if (!(e instanceof Map)) {
      if (e.p.pendingReason === p.pendingReason) e.n++;
      else rs.pending = new Map([[e.p.pendingReason, e], [p.pendingReason, group(p)]]);
    } else {
      const g = e.get(p.pendingReason);
      if (g) g.n++;
      else e.set(p.pendingReason, group(p));
    }
  }
  for (const { p, n } of pending) {
    diagnostics.push(controllerWarning(p, 'FailedScheduling', `${p.pendingReason}${p.rs && n > 1 ? ` (${n} pods of ReplicaSet "${p.rs.name}")` : ''}`));
  }
  const canonicalKeys = plan.manifestPods.every(isCanonicalKey);
  return { pods, objects, diagnostics, canonicalKeys };
}
