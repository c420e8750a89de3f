// Models kube-scheduler's filter plugins NodeUnschedulable, TaintToleration, NodeAffinity and NodeResourcesFit's pod count (pkg/scheduler/framework/plugins/...), the FitError message (pkg/scheduler/framework/types.go) and DefaultPreemption's PostFilter message. Leaves out: scoring plugins (replaced by "fewest pods, then a hash ring"), cpu/memory requests, host ports, volumes, pod (anti-)affinity, topology spread, actual preemption.
import { fnv1a } from '../model/hash';
import { rec } from '../manifest/validate/types';
import type { Taint } from '../cluster/state';
import { TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE } from './node-lifecycle';

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** v1.Toleration.ToleratesTaint (staging/src/k8s.io/api/core/v1/toleration.go). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export const tolerationsTolerateTaint = (tols: Toleration[], taint: Taint): boolean => tols.some((t) => toleratesTaint(t, taint));

/** v1helper.FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc (NoSchedule, NoExecute). */
export function findUntoleratedTaint(taints: Taint[], tols: Toleration[]): Taint | null {
  for (const t of taints) if ((t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerationsTolerateTaint(tols, t)) return t;
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** One NodeSelectorRequirement (k8s.io/component-helpers/scheduling/corev1/nodeaffinity). */
function requirementMatches(req: Record<string, unknown>, value: string | undefined): boolean {
  const values = strs(req.values);
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0])) return false;
      return req.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

/** NodeSelectorTerms are ORed; a term's requirements ANDed; an empty term matches nothing. */
export function nodeSelectorTermsMatch(terms: unknown[], labels: Record<string, string>, nodeName: string): boolean {
  return terms.some((t) => {
    const term = rec(t);
    const exprs = Array.isArray(term?.matchExpressions) ? term.matchExpressions : [];
    const fields = Array.isArray(term?.matchFields) ? term.matchFields : [];
    if (exprs.length === 0 && fields.length === 0) return false;
    for (const e of exprs) {
      const r = rec(e) ?? {};
      const key = str(r.key) ?? '';
      if (!requirementMatches(r, Object.hasOwn(labels, key) ? labels[key] : undefined)) return false;
    }
    for (const f of fields) {
      const r = rec(f) ?? {};
      if (r.key !== 'metadata.name' || !requirementMatches(r, nodeName)) return false;
    }
    return true;
  });
}

/** What the filters read from a pod's spec. */
export interface SchedulingSpec {
  tolerations: Toleration[];
  nodeSelector: Record<string, string>;
  /** spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms */
  nodeSelectorTerms: unknown[] | null;
  preemptionPolicy: string;
  /** Pods with equal keys are filtered identically. */
  key: string;
}

/** What admission gives a pod that declares no tolerations (DefaultTolerationSeconds), as SchedulingSpec
 *  lists them, and the key of a pod with only those, no nodeSelector and no affinity: most pods. */
const ADMISSION_TOLERATIONS: readonly Toleration[] = [TAINT_NOT_READY, TAINT_UNREACHABLE].map((key) => ({ key, operator: 'Exists', value: undefined, effect: 'NoExecute' }));
const NO_NODE_SELECTOR: Record<string, string> = {};
const ADMISSION_ONLY_KEY = JSON.stringify([ADMISSION_TOLERATIONS, NO_NODE_SELECTOR, null]);
const admissionOnlySpec = (preemptionPolicy: string): SchedulingSpec =>
  Object.freeze({ tolerations: ADMISSION_TOLERATIONS as Toleration[], nodeSelector: NO_NODE_SELECTOR, nodeSelectorTerms: null, preemptionPolicy, key: ADMISSION_ONLY_KEY });
const ADMISSION_ONLY = admissionOnlySpec('PreemptLowerPriority');
const ADMISSION_ONLY_NEVER = admissionOnlySpec('Never');

/** The common spec (see ADMISSION_TOLERATIONS): its SchedulingSpec needs no lists built or key written. */
function admissionOnly(spec: Record<string, unknown>): boolean {
  if (spec.nodeSelector !== undefined || spec.affinity !== undefined) return false;
  const tols = spec.tolerations;
  if (!Array.isArray(tols) || tols.length !== 2) return false;
  for (let i = 0; i < 2; i++) {
    const t = rec(tols[i]);
    if (!t || t.key !== ADMISSION_TOLERATIONS[i].key || t.operator !== 'Exists' || t.effect !== 'NoExecute' || typeof t.value === 'string') return false;
  }
  return true;
}

export function schedulingSpec(spec: Record<string, unknown>): SchedulingSpec {
  if (admissionOnly(spec)) {
    // Shared, read-only: the same data the general path below would build, one object per
    // preemptionPolicy (so most pods hand the scheduler the same object, and its class is found at once).
    const preemptionPolicy = str(spec.preemptionPolicy) ?? 'PreemptLowerPriority';
    if (preemptionPolicy === 'PreemptLowerPriority') return ADMISSION_ONLY;
    if (preemptionPolicy === 'Never') return ADMISSION_ONLY_NEVER;
    return { tolerations: ADMISSION_TOLERATIONS as Toleration[], nodeSelector: NO_NODE_SELECTOR, nodeSelectorTerms: null, preemptionPolicy, key: ADMISSION_ONLY_KEY };
  }
  const tolerations: Toleration[] = (Array.isArray(spec.tolerations) ? spec.tolerations : []).map((t) => {
    const r = rec(t) ?? {};
    return { key: str(r.key) ?? undefined, operator: str(r.operator) ?? undefined, value: str(r.value) ?? undefined, effect: str(r.effect) ?? undefined };
  });
  const nodeSelector: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(spec.nodeSelector) ?? {})) if (typeof v === 'string') nodeSelector[k] = v;
  const required = rec(rec(rec(spec.affinity)?.nodeAffinity)?.requiredDuringSchedulingIgnoredDuringExecution);
  const nodeSelectorTerms = required ? (Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : []) : null;
  const preemptionPolicy = str(spec.preemptionPolicy) ?? 'PreemptLowerPriority';
  return { tolerations, nodeSelector, nodeSelectorTerms, preemptionPolicy, key: JSON.stringify([tolerations, nodeSelector, nodeSelectorTerms]) };
}

export interface SchedulerNode {
  name: string;
  labels: Record<string, string>;
  /** Without node.kubernetes.io/unschedulable: that one follows `unschedulable`. */
  taints: Taint[];
  unschedulable: boolean;
  /** status.allocatable.pods (kubelet's maxPods, 110 by default) */
  maxPods: number;
}

// Filter reasons, verbatim from the plugins.
export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const REASON_TOO_MANY_PODS = 'Too many pods';
export const NO_NODES = 'no nodes available to schedule pods';
const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';

/** Per filter class: which nodes pass the static filters (taints, affinity), and the first failure's reason. */
interface FilterClass {
  spec: SchedulingSpec;
  toleratesUnschedulable: boolean;
  staticReason: (string | null)[];
  pool: Pool | null;
  /** The last FailedScheduling message made for this class: while nothing changed (same epoch), pods
   *  with the same preemptionPolicy get it without building the cache key. */
  failure: { epoch: number; preemptionPolicy: string; message: string } | null;
  /** scheduleAt's last answer for a pod of this class that fits nowhere. */
  unschedulable: { message: string } | null;
}

/**
 * The nodes currently feasible for one filter class, bucketed by pod count ("level"); inside a level a
 * bitset over ring positions. Picking = lowest level, then the first member clockwise from the pod's
 * ring hash: O(N/32) at worst instead of scoring every node, so 150,000 pods on 5,000 nodes stay fast.
 */
interface Pool {
  static: Uint8Array;
  toleratesUnschedulable: boolean;
  level: Int32Array;
  bits: (Uint32Array | undefined)[];
  sizes: number[];
  minLevel: number;
  total: number;
}

export interface Scheduler {
  /** Filter, pick and bind (the pod counts on its node from now on); or the FailedScheduling message. */
  schedule(podKey: string, spec: SchedulingSpec): { node: string } | { message: string };
  /** schedule, answering with the node's position in the list the scheduler was created with. */
  scheduleAt(podKey: string, spec: SchedulingSpec): number | { message: string };
  /** A pod bound without the scheduler (spec.nodeName, a forced move). */
  bind(node: string): void;
  unbind(node: string): void;
  setUnschedulable(node: string, v: boolean): void;
  hasNode(node: string): boolean;
}

export function createScheduler(nodes: SchedulerNode[], seed: number): Scheduler {
  const n = nodes.length;
  const words = Math.ceil(n / 32);
  const index = new Map(nodes.map((x, i) => [x.name, i]));
  const count = new Int32Array(n);
  const unsched = Uint8Array.from(nodes, (x) => (x.unschedulable ? 1 : 0));
  const hashes = nodes.map((x) => fnv1a(`${seed}/node/${x.name}`));
  const ring = nodes.map((_, i) => i).sort((a, b) => hashes[a] - hashes[b] || (nodes[a].name < nodes[b].name ? -1 : 1));
  const ringPos = new Int32Array(n);
  ring.forEach((node, pos) => (ringPos[node] = pos));
  const ringHashes = ring.map((i) => hashes[i]);
  const classes = new Map<string, FilterClass>();
  const pools = new Map<string, Pool[]>();
  const allPools: Pool[] = [];
  const messages = new Map<string, string>();
  let epoch = 0;
  // fnv1a(`${seed}/schedule/${podKey}`), continued from the prefix's state instead of concatenating.
  const podSeed = fnv1a(`${seed}/schedule/`);

  // A ReplicaSet's pods share one SchedulingSpec and come one after another: the last answer is kept
  // so that they do not each look up (and compare) the long key.
  let lastSpec: SchedulingSpec | null = null;
  let lastClass: FilterClass | null = null;
  const classOf = (spec: SchedulingSpec): FilterClass => {
    if (spec === lastSpec) return lastClass!;
    let c = classes.get(spec.key);
    if (c) {
      lastSpec = spec;
      lastClass = c;
      return c;
    }
    const staticReason = nodes.map((node) => {
      const taint = findUntoleratedTaint(node.taints, spec.tolerations);
      if (taint) return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
      for (const [k, v] of Object.entries(spec.nodeSelector)) if (node.labels[k] !== v) return REASON_NODE_AFFINITY;
      if (spec.nodeSelectorTerms && !nodeSelectorTermsMatch(spec.nodeSelectorTerms, node.labels, node.name)) return REASON_NODE_AFFINITY;
      return null;
    });
    c = { spec, toleratesUnschedulable: tolerationsTolerateTaint(spec.tolerations, { key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' }), staticReason, pool: null, failure: null, unschedulable: null };
    classes.set(spec.key, c);
    lastSpec = spec;
    lastClass = c;
    return c;
  };

  const wants = (p: Pool, i: number): boolean => p.static[i] === 1 && (unsched[i] === 0 || p.toleratesUnschedulable) && count[i] < nodes[i].maxPods;

  const setBit = (p: Pool, lvl: number, pos: number, on: boolean) => {
    let b = p.bits[lvl];
    if (!b) b = p.bits[lvl] = new Uint32Array(words);
    if (on) b[pos >>> 5] |= 1 << (pos & 31);
    else b[pos >>> 5] &= ~(1 << (pos & 31));
    p.sizes[lvl] = (p.sizes[lvl] ?? 0) + (on ? 1 : -1);
  };

  /** Bring node i's membership in pool p in line with its current state. */
  const refresh = (p: Pool, i: number) => {
    const cur = p.level[i];
    const next = wants(p, i) ? count[i] : -1;
    if (cur === next) return;
    if (cur >= 0) {
      setBit(p, cur, ringPos[i], false);
      p.total--;
    }
    if (next >= 0) {
      setBit(p, next, ringPos[i], true);
      p.total++;
      if (next < p.minLevel) p.minLevel = next;
    }
    p.level[i] = next;
  };

  const poolOf = (c: FilterClass): Pool => {
    if (c.pool) return c.pool;
    const st = Uint8Array.from(c.staticReason, (r) => (r === null ? 1 : 0));
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ st[i], 0x01000193) >>> 0;
    const key = `${c.toleratesUnschedulable ? 1 : 0}:${h}`;
    const same = (pools.get(key) ?? []).find((p) => p.static.every((v, i) => v === st[i]));
    if (same) return (c.pool = same);
    const p: Pool = { static: st, toleratesUnschedulable: c.toleratesUnschedulable, level: new Int32Array(n).fill(-1), bits: [], sizes: [], minLevel: Infinity, total: 0 };
    for (let i = 0; i < n; i++) refresh(p, i);
    pools.set(key, [...(pools.get(key) ?? []), p]);
    allPools.push(p);
    return (c.pool = p);
  };

  const changed = (i: number, capacityOrCordonChanged: boolean) => {
    if (capacityOrCordonChanged) epoch++;
    for (const p of allPools) refresh(p, i);
  };

  const pick = (p: Pool, podKey: string): number => {
    while (p.minLevel < p.sizes.length && !p.sizes[p.minLevel]) p.minLevel++;
    const bits = p.bits[p.minLevel]!;
    // First ring position whose node hash is ≥ the pod's hash (consistent hashing), wrapping around.
    const h = fnv1a(podKey, podSeed);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ringHashes[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    const start = lo % n;
    for (let k = 0; k <= words; k++) {
      const w = ((start >>> 5) + k) % words;
      let x = bits[w];
      if (k === 0) x &= ~0 << (start & 31);
      if (k === words) x &= (1 << (start & 31)) - 1 || 0;
      if (x !== 0) return ring[w * 32 + (31 - Math.clz32(x & -x))];
    }
    throw new Error('scheduler pool out of sync');
  };

  const failure = (c: FilterClass): string => {
    if (n === 0) return NO_NODES;
    const last = c.failure;
    if (last && last.epoch === epoch && last.preemptionPolicy === c.spec.preemptionPolicy) return last.message;
    const cacheKey = `${epoch}\u0000${c.spec.key}\u0000${c.spec.preemptionPolicy}`;
    const cached = messages.get(cacheKey);
    if (cached) {
      c.failure = { epoch, preemptionPolicy: c.spec.preemptionPolicy, message: cached };
      return cached;
    }
    const filter = new Map<string, number>();
    const post = new Map<string, number>();
    const add = (m: Map<string, number>, r: string) => m.set(r, (m.get(r) ?? 0) + 1);
    for (let i = 0; i < n; i++) {
      // Plugins run in the default profile's order; a node stops at its first failing filter.
      const reason = unsched[i] && !c.toleratesUnschedulable ? REASON_UNSCHEDULABLE : (c.staticReason[i] ?? REASON_TOO_MANY_PODS);
      add(filter, reason);
      // UnschedulableAndUnresolvable failures cannot be fixed by evicting pods; "Too many pods" could.
      add(post, reason === REASON_TOO_MANY_PODS ? NO_VICTIMS : PREEMPTION_NOT_HELPFUL);
    }
    const histogram = (m: Map<string, number>) =>
      [...m].map(([r, k]) => `${k} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(', ');
    const preemption =
      c.spec.preemptionPolicy === 'Never' ? 'preemption: not eligible due to preemptionPolicy=Never.' : `preemption: 0/${n} nodes are available: ${histogram(post)}.`;
    const msg = `0/${n} nodes are available: ${histogram(filter)}. ${preemption}`;
    messages.set(cacheKey, msg);
    c.failure = { epoch, preemptionPolicy: c.spec.preemptionPolicy, message: msg };
    return msg;
  };

  const bindIndex = (i: number, delta: number) => {
    const before = count[i] < nodes[i].maxPods;
    count[i] += delta;
    changed(i, before !== count[i] < nodes[i].maxPods);
  };

  const scheduleAt = (podKey: string, spec: SchedulingSpec): number | { message: string } => {
    const c = classOf(spec);
    const p = poolOf(c);
    if (p.total === 0) {
      // The same answer object while the message stays the same (no object per pending pod).
      const message = failure(c);
      return c.unschedulable?.message === message ? c.unschedulable : (c.unschedulable = { message });
    }
    const i = pick(p, podKey);
    bindIndex(i, 1);
    return i;
  };

  return {
    schedule(podKey, spec) {
      const i = scheduleAt(podKey, spec);
      return typeof i === 'number' ? { node: nodes[i].name } : i;
    },
    scheduleAt,
    bind(node) {
      const i = index.get(node);
      if (i !== undefined) bindIndex(i, 1);
    },
    unbind(node) {
      const i = index.get(node);
      if (i !== undefined) bindIndex(i, -1);
    },
    setUnschedulable(node, v) {
      const i = index.get(node);
      if (i === undefined || (unsched[i] === 1) === v) return;
      unsched[i] = v ? 1 : 0;
      changed(i, true);
    },
    hasNode: (node) => index.has(node),
  };
}
