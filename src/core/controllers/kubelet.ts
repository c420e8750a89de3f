// Models the kubelet's pod status (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, pkg/kubelet/status), kindnet's host-local IPAM on the node's podCIDR (containernetworking/plugins ipam/host-local) and the create-time admission defaults every Pod gets (plugin/pkg/admission/{priority,defaulttolerationseconds,serviceaccount}, pkg/apis/core/helper/qos). Leaves out: probes over time, restarts, init-container and sidecar timing, the projected service-account token volume, status.volumeMounts/resources/user.
import { CLUSTER_EPOCH } from '../model/clock';
import { fnv1a } from '../model/hash';
import type { KubeObject, OwnerReference } from '../model/types';
import type { ContainerPortState, ContainerState, PodState, Protocol } from '../cluster/state';
import type { PodRec } from './replicaset-controller';
import { rec } from '../manifest/validate/types';
import { formatIPv4, parseCIDR4, parseIPv4 } from '../net/ipv4';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from './node-lifecycle';
import { extensibleCopy, lazyWireObjects } from './plain-objects';

type R = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// ---- IPAM ----

export interface PodIPAllocator {
  /** A pasted status.podIP: kept by its pod and avoided by every automatic pick. */
  reserve(ip: string): void;
  /** The pod's address in the node's podCIDR, or the host-local error when the range is full. */
  allocate(podKey: string, podCIDR: string): { ip: string } | { error: string };
  /** allocate, with the podCIDR parsed once by `range` (a caller can keep it per node). */
  allocateIn(podKey: string, range: PodRange): { ip: string } | { error: string };
  /** allocateIn answering the address itself (no wrapper object per pod). */
  address(podKey: string, range: PodRange): string | { error: string };
  range(podCIDR: string): PodRange;
  /** A deleted pod's address: reused only once the range has nothing else left (host-local walks on from its last reservation). */
  release(ip: string): void;
}

/** A node's podCIDR as `PodIPAllocator.range` parses it. */
export interface PodRange {
  cidr: string;
  parsed: { network: number; size: number } | null;
}

/** A set of IPv4 addresses as numbers, kept as a bitmap per /24: cheaper than one Set entry per pod. */
class AddressSet {
  private blocks = new Map<number, Uint32Array>();
  has(ip: number): boolean {
    const b = this.blocks.get(ip >>> 8);
    return b !== undefined && (b[(ip & 255) >>> 5] & (1 << (ip & 31))) !== 0;
  }
  add(ip: number): void {
    let b = this.blocks.get(ip >>> 8);
    if (!b) this.blocks.set(ip >>> 8, (b = new Uint32Array(8)));
    b[(ip & 255) >>> 5] |= 1 << (ip & 31);
  }
  delete(ip: number): void {
    const b = this.blocks.get(ip >>> 8);
    if (b) b[(ip & 255) >>> 5] &= ~(1 << (ip & 31));
  }
}

/**
 * host-local hands out the subnet's hosts from .1 to broadcast-1 and never the gateway (.1 by default),
 * so a /24 has 253 pod addresses, .2–.254. Real host-local goes round-robin; here the slot comes from
 * fnv1a(seed/pod key) with linear probing in pod creation order, so a pod keeps its address when
 * unrelated pods come and go.
 */
export function createPodIPAllocator(seed: number): PodIPAllocator {
  // fnv1a(`${seed}/ip/${podKey}`), without building the string for every pod.
  const ipSeed = fnv1a(`${seed}/ip/`);
  const used = new AddressSet();
  const released = new Set<number>();
  const cidrs = new Map<string, { network: number; size: number } | null>();
  const cidrOf = (s: string) => {
    let c = cidrs.get(s);
    if (c === undefined) {
      const p = parseCIDR4(s.trim() === s ? s : '');
      c = p ? { network: p.network, size: p.size } : null;
      cidrs.set(s, c);
    }
    return c;
  };
  const address = (podKey: string, range: PodRange): string | { error: string } => {
    const c = range.parsed;
    const slots = c ? c.size - 3 : 0;
    if (!c || slots <= 0) return { error: `failed to allocate for range 0: no IP addresses available in range set: ${range.cidr}` };
    const start = fnv1a(podKey, ipSeed) % slots;
    // First pass: skip released addresses too; second (only when something was released): take them.
    for (let pass = released.size > 0 ? 0 : 1; pass < 2; pass++) {
      for (let k = 0; k < slots; k++) {
        const ip = c.network + 2 + ((start + k) % slots);
        if (used.has(ip) || (pass === 0 && released.has(ip))) continue;
        used.add(ip);
        if (released.size > 0) released.delete(ip);
        return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
      }
    }
    return { error: `failed to allocate for range 0: no IP addresses available in range set: ${formatIPv4(c.network + 1)}-${formatIPv4(c.network + c.size - 2)}` };
  };
  const allocateIn = (podKey: string, range: PodRange): { ip: string } | { error: string } => {
    const r = address(podKey, range);
    return typeof r === 'string' ? { ip: r } : r;
  };
  return {
    reserve(ip) {
      const n = parseIPv4(ip);
      if (n !== null) used.add(n);
    },
    allocate: (podKey, podCIDR) => allocateIn(podKey, { cidr: podCIDR, parsed: cidrOf(podCIDR) }),
    allocateIn,
    address,
    range: (podCIDR) => ({ cidr: podCIDR, parsed: cidrOf(podCIDR) }),
    release(ip) {
      const n = parseIPv4(ip);
      if (n === null || !used.has(n)) return;
      used.delete(n);
      released.add(n);
    },
  };
}

// ---- admission defaults at Pod creation ----

/** The built-in PriorityClasses (pkg/apis/scheduling SystemPriorityClasses). */
const SYSTEM_PRIORITY: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/**
 * What admission adds to every Pod on create: ServiceAccount (serviceAccountName "default", mirrored to
 * the deprecated serviceAccount), Priority (priority + preemptionPolicy PreemptLowerPriority) and
 * DefaultTolerationSeconds (tolerate not-ready/unreachable NoExecute for 300s). Returns a new spec.
 */
export function admitPodSpec(spec: R, inPlace = false): R {
  // A spread copy is slow to extend in V8, which made admission a tenth of a 10,000-object reconcile.
  // `inPlace`: the caller's own copy (a ReplicaSet's cloned template) is admitted without a second copy;
  // every field is read below before it is written, so the result is the same.
  const out = inPlace ? spec : extensibleCopy(spec);
  const sa = str(spec.serviceAccountName) || str(spec.serviceAccount) || 'default';
  out.serviceAccountName = sa;
  out.serviceAccount = sa;
  if (typeof spec.priority !== 'number') out.priority = SYSTEM_PRIORITY[str(spec.priorityClassName) ?? ''] ?? 0;
  if (!str(spec.preemptionPolicy)) out.preemptionPolicy = 'PreemptLowerPriority';
  // Which of the two NoExecute taints a toleration already covers (a non-object entry reads as {}, which
  // tolerates everything), without building lists: this runs for every pod spec.
  const given = arr(spec.tolerations);
  let notReady = false;
  let unreachable = false;
  for (const x of given) {
    const t = rec(x) ?? {};
    if (t.effect !== 'NoExecute' && t.effect) continue;
    if (t.key === TAINT_NOT_READY || !t.key) notReady = true;
    if (t.key === TAINT_UNREACHABLE || !t.key) unreachable = true;
  }
  // The list is written at its final length (a push onto a copy of an empty list reserves room for 17),
  // and the added tolerations are shared: every pod's are the same data, as a ReplicaSet's pods share
  // their whole spec.
  if (!notReady && !unreachable) out.tolerations = given.length ? [...given, NOT_READY_300, UNREACHABLE_300] : [NOT_READY_300, UNREACHABLE_300];
  else if (!notReady) out.tolerations = [...given, NOT_READY_300];
  else if (!unreachable) out.tolerations = [...given, UNREACHABLE_300];
  return out;
}

/** What DefaultTolerationSeconds adds (read-only: shared by every pod's spec). */
const NOT_READY_300: R = { key: TAINT_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const UNREACHABLE_300: R = { key: TAINT_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

/** qos.GetPodQOS over cpu and memory of all (init) containers. */
export function qosClass(spec: R): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, string>();
  const limits = new Map<string, string>();
  let guaranteed = true;
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    const res = rec(rec(c)?.resources);
    const req = rec(res?.requests) ?? {};
    const lim = rec(res?.limits) ?? {};
    const has = new Set<string>();
    for (const r of ['cpu', 'memory']) {
      const q = req[r];
      if (q !== undefined && q !== null && String(q) !== '0') requests.set(r, String(q));
      const l = lim[r];
      if (l !== undefined && l !== null && String(l) !== '0') {
        has.add(r);
        limits.set(r, String(l));
      }
    }
    if (has.size < 2) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed && [...requests].every(([k, v]) => limits.get(k) === v)) return 'Guaranteed';
  return 'Burstable';
}

// ---- container identities ----

function hex64(key: string): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += fnv1a(`${key}#${i}`).toString(16).padStart(8, '0');
  return out;
}

/** The reference containerd reports for an image: docker.io/library/ for bare names, :latest when untagged. */
export function normalizeImage(image: string): { image: string; repo: string; digest: string | null } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : null;
  let name = at >= 0 ? image.slice(0, at) : image;
  let tag: string | null = null;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasDomain = slash >= 0 && (/[.:]/.test(first) || first === 'localhost');
  const repo = hasDomain ? name : `docker.io/${slash < 0 ? 'library/' : ''}${name}`;
  const ref = digest ? `${repo}${tag ? `:${tag}` : ''}@${digest}` : `${repo}:${tag ?? 'latest'}`;
  return { image: ref, repo, digest };
}

// ---- status ----

export interface KubeletView {
  uid: string;
  /** Bound to an existing node. */
  hostIP: string | null;
  /** The sandbox is up: the pod has its address (the node's for hostNetwork pods). */
  podIP: string | null;
  /** The Ready condition as the probes report it; a terminating pod keeps it (EndpointSlice `serving`). */
  ready: boolean;
  /** PodScheduled=False: the scheduler's message. */
  unschedulable: string | null;
  schedulingGated: boolean;
  /** Why the sandbox could not start (IPAM exhausted). */
  sandboxError: string | null;
}

const cond = (type: string, ok: boolean, reason?: string, message?: string): R => ({
  type,
  status: ok ? 'True' : 'False',
  lastProbeTime: null,
  lastTransitionTime: CLUSTER_EPOCH,
  ...(reason ? { reason } : {}),
  ...(message ? { message } : {}),
});

function pastedContainer(pasted: R | undefined, listKey: string, name: string): R | undefined {
  return arr(pasted?.[listKey]).map(rec).find((c) => c?.name === name) ?? undefined;
}

function containerStatus(c: R, view: KubeletView, running: boolean, pasted: R | undefined, init: boolean): R {
  const name = str(c.name) ?? '';
  const prev = pastedContainer(pasted, init ? 'initContainerStatuses' : 'containerStatuses', name);
  const img = normalizeImage(str(c.image) ?? '');
  const containerID = str(prev?.containerID) ?? `containerd://${hex64(`${view.uid}/${name}`)}`;
  const startedAt = str(rec(rec(prev?.state)?.running)?.startedAt) ?? CLUSTER_EPOCH;
  const sidecar = init && c.restartPolicy === 'Always';
  const base: R = { name };
  if (!running) {
    return { ...base, state: { waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: str(c.image) ?? '', imageID: '', started: false };
  }
  const state = init && !sidecar ? { terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt: startedAt, containerID } } : { running: { startedAt } };
  return {
    ...base,
    state,
    lastState: rec(prev?.lastState) ?? {},
    ready: init && !sidecar ? true : view.ready,
    restartCount: typeof prev?.restartCount === 'number' ? prev.restartCount : 0,
    image: str(prev?.image) ?? img.image,
    imageID: str(prev?.imageID) ?? `${img.repo}@${img.digest ?? `sha256:${hex64(`image/${img.image}`)}`}`,
    containerID,
    started: !(init && !sidecar),
  };
}

/** status as the kubelet (or, while unbound, the scheduler) writes it. */
export function podStatus(pod: KubeObject, view: KubeletView): R {
  const spec = rec(pod.spec) ?? {};
  const pasted = rec(pod.status);
  const qos = qosClass(spec);
  if (view.hostIP === null) {
    const conditions = view.schedulingGated
      ? [cond('PodScheduled', false, 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates')]
      : view.unschedulable
        ? [cond('PodScheduled', false, 'Unschedulable', view.unschedulable)]
        : [];
    return { phase: 'Pending', ...(conditions.length ? { conditions } : {}), qosClass: qos };
  }
  const running = view.podIP !== null;
  const containers = arr(spec.containers).map((c) => rec(c) ?? {});
  const inits = arr(spec.initContainers).map((c) => rec(c) ?? {});
  const notReady = running && view.ready ? [] : containers.map((c) => str(c.name) ?? '');
  const unready = notReady.length ? ['ContainersNotReady', `containers with unready status: [${notReady.join(' ')}]`] : [];
  const status: R = {
    phase: running ? 'Running' : 'Pending',
    conditions: [
      cond('PodReadyToStartContainers', running),
      cond('Initialized', running || inits.length === 0, ...(running || inits.length === 0 ? [] : ['ContainersNotInitialized', `containers with incomplete status: [${inits.map((c) => str(c.name)).join(' ')}]`])),
      cond('Ready', notReady.length === 0, ...unready),
      cond('ContainersReady', notReady.length === 0, ...unready),
      cond('PodScheduled', true),
    ],
    hostIP: view.hostIP,
    hostIPs: [{ ip: view.hostIP }],
    ...(running ? { podIP: view.podIP, podIPs: [{ ip: view.podIP }] } : {}),
    startTime: str(pasted?.startTime) ?? CLUSTER_EPOCH,
    ...(inits.length ? { initContainerStatuses: inits.map((c) => containerStatus(c, view, running, pasted, true)) } : {}),
    containerStatuses: containers.map((c) => containerStatus(c, view, running, pasted, false)),
    qosClass: qos,
  };
  return status;
}

/** Builds the parts of a pod's wire object from the record behind it; callers cache what they build. */
export interface PodWireBuilder<T> {
  metadata(src: T): KubeObject['metadata'];
  spec(src: T): R;
  status(src: T): R;
}

/** A maker of Pod wire objects whose metadata, spec and status are built the first time something
 *  reads them (lazyWireObjects): with 150,000 pods only the few a view prints are ever materialised. */
export function lazyPodObjects<T>(build: PodWireBuilder<T>): (src: T) => KubeObject {
  return lazyWireObjects<T>('v1', 'Pod', { metadata: (src) => build.metadata(src), spec: (src) => build.spec(src), status: (src) => build.status(src) });
}

// ---- the container view the data plane reads ----

/** spec.containers as PodState lists them. A ReplicaSet's pods share one list (podState keeps it on the
 *  ReplicaSet's record: a per-reconcile field, where a WeakMap would cost the garbage collector). */
export function containersOf(spec: R): ContainerState[] {
  const list = arr(spec.containers);
  // A list literal for the usual single container (V8 can place it straight among long-lived data).
  return list.length === 1 ? [containerState(list[0])] : list.map(containerState);
}

function containerState(c: unknown): ContainerState {
  const r = rec(c) ?? {};
  return {
    name: str(r.name) ?? '',
    image: str(r.image) ?? '',
    ports: Array.isArray(r.ports) && r.ports.length ? r.ports.map(containerPortState) : NONE,
    env: Array.isArray(r.env) && r.env.length ? r.env.map(envVarState) : NONE,
    envFrom: Array.isArray(r.envFrom) ? r.envFrom : NONE,
  };
}

/** The empty list of a container without ports, env or envFrom: one shared, read-only list (every bare
 *  pod has its own containers, and most of them declare none of the three). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

function containerPortState(x: unknown): ContainerPortState {
  const p = rec(x) ?? {};
  const proto = p.protocol === 'UDP' || p.protocol === 'SCTP' ? p.protocol : 'TCP';
  return { name: str(p.name) || null, containerPort: typeof p.containerPort === 'number' ? p.containerPort : 0, protocol: proto as Protocol };
}

function envVarState(e: unknown): ContainerState['env'][number] {
  const v = rec(e) ?? {};
  return { name: str(v.name) ?? '', ...(typeof v.value === 'string' ? { value: v.value } : {}), ...(v.valueFrom !== undefined ? { valueFrom: v.valueFrom } : {}) };
}

/** PodState.owner of a controller reference. */
const ownerOf = (ref: OwnerReference): NonNullable<PodState['owner']> => ({ kind: ref.kind, name: ref.name, uid: ref.uid });

/** The typed record the data plane reads (PodState in cluster/state.ts). */
export function podState(p: PodRec, object: KubeObject, ready: boolean, serving: boolean = ready): PodState {
  const spec = p.spec;
  const rs = p.rs;
  const dnsPolicy = spec.dnsPolicy;
  return {
    key: p.key,
    namespace: p.namespace,
    name: p.name,
    uid: p.uid,
    labels: p.labels,
    nodeName: p.nodeName,
    ip: p.terminal ? null : p.ip,
    phase: p.terminal ?? (p.nodeName !== null && p.ip !== null ? 'Running' : 'Pending'),
    ready,
    serving,
    terminating: p.terminating,
    hostNetwork: spec.hostNetwork === true,
    containers: rs && spec === rs.podSpec ? (rs.containers ??= containersOf(spec)) : containersOf(spec),
    dnsPolicy: dnsPolicy === 'ClusterFirstWithHostNet' || dnsPolicy === 'Default' || dnsPolicy === 'None' ? dnsPolicy : 'ClusterFirst',
    dnsConfig: spec.dnsConfig ?? null,
    enableServiceLinks: spec.enableServiceLinks !== false,
    hostname: typeof spec.hostname === 'string' ? spec.hostname : null,
    subdomain: typeof spec.subdomain === 'string' ? spec.subdomain : null,
    owner: p.ownerRef ? (rs && p.ownerRef === rs.podOwner ? (rs.ownerState ??= ownerOf(p.ownerRef)) : ownerOf(p.ownerRef)) : null,
    ordinal: p.ordinal,
    createdAt: p.createdAt,
    pendingReason: p.nodeName ? p.sandboxError : p.pendingReason,
    object,
  };
}
