// Models the start of a sync over pasted state (pkg/controller/podgc gcOrphaned, replicaset claimPods/manageReplicas scale-down, deployment getReplicaSetsForDeployment/getNewReplicaSet): which pods belong to which ReplicaSet, which ReplicaSets to which Deployment, what is removed before anything runs. Leaves out: everything workloads.ts lists.
import type { LoadedCluster } from '../cluster/load';
import type { NodeState } from '../cluster/state';
import type { Diagnostic, ObjectKey } from '../model/types';
import { planDeployments, type DeployRec } from './deployment-controller';
import { claimPods, controllerWarning, manifestPodRec, replicaSetRec, specNodeName, trimSurplus, type PodRec, type RSRec } from './replicaset-controller';

export interface Plan {
  manifestPods: PodRec[];
  /** The manifest pod at each index of loaded.objects (holes elsewhere: array reads, not Map lookups). */
  manifestPodAt: (PodRec | undefined)[];
  manifestPodKeys: ObjectKey[];
  /** ReplicaSets by the creation index they sync at (their document, or their Deployment's). */
  rsAt: (RSRec[] | undefined)[];
  deployments: DeployRec[];
  allRS: RSRec[];
}

/**
 * Pasted state first: which pods belong to which ReplicaSet and which ReplicaSets to which Deployment,
 * and what the pod garbage collector and surplus scale-down remove before anything else runs.
 */
export function planWorkloads(loaded: LoadedCluster, nodeByName: Map<string, NodeState>, seed: number, diagnostics: Diagnostic[]): Plan {
  const manifestPods: PodRec[] = [];
  // Sized once (they are indexed by position in loaded.objects and mostly holes): no regrowing.
  const manifestPodAt: (PodRec | undefined)[] = new Array(loaded.objects.length);
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
      manifestPodAt[i] = p;
    } else if (s.kind === 'ReplicaSet') {
      const rs = replicaSetRec(s.object, s, seed);
      manifestRS.push(rs);
      rsIndex.set(rs, i);
    } else if (s.kind === 'Deployment') deploys.push({ stored: s, index: i });
  });
  const { deployments, created } = planDeployments(deploys, manifestRS, manifestPods, seed);
  const rsAt: (RSRec[] | undefined)[] = new Array(loaded.objects.length);
  const add = (i: number, rs: RSRec) => {
    const l = rsAt[i];
    if (l) l.push(rs);
    else rsAt[i] = [rs];
  };
  for (const rs of manifestRS) add(rsIndex.get(rs)!, rs);
  for (const { rs, index } of created) add(index, rs);
  // In index order (the array's own order); holes are skipped by flat().
  const allRS = rsAt.flat() as RSRec[];
  claimPods(allRS, manifestPods);
  for (const rs of allRS) trimSurplus(rs);
  return { manifestPods, manifestPodAt, manifestPodKeys: manifestPods.map((p) => p.key), rsAt, deployments, allRS };
}
