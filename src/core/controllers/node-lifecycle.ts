// Models the node lifecycle controller's condition taints (pkg/controller/nodelifecycle, TaintNodesByCondition and taint-based eviction's NoExecute taints) and `kubectl cordon/uncordon/drain`'s spec.unschedulable (staging/src/k8s.io/kubectl/pkg/drain/cordon.go). Leaves out: heartbeats and leases, eviction timing (tolerationSeconds), pressure conditions, zones.
import type { StoredObject } from '../manifest/registry';
import { rec } from '../manifest/validate/types';
import type { LoadedCluster } from '../cluster/load';
import type { NodeState, Taint } from '../cluster/state';
import type { Diagnostic, KubeObject } from '../model/types';
import { actionWarning, nodeNotFound, type RuntimeAction } from './runtime-actions';

/** Taint keys the node lifecycle controller owns (k8s.io/api/core/v1 well_known_taints.go). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED_TAINTS = new Set([TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE]);

const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** status.allocatable.pods, which NodeResourcesFit checks; kubelet --max-pods defaults to 110. */
export function maxPods(node: KubeObject): number {
  const v = rec(rec(node.status)?.allocatable)?.pods;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : 110;
}

/** spec.unschedulable as written (before any runtime action). */
export function specUnschedulable(node: KubeObject): boolean {
  return rec(node.spec)?.unschedulable === true;
}

/** status.conditions[type=Ready].status; a node without one counts as Ready (the simulated kubelet posts it). */
export function readyConditionStatus(node: KubeObject): 'True' | 'False' | 'Unknown' {
  const conds = rec(node.status)?.conditions;
  const ready = Array.isArray(conds) ? conds.map(rec).find((c) => c?.type === 'Ready') : undefined;
  const s = str(ready?.status);
  return s === 'False' ? 'False' : s === 'Unknown' ? 'Unknown' : 'True';
}

/** spec.taints that parse, minus those the lifecycle controller manages itself. */
function writtenTaints(node: KubeObject): Taint[] {
  const taints = rec(node.spec)?.taints;
  const out: Taint[] = [];
  if (!Array.isArray(taints)) return out;
  for (const t of taints) {
    const r = rec(t);
    const key = str(r?.key);
    const effect = str(r?.effect);
    if (!key || !effect || !EFFECTS.has(effect) || MANAGED_TAINTS.has(key)) continue;
    const value = str(r?.value);
    out.push(value ? { key, value, effect: effect as Taint['effect'] } : { key, effect: effect as Taint['effect'] });
  }
  return out;
}

/**
 * The taints a node carries once the lifecycle controller has caught up: NotReady → not-ready, Unknown →
 * unreachable (NoSchedule by condition, NoExecute for taint-based eviction), cordoned → unschedulable.
 */
export function nodeTaints(node: KubeObject, unschedulable: boolean): Taint[] {
  const out = writtenTaints(node);
  const ready = readyConditionStatus(node);
  const cond = ready === 'False' ? TAINT_NOT_READY : ready === 'Unknown' ? TAINT_UNREACHABLE : null;
  if (cond) out.push({ key: cond, effect: 'NoSchedule' }, { key: cond, effect: 'NoExecute' });
  if (unschedulable) out.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

function internalIP(node: KubeObject): string {
  const addrs = rec(node.status)?.addresses;
  const a = Array.isArray(addrs) ? addrs.map(rec).find((x) => x?.type === 'InternalIP') : undefined;
  return str(a?.address) ?? '';
}

function labelsOf(node: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(node.metadata?.labels) ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

export function nodeState(s: StoredObject, unschedulable: boolean): NodeState {
  const labels = labelsOf(s.object);
  const cp = 'node-role.kubernetes.io/control-plane' in labels || 'node-role.kubernetes.io/master' in labels;
  return {
    key: s.key,
    name: s.name,
    role: cp ? 'control-plane' : 'worker',
    internalIP: internalIP(s.object),
    podCIDR: str(rec(s.object.spec)?.podCIDR) ?? '',
    labels,
    taints: nodeTaints(s.object, unschedulable),
    unschedulable,
    ready: readyConditionStatus(s.object) === 'True',
    object: s.object,
  };
}

/** Node records after the node runtime actions (cordon, uncordon, drain's cordon), in creation order. */
export function buildNodes(loaded: LoadedCluster, actions: RuntimeAction[]): { nodes: NodeState[]; diagnostics: Diagnostic[] } {
  const stored = loaded.objects.filter((o) => o.kind === 'Node' && o.simulated);
  const unschedulable = new Map(stored.map((s) => [s.name, specUnschedulable(s.object)]));
  const diagnostics: Diagnostic[] = [];
  for (const a of actions) {
    if (a.verb !== 'cordon' && a.verb !== 'uncordon' && a.verb !== 'drain') continue;
    if (!unschedulable.has(a.node)) {
      diagnostics.push(actionWarning(a, nodeNotFound(a.node)));
      continue;
    }
    // kubectl drain cordons first (drain.RunCordonOrUncordon), then evicts.
    unschedulable.set(a.node, a.verb !== 'uncordon');
  }
  return { nodes: stored.map((s) => nodeState(s, unschedulable.get(s.name)!)), diagnostics };
}
