// A pod's controllers (DiagramModel.ownersOf): its owner, and for a ReplicaSet-owned pod the ReplicaSet's
// controller (a Deployment), so selecting a Deployment (which has no box) highlights its pods.
import type { ClusterState, ObjectKey, PodState } from '../../core';
import type { DiagramModel } from './model';

/**
 * ReplicaSet key → the key of the controller that owns it (a Deployment), from ownerReferences, looked
 * up on first use: objects from the derivation Worker are JSON-parsed when first read (worker/wire.ts),
 * and only a selection needs a pod's controllers.
 */
function controllerOwners(cluster: ClusterState): (rs: ObjectKey) => ObjectKey | undefined {
  const sets = new Map<string, ClusterState['objects'][number]>();
  for (const o of cluster.objects) if (o.kind === 'ReplicaSet') sets.set(o.key, o);
  const memo = new Map<string, ObjectKey | undefined>();
  return (key) => {
    if (memo.has(key)) return memo.get(key);
    const o = sets.get(key);
    const ref = o?.object.metadata?.ownerReferences?.find((r) => r.controller) ?? o?.object.metadata?.ownerReferences?.[0];
    const out = o && ref?.kind && ref.name ? (`${ref.kind}/${o.namespace ?? ''}/${ref.name}` as ObjectKey) : undefined;
    memo.set(key, out);
    return out;
  };
}

function ownerChain(p: PodState, ownerOf: (rs: ObjectKey) => ObjectKey | undefined): ObjectKey[] {
  if (!p.owner) return [];
  const first = `${p.owner.kind}/${p.namespace}/${p.owner.name}` as ObjectKey;
  const second = p.owner.kind === 'ReplicaSet' ? ownerOf(first) : undefined;
  return second ? [first, second] : [first];
}

export /** DiagramModel.ownersOf for the pods of `cluster`, each chain resolved on first use. */
function ownersIn(cluster: ClusterState): DiagramModel['ownersOf'] {
  let ownerOf: ((rs: ObjectKey) => ObjectKey | undefined) | null = null;
  const chains = new Map<ObjectKey, ObjectKey[]>();
  const byKey = new Map<ObjectKey, PodState>();
  return (v) => {
    let chain = chains.get(v.key);
    if (chain) return chain;
    if (byKey.size === 0) for (const p of cluster.pods) byKey.set(p.key, p);
    const p = byKey.get(v.key);
    ownerOf ??= controllerOwners(cluster);
    chain = p ? ownerChain(p, ownerOf) : [];
    chains.set(v.key, chain);
    return chain;
  };
}
