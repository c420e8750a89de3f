// Plain derivations the panels show, kept out of the components so they can be unit tested.
import type { ClusterState, Diagnostic } from '../../core';
import { formatAction, parseAction } from '../../core/controllers/runtime-actions';

/** The form the engine reports an action in (its diagnostics carry that text as `value`). */
export function normalizeAction(a: string): string {
  const p = parseAction(a);
  return 'error' in p ? a.trim() : formatAction(p);
}

/** Action warnings keyed by the action's text. */
export function warningsByAction(diagnostics: Diagnostic[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of diagnostics) {
    if (typeof d.value !== 'string' || (d.reason !== 'ActionSkipped' && !d.message.startsWith('action "'))) continue;
    const list = out.get(d.value) ?? [];
    list.push(d.detail ?? d.message);
    out.set(d.value, list);
  }
  return out;
}

/**
 * What the user's manifests made, without the components every cluster has: an object is a system one
 * if it is marked so or is owned (through ReplicaSet → Deployment) by one, e.g. the ingress-nginx
 * controller's pod, which the reconciler creates outside kube-system.
 */
export function clusterCounts(c: ClusterState): { nodes: number; pods: number; services: number; ingresses: number } {
  type Entry = ClusterState['objects'][number];
  const byUid = new Map<string, Entry>();
  for (const o of c.objects) if (typeof o.object.metadata?.uid === 'string') byUid.set(o.object.metadata.uid, o);
  const isSystem = (o: Entry | undefined, depth = 0): boolean => {
    if (!o) return false;
    if (o.system) return true;
    const owner = o.object.metadata?.ownerReferences?.[0];
    return depth < 3 && owner !== undefined && isSystem(byUid.get(owner.uid), depth + 1);
  };
  let pods = 0;
  let services = 0;
  let ingresses = 0;
  for (const o of c.objects) {
    if (o.kind !== 'Pod' && o.kind !== 'Service' && o.kind !== 'Ingress') continue;
    if (isSystem(o)) continue;
    if (o.kind === 'Pod') pods++;
    else if (o.kind === 'Service') services++;
    else ingresses++;
  }
  return { nodes: c.nodes.length, pods, services, ingresses };
}

export function problemCounts(ds: Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of ds) if (d.severity === 'error') errors++;
  return { errors, warnings: ds.length - errors };
}
