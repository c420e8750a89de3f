// Models the status the deployment controller writes (pkg/controller/deployment: sync.go calculateStatus, progress.go syncRolloutStatus, util/deployment_util.go ResolveFenceposts/DeploymentComplete). Leaves out: the progress deadline timing out (simulated time does not advance).
import { CLUSTER_EPOCH } from '../model/clock';
import type { KubeObject } from '../model/types';
import { rec } from '../manifest/validate/types';

type R = Record<string, unknown>;

const percents = new Map<string, number | null>();
/** "25%" → 25 (null: not a percentage); a handful of distinct strings, parsed once. */
function percent(v: string): number | null {
  let p = percents.get(v);
  if (p === undefined) {
    const m = /^(\d+)%$/.exec(v);
    p = m ? Number(m[1]) : null;
    if (percents.size > 1000) percents.clear();
    percents.set(v, p);
  }
  return p;
}

/** intstr.GetScaledValueFromIntOrPercent */
function scaled(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = typeof v === 'string' ? percent(v) : null;
  if (pct === null) return 0;
  const x = (pct * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** util.ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both 0 → maxUnavailable 1. */
export function resolveFenceposts(spec: R): { surge: number; unavailable: number } {
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const strategy = rec(spec.strategy);
  if (strategy?.type === 'Recreate') return { surge: 0, unavailable: 0 };
  const ru = rec(strategy?.rollingUpdate) ?? {};
  const surge = scaled(ru.maxSurge ?? '25%', replicas, true);
  let unavailable = scaled(ru.maxUnavailable ?? '25%', replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: replicas === 0 ? 0 : Math.min(unavailable, replicas) };
}

export interface RSCounts {
  specReplicas: number;
  replicas: number;
  ready: number;
  available: number;
}

const condition = (type: string, status: string, reason: string, message: string): R => ({
  type,
  status,
  lastUpdateTime: CLUSTER_EPOCH,
  lastTransitionTime: CLUSTER_EPOCH,
  reason,
  message,
});

/**
 * calculateStatus + syncRolloutStatus: counts over all ReplicaSets, Available from
 * availableReplicas ≥ replicas − maxUnavailable, Progressing from whether the rollout ever completed.
 */
export function deploymentStatus(d: KubeObject, all: RSCounts[], newRS: { name: string; counts: RSCounts } | null, opts: { completed: boolean; collisionCount: number | null }): R {
  const spec = rec(d.spec) ?? {};
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const sum = (f: (c: RSCounts) => number) => all.reduce((a, c) => a + f(c), 0);
  const available = sum((c) => c.available);
  const unavailable = Math.max(0, sum((c) => c.specReplicas) - available);
  const gen = typeof d.metadata?.generation === 'number' ? d.metadata.generation : 1;
  const availableOK = available >= desired - resolveFenceposts(spec).unavailable;
  const name = newRS ? `ReplicaSet "${newRS.name}"` : `Deployment "${d.metadata?.name}"`;
  const progressing =
    spec.paused === true
      ? condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused')
      : opts.completed
        ? condition('Progressing', 'True', 'NewReplicaSetAvailable', `${name} has successfully progressed.`)
        : condition('Progressing', 'True', 'ReplicaSetUpdated', `${name} is progressing.`);
  // Zero counts are omitted (omitempty); assigned in the wire order rather than spread from small objects.
  const status: R = { observedGeneration: gen };
  const replicas = sum((c) => c.replicas);
  if (replicas !== 0) status.replicas = replicas;
  const updated = newRS?.counts.replicas ?? 0;
  if (updated !== 0) status.updatedReplicas = updated;
  const ready = sum((c) => c.ready);
  if (ready !== 0) status.readyReplicas = ready;
  if (available !== 0) status.availableReplicas = available;
  if (unavailable !== 0) status.unavailableReplicas = unavailable;
  status.conditions = [
    availableOK
      ? condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
    progressing,
  ];
  if (opts.collisionCount !== null) status.collisionCount = opts.collisionCount;
  return status;
}

/**
 * syncRolloutStatus never leaves NewReplicaSetAvailable for the same ReplicaSet (isCompleteDeployment):
 * pasted status that says the rollout completed keeps saying so.
 */
export function pastedRolloutComplete(d: KubeObject, newRS: string): boolean {
  const conds = rec(d.status)?.conditions;
  return Array.isArray(conds) && conds.some((c) => rec(c)?.type === 'Progressing' && rec(c)?.reason === 'NewReplicaSetAvailable' && rec(c)?.message === `ReplicaSet "${newRS}" has successfully progressed.`);
}

/** util.DeploymentComplete */
export function deploymentComplete(d: KubeObject, all: RSCounts[], newRS: RSCounts | null): boolean {
  const desired = typeof rec(d.spec)?.replicas === 'number' ? (rec(d.spec)!.replicas as number) : 1;
  const replicas = all.reduce((a, c) => a + c.replicas, 0);
  const available = all.reduce((a, c) => a + c.available, 0);
  return (newRS?.replicas ?? 0) === desired && replicas === desired && available === desired;
}
