// Models the ReplicaSet controller (pkg/controller/replicaset/replica_set.go: manageReplicas, calculateStatus; ClaimPods and getPodsToDelete are in replicaset-claims.ts) and pod creation from a template (pkg/controller/controller_utils.go GetPodFromTemplate, getPodsPrefix; apiserver names.SimpleNameGenerator). Leaves out: burst/slow-start batching, expectations, pod-deletion-cost beyond its ordering, minReadySeconds timing (a ready pod counts as available at once).
import { CLUSTER_EPOCH } from '../model/clock';
import type { Diagnostic, KubeObject, ObjectKey, OwnerReference } from '../model/types';
import type { ContainerState, NodeState, PodState } from '../cluster/state';
import { objectKey } from '../model/types';
import type { StoredObject } from '../manifest/registry';
import { rec } from '../manifest/validate/types';
import { schedulingSpec, type SchedulingSpec } from './scheduler';
import { admitPodSpec } from './kubelet';
import { defaultPod } from '../manifest/validate/pod';
import { cloneData, extensibleCopy, sortedKeys, stringLabels, strMap } from './plain-objects';

export { strMap } from './plain-objects';
import { podNames, type PodNames } from './pod-names';

export { objectUID, podNameGenerator, podsPrefix, suffixCode } from './pod-names';
export { claimPods, deletionCost, deletionOrder, isActive, specNodeName, trimSurplus, type DeletionCandidate } from './replicaset-claims';

type R = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Go marshals map[string]string with sorted keys. */
const sortedLabels = (m: Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k of sortedKeys(m)) out[k] = m[k];
  return out;
};


/** One pod's life in the simulation: from a manifest (stored) or made by a ReplicaSet. */
export interface PodRec {
  key: ObjectKey;
  namespace: string;
  name: string;
  uid: string;
  stored: StoredObject | null;
  /** The spec after create-time admission (one object shared by a ReplicaSet's pods). */
  spec: R;
  labels: Record<string, string>;
  ownerRef: OwnerReference | null;
  /** The simulated ReplicaSet that manages it (null: bare, or owned by something not simulated). */
  rs: RSRec | null;
  /** An orphan the ReplicaSet adopted: its controller ref is added on output. */
  adopted: boolean;
  /** status.podIP of pasted state */
  pinnedIP: string | null;
  /** status.conditions[Ready] of pasted state */
  pastedReady: boolean | null;
  pastedRunning: boolean;
  terminating: boolean;
  terminal: 'Succeeded' | 'Failed' | null;
  /** False once garbage-collected or trimmed before it ever ran. */
  alive: boolean;
  nodeName: string | null;
  /** The node `nodeName` names, once bound (what the kubelet and node readiness are read from). */
  node: NodeState | null;
  ip: string | null;
  hostIP: string | null;
  pendingReason: string | null;
  sandboxError: string | null;
  readyOverride: boolean | null;
  /** The Ready condition once everything has run (probes, overrides, node readiness; not deletion). */
  readyCondition: boolean;
  ordinal: number;
  createdAt: number;
  /** The wire object's parts, built on first read. */
  wire: { metadata?: KubeObject['metadata']; spec?: R; status?: R } | null;
  /** Its place in runWorkloads' unschedulable queue (-1: not queued). */
  queuePos: number;
}


/** A ReplicaSet the deployment controller creates: its Deployment, pod-template-hash, uid and revision
 *  (newReplicaSetObject's inputs), and its wire parts once something has read them. */
export interface CreatedRS {
  deployment: KubeObject;
  hash: string;
  uid: string;
  revision: number;
  wire: KubeObject | null;
  /** The output object's parts: metadata (with generation) and status from the final counts. */
  counts: RSPodCounts | null;
  metadata: KubeObject['metadata'] | null;
  status: R | null;
}

/** A ReplicaSet: from a manifest or made by the deployment controller. */
export interface RSRec {
  key: ObjectKey;
  namespace: string;
  name: string;
  /** The wire object without status (spec.replicas and annotations as the deployment controller set them). */
  object: KubeObject;
  stored: StoredObject | null;
  /** Set when the deployment controller created it in this reconcile: what its wire object is built
   *  from when something reads it (`object` is then an empty placeholder until the output object is
   *  made, see createdReplicaSetOutput). */
  created: CreatedRS | null;
  desired: number;
  selector: unknown;
  labels: Record<string, string>;
  /** spec.template as written; null for a ReplicaSet created in this reconcile (only pasted ones are
   *  compared with their Deployment's template). */
  template: R | null;
  templateLabels: Record<string, string>;
  /** Its pods' spec as the controllers read it (top-level fields as the apiserver admits them; the
   *  containers are the template's, not yet given SetDefaults_Pod's requests/hostPorts). */
  podSpec: R;
  /** spec.template.spec, and the pods' spec as the apiserver stores it once podSpecOf has built it. */
  templateSpec: R;
  wireSpec: R | null;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string> | null;
  podFinalizers: unknown[] | null;
  podOwner: OwnerReference;
  podOwnerRefs: OwnerReference[];
  schedSpec: SchedulingSpec;
  ownerRef: OwnerReference | null;
  /** Claimed by a Deployment (set by the deployment plan). */
  deployment: string | null;
  members: Set<PodRec>;
  /** members that are neither terminating nor finished */
  active: number;
  seq: number;
  /** seq → generated pod name, in two steps (see PodNames). */
  names: PodNames;
  /** PodState.containers and PodState.owner of its pods, made by the first podState that needs them. */
  containers: ContainerState[] | undefined;
  ownerState: PodState['owner'] | undefined;
  /** Its unschedulable pods grouped for the FailedScheduling warnings (see runWorkloads). */
  pending: PendingGroup | Map<string | null, PendingGroup> | null;
  /** Its pod counts once the controllers are done (runWorkloads' output reads them). */
  counts: (RSPodCounts & { specReplicas: number }) | null;
  /** podUIDPrefix of its pods' names, and `Pod/<namespace>/`, once its first pod is made. */
  uidPrefix: number | null;
  podKeyPrefix: string | null;
  /** The pod-name codes taken under its name prefix (TakenPodNames.takenFor), and which TakenPodNames
   *  they belong to; dropped once the workloads have run. */
  taken: Set<number> | null;
  takenBy: number;
}

/** Pods of one owner with one FailedScheduling message: the first, and how many. */
export interface PendingGroup {
  p: PodRec;
  n: number;
}

export function replicaSetRec(object: KubeObject, stored: StoredObject | null, seed: number): RSRec {
  const spec = rec(object.spec) ?? {};
  const template = rec(spec.template) ?? {};
  const tmeta = rec(template.metadata) ?? {};
  return rsRecord({
    object,
    stored,
    created: null,
    seed,
    namespace: object.metadata?.namespace ?? 'default',
    name: object.metadata?.name ?? '',
    uid: object.metadata?.uid ?? '',
    desired: typeof spec.replicas === 'number' ? spec.replicas : 1,
    selector: spec.selector,
    labels: strMap(object.metadata?.labels),
    template,
    templateSpec: rec(template.spec) ?? {},
    templateLabels: tmeta.labels,
    templateAnnotations: tmeta.annotations,
    templateFinalizers: tmeta.finalizers,
    ownerRef: controllerOf(object),
  });
}

/** What a ReplicaSet's record is made from: its wire object (replicaSetRec), or for one the deployment
 *  controller creates, its Deployment (createdReplicaSetRec in deployment-controller.ts). */
export interface RSParts {
  object: KubeObject;
  stored: StoredObject | null;
  created: CreatedRS | null;
  seed: number;
  namespace: string;
  name: string;
  /** objectKey('ReplicaSet', namespace, name), when the caller has made it already. */
  key?: ObjectKey;
  uid: string;
  desired: number;
  selector: unknown;
  labels: Record<string, string>;
  template: R | null;
  /** spec.template.spec, and spec.template.metadata's labels, annotations and finalizers as written */
  templateSpec: R;
  templateLabels: unknown;
  /** templateLabels already as a sorted map of strings (a created ReplicaSet's): used as it is for the
   *  record's labels, template labels and pod labels, which would be copies with the same content. */
  sortedTemplateLabels?: Record<string, string>;
  templateAnnotations: unknown;
  templateFinalizers: unknown;
  ownerRef: OwnerReference | null;
}

export function rsRecord(x: RSParts): RSRec {
  // What the controllers read of the pods' spec: the template's top-level fields (it had
  // SetDefaults_PodSpec on load) with SetDefaults_Pod's enableServiceLinks and create-time admission.
  // The rest of SetDefaults_Pod (requests from limits, hostNetwork hostPorts) only changes parts of
  // containers nobody reads before a pod's wire object is built: podSpecOf makes that spec then.
  const view = extensibleCopy<R>(x.templateSpec);
  if (view.enableServiceLinks === undefined || view.enableServiceLinks === null) view.enableServiceLinks = true;
  const podSpec = admitPodSpec(view, true);
  const { namespace, name } = x;
  const key = x.key ?? objectKey('ReplicaSet', namespace, name);
  const annotations = rec(x.templateAnnotations) ? strMap(x.templateAnnotations) : null;
  const templateLabels = x.sortedTemplateLabels ?? strMap(x.templateLabels);
  const podOwner: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: x.uid, controller: true, blockOwnerDeletion: true };
  return {
    key,
    namespace,
    name,
    object: x.object,
    stored: x.stored,
    created: x.created,
    desired: x.desired,
    selector: x.selector,
    labels: x.labels,
    template: x.template,
    templateLabels,
    podSpec,
    templateSpec: x.templateSpec,
    wireSpec: null,
    podLabels: x.sortedTemplateLabels ?? sortedLabels(templateLabels),
    podAnnotations: annotations && Object.keys(annotations).length ? annotations : null,
    podFinalizers: Array.isArray(x.templateFinalizers) && x.templateFinalizers.length ? x.templateFinalizers : null,
    podOwner,
    podOwnerRefs: [podOwner],
    schedSpec: schedulingSpec(podSpec),
    ownerRef: x.ownerRef,
    deployment: null,
    members: new Set(),
    active: 0,
    seq: 0,
    names: podNames(name, x.seed, key),
    containers: undefined,
    ownerState: undefined,
    pending: null,
    counts: null,
    uidPrefix: null,
    podKeyPrefix: null,
    taken: null,
    takenBy: 0,
  };
}

/** The spec of the pods a ReplicaSet creates, as the apiserver stores it: the template after
 *  SetDefaults_Pod (on a copy: the template is the stored object's) and create-time admission. */
export function podSpecOf(rs: RSRec): R {
  if (rs.wireSpec) return rs.wireSpec;
  const pod = { spec: cloneData(rs.templateSpec) as R };
  defaultPod(pod);
  return (rs.wireSpec = admitPodSpec(pod.spec, true));
}

export function manifestPodRec(stored: StoredObject): PodRec {
  const obj = stored.object;
  const raw = rec(obj.spec) ?? {};
  const status = rec(obj.status);
  const phase = status?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed' ? phase : null;
  let ready: R | undefined;
  if (Array.isArray(status?.conditions)) {
    for (const c of status.conditions) {
      const r = rec(c);
      if (r?.type === 'Ready') {
        ready = r;
        break;
      }
    }
  }
  return {
    key: stored.key,
    namespace: stored.namespace ?? 'default',
    name: stored.name,
    uid: str(obj.metadata?.uid) ?? '',
    stored,
    spec: admitPodSpec(raw),
    labels: stringLabels(obj.metadata?.labels),
    ownerRef: controllerOf(obj),
    rs: null,
    adopted: false,
    pinnedIP: !terminal && raw.hostNetwork !== true ? str(status?.podIP) || null : null,
    pastedReady: ready ? ready.status === 'True' : null,
    pastedRunning: phase === 'Running',
    terminating: !!obj.metadata?.deletionTimestamp,
    terminal,
    alive: true,
    nodeName: null,
    node: null,
    ip: null,
    hostIP: null,
    pendingReason: null,
    sandboxError: null,
    readyOverride: null,
    readyCondition: false,
    ordinal: -1,
    createdAt: -1,
    wire: null,
    queuePos: -1,
  };
}

/** A pod the ReplicaSet creates (GetPodFromTemplate + the apiserver's generated name and uid). */
export function controllerPodRec(rs: RSRec, key: ObjectKey, name: string, uid: string): PodRec {
  return {
    key,
    namespace: rs.namespace,
    name,
    uid,
    stored: null,
    spec: rs.podSpec,
    labels: rs.podLabels,
    ownerRef: rs.podOwner,
    rs,
    adopted: false,
    pinnedIP: null,
    pastedReady: null,
    pastedRunning: false,
    terminating: false,
    terminal: null,
    alive: true,
    nodeName: null,
    node: null,
    ip: null,
    hostIP: null,
    pendingReason: null,
    sandboxError: null,
    readyOverride: null,
    readyCondition: false,
    ordinal: -1,
    createdAt: -1,
    wire: null,
    queuePos: -1,
  };
}


/** A warning a controller reports about a pod (scheduling failures, garbage collection, IPAM). */
export function controllerWarning(p: { namespace: string; name: string }, reason: string, message: string): Diagnostic {
  return { severity: 'warning', file: null, document: null, kind: 'Pod', namespace: p.namespace, name: p.name, field: null, type: null, value: null, detail: null, reason, code: null, message, line: null, column: null };
}

/** metav1.GetControllerOf: the ownerReference with controller: true. */
export function controllerOf(obj: KubeObject): OwnerReference | null {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return null;
  for (const r of refs) {
    const x = rec(r);
    if (x?.controller === true && typeof x.kind === 'string' && typeof x.name === 'string') return x as unknown as OwnerReference;
  }
  return null;
}

/** GetPodFromTemplate's metadata: the template's labels, annotations and finalizers, plus the controller ref. */
export function podMetadataFromTemplate(opts: {
  name: string;
  generateName: string;
  namespace: string;
  uid: string;
  labels: Record<string, string>;
  annotations: Record<string, string> | null;
  finalizers: unknown[] | null;
  /** [controller ref], shared by the ReplicaSet's pods */
  ownerReferences: OwnerReference[];
}): KubeObject['metadata'] {
  return {
    name: opts.name,
    generateName: opts.generateName,
    namespace: opts.namespace,
    uid: opts.uid,
    creationTimestamp: CLUSTER_EPOCH,
    labels: opts.labels,
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
    ...(opts.finalizers ? { finalizers: opts.finalizers } : {}),
    ownerReferences: opts.ownerReferences,
  };
}

/** labels.SelectorFromSet(template labels).Matches: all template labels present with equal values. */
export function fullyLabeled(podLabels: Record<string, string>, templateLabels: Record<string, string>): boolean {
  for (const k of Object.keys(templateLabels)) if (podLabels[k] !== templateLabels[k]) return false;
  return true;
}

export interface RSPodCounts {
  replicas: number;
  fullyLabeled: number;
  ready: number;
  available: number;
}

/** replicaset calculateStatus (zero counts are omitted, as the Go struct's omitempty does). */
export function replicaSetStatus(rs: KubeObject, c: RSPodCounts): R {
  const gen = typeof rs.metadata?.generation === 'number' ? rs.metadata.generation : 1;
  const status: R = { replicas: c.replicas };
  if (c.fullyLabeled) status.fullyLabeledReplicas = c.fullyLabeled;
  if (c.ready) status.readyReplicas = c.ready;
  if (c.available) status.availableReplicas = c.available;
  status.observedGeneration = gen;
  return status;
}
