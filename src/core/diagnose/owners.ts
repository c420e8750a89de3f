// A pod's top-level controller (Pod → ReplicaSet → Deployment), followed through the controller
// ownerReferences the workload controllers set (metav1.GetControllerOf), so findings can say where a
// label comes from ("the pod template of Deployment web") and fixes can edit that object.
import type { ClusterState, PodState } from '../cluster/state';
import type { KubeObject } from '../model/types';
import type { ObjectRef } from './types';

const byKeyCache = new WeakMap<ClusterState, Map<string, KubeObject>>();

function objectsByKey(state: ClusterState): Map<string, KubeObject> {
  let m = byKeyCache.get(state);
  if (!m) {
    m = new Map();
    for (const o of state.objects) m.set(`${o.kind}/${o.namespace ?? ''}/${o.name}`, o.object);
    byKeyCache.set(state, m);
  }
  return m;
}

function controllerOf(o: KubeObject): { kind: string; name: string } | null {
  const refs = o.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return null;
  for (const r of refs as unknown[]) {
    const ref = r as { kind?: unknown; name?: unknown; controller?: unknown } | null;
    if (ref && ref.controller === true && typeof ref.kind === 'string' && typeof ref.name === 'string') return { kind: ref.kind, name: ref.name };
  }
  return null;
}

/** The object at the top of the pod's controller chain (the Pod itself when it has no controller). */
export function topOwner(state: ClusterState, pod: PodState): ObjectRef {
  let cur: ObjectRef = { kind: 'Pod', namespace: pod.namespace, name: pod.name };
  let next: { kind: string; name: string } | null = pod.owner ? { kind: pod.owner.kind, name: pod.owner.name } : null;
  const objects = objectsByKey(state);
  // Owners live in the pod's namespace (cross-namespace owner references are not allowed).
  for (let depth = 0; next && depth < 4; depth++) {
    cur = { kind: next.kind, namespace: pod.namespace, name: next.name };
    const o = objects.get(`${next.kind}/${pod.namespace}/${next.name}`);
    next = o ? controllerOf(o) : null;
  }
  return cur;
}

/** "Deployment web" / "Pod alpine". */
export const refText = (r: ObjectRef): string => `${r.kind} ${r.name}`;

/** Where a pod's labels are written: the Pod's own metadata, or its top owner's pod template. */
export function labelPath(owner: ObjectRef, key: string): (string | number)[] {
  return owner.kind === 'Pod' ? ['metadata', 'labels', key] : ['spec', 'template', 'metadata', 'labels', key];
}

/** "Pod web-1 (from the pod template of Deployment web)" / "Pod alpine". */
export function podText(pod: PodState, owner: ObjectRef, count = 1): string {
  const more = count > 1 ? ` and ${count - 1} more` : '';
  return owner.kind === 'Pod' ? `Pod ${pod.name}${more}` : `Pod ${pod.name}${more} (from the pod template of ${refText(owner)})`;
}
