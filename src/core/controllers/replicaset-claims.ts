// Models the ReplicaSet controller's ownership and scale-down decisions (pkg/controller/replicaset/replica_set.go claimPods with pkg/controller/controller_ref_manager.go ClaimPods adoption; manageReplicas/getPodsToDelete with controller.ActivePodsWithRanks). Leaves out: orphaning pods whose labels stopped matching, expectations, slow-start batching.
import type { KubeObject } from '../model/types';
import { rec } from '../manifest/validate/types';
import { selectorMatches } from '../manifest/validate/meta';
import type { PodRec, RSRec } from './replicaset-controller';

export const specNodeName = (p: PodRec): string | null => (typeof p.spec.nodeName === 'string' && p.spec.nodeName) || null;

export const isActive = (p: PodRec): boolean => !p.terminating && !p.terminal;

/**
 * ClaimPods for every ReplicaSet, in creation order: pods whose controller ref names it, then orphans
 * (no controller ref, not being deleted) whose labels its selector matches. Orphans are found through
 * a label index, not by testing every pod against every selector.
 */
export function claimPods(replicaSets: RSRec[], pods: PodRec[]): void {
  const byRef = new Map<string, PodRec[]>();
  const orphansByLabel = new Map<string, PodRec[]>();
  const orphansByNs = new Map<string, PodRec[]>();
  const push = (m: Map<string, PodRec[]>, k: string, p: PodRec) => {
    const l = m.get(k);
    if (l) l.push(p);
    else m.set(k, [p]);
  };
  // Each ReplicaSet looks orphans up by its selector's first pair: only those label keys are indexed.
  const firsts = replicaSets.map((rs) => firstStringEntry(rec(rs.selector)?.matchLabels));
  const keys = new Set<string>();
  for (const f of firsts) if (f) keys.add(f[0]);
  for (const p of pods) {
    if (!p.alive) continue;
    if (p.ownerRef) {
      if (p.ownerRef.kind === 'ReplicaSet') push(byRef, `${p.namespace}/${p.ownerRef.name}`, p);
      continue;
    }
    if (p.terminating || p.terminal) continue;
    push(orphansByNs, p.namespace, p);
    for (const k in p.labels) if (keys.has(k)) push(orphansByLabel, `${p.namespace}\u0000${k}=${p.labels[k]}`, p);
  }
  const join = (rs: RSRec, p: PodRec) => {
    p.rs = rs;
    rs.members.add(p);
    if (isActive(p)) rs.active++;
  };
  replicaSets.forEach((rs, i) => {
    // Most ReplicaSets have neither pasted pods nor orphans around: no key strings to build then.
    if (byRef.size) for (const p of byRef.get(`${rs.namespace}/${rs.name}`) ?? []) if (!p.rs) join(rs, p);
    if (!orphansByNs.has(rs.namespace)) return;
    const first = firsts[i];
    // No orphan carries any first-pair key: a ReplicaSet with a first pair has no candidates.
    if (first && orphansByLabel.size === 0) return;
    const candidates = first ? orphansByLabel.get(`${rs.namespace}\u0000${first[0]}=${first[1]}`) : orphansByNs.get(rs.namespace);
    for (const p of candidates ?? []) {
      if (p.rs || !selectorMatches(rs.selector, p.labels)) continue;
      join(rs, p);
      p.ownerRef = rs.podOwner;
      p.adopted = true;
    }
  });
}

/** Object.entries(strMap(v))[0] without copying the map. */
function firstStringEntry(v: unknown): [string, string] | undefined {
  const r = rec(v);
  if (r) for (const k of Object.keys(r)) if (typeof r[k] === 'string' && k !== '__proto__') return [k, r[k] as string];
  return undefined;
}

/** manageReplicas' scale-down of surplus pasted pods: which ones go (getPodsToDelete). */
export function trimSurplus(rs: RSRec): PodRec[] {
  // No more members than it wants: nothing to trim (and no lists to build for every ReplicaSet).
  if (rs.members.size <= rs.desired) return [];
  const active = [...rs.members].filter(isActive);
  if (active.length <= rs.desired) return [];
  const perNode = new Map<string, number>();
  for (const p of active) {
    const n = specNodeName(p);
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const ranked = deletionOrder(
    active.map((p, i) => ({
      p,
      assigned: specNodeName(p) !== null,
      running: p.pastedRunning,
      ready: p.pastedReady ?? specNodeName(p) !== null,
      colocated: perNode.get(specNodeName(p) ?? '') ?? 0,
      deletionCost: p.stored ? deletionCost(p.stored.object) : 0,
      ordinal: i,
    })),
  );
  const gone = ranked.slice(0, active.length - rs.desired).map((x) => x.p);
  for (const p of gone) {
    p.alive = false;
    rs.members.delete(p);
    rs.active--;
  }
  return gone;
}

/** What getPodsToDelete ranks a pod by (controller.ActivePodsWithRanks.Less). */
export interface DeletionCandidate {
  assigned: boolean;
  running: boolean;
  ready: boolean;
  /** pods of the same ReplicaSet on the same node (getPodsRankedByRelatedPodsOnSameNode) */
  colocated: number;
  deletionCost: number;
  ordinal: number;
}

/**
 * The order in which a ReplicaSet deletes surplus pods: unassigned before assigned, pending before
 * running, not ready before ready, more colocated before fewer, lower pod-deletion-cost first, newer
 * before older.
 */
export function deletionOrder<T extends DeletionCandidate>(pods: T[]): T[] {
  return [...pods].sort(
    (a, b) =>
      Number(a.assigned) - Number(b.assigned) ||
      Number(a.running) - Number(b.running) ||
      Number(a.ready) - Number(b.ready) ||
      b.colocated - a.colocated ||
      a.deletionCost - b.deletionCost ||
      b.ordinal - a.ordinal,
  );
}

export function deletionCost(obj: KubeObject): number {
  const v = obj.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  return typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : 0;
}
