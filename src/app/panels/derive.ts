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

/** Kinds whose objects own pods or ReplicaSets (ownerReferences) in the clusters the engine builds. */
const OWNER_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/**
 * What the user's manifests made, without the components every cluster has: an object is a system one
 * if it is marked so or is owned (through ReplicaSet → Deployment) by one, e.g. the ingress-nginx
 * controller's pod, which the reconciler creates outside kube-system.
 *
 * Counted from the typed records (kinds, keys, `system` flags, PodState.owner): an API object's metadata
 * is read only for an owner that could lead to a system one (a system controller in its namespace), since
 * objects from the derivation Worker are parsed on first read (worker/wire.ts).
 */
export function clusterCounts(c: ClusterState): { nodes: number; pods: number; services: number; ingresses: number } {
  type Entry = ClusterState['objects'][number];
  const byKey = new Map<string, Entry>();
  /** namespaces holding a system object that may own others */
  const ownerNs = new Set<string>();
  for (const o of c.objects) {
    byKey.set(o.key, o);
    if (o.system && OWNER_KINDS.has(o.kind)) ownerNs.add(o.namespace ?? '');
  }
  const ownerKey = (o: Entry): string | null => {
    const ref = o.object.metadata?.ownerReferences?.find((r) => r.controller) ?? o.object.metadata?.ownerReferences?.[0];
    return ref?.kind && ref.name ? `${ref.kind}/${o.namespace ?? ''}/${ref.name}` : null;
  };
  const isSystem = (o: Entry | undefined, owner: () => string | null, depth = 0): boolean => {
    if (!o) return false;
    if (o.system) return true;
    if (depth >= 3 || !ownerNs.has(o.namespace ?? '')) return false;
    const k = owner();
    const e = k ? byKey.get(k) : undefined;
    return e !== undefined && isSystem(e, () => ownerKey(e), depth + 1);
  };
  const podOwner = new Map<string, string | null>();
  for (const p of c.pods) podOwner.set(p.key, p.owner ? `${p.owner.kind}/${p.namespace}/${p.owner.name}` : null);
  let pods = 0;
  let services = 0;
  let ingresses = 0;
  for (const o of c.objects) {
    if (o.kind !== 'Pod' && o.kind !== 'Service' && o.kind !== 'Ingress') continue;
    const owner = o.kind === 'Pod' && podOwner.has(o.key) ? () => podOwner.get(o.key) ?? null : () => ownerKey(o);
    if (isSystem(o, owner)) continue;
    if (o.kind === 'Pod') pods++;
    else if (o.kind === 'Service') services++;
    else ingresses++;
  }
  return { nodes: c.nodes.length, pods, services, ingresses };
}

/** Errors and warnings, including those the worker counted but left out of the list past its cap. */
export function problemCounts(ds: Diagnostic[], omitted?: { errors: number; warnings: number } | null): { errors: number; warnings: number } {
  let errors = 0;
  for (const d of ds) if (d.severity === 'error') errors++;
  return { errors: errors + (omitted?.errors ?? 0), warnings: ds.length - errors + (omitted?.warnings ?? 0) };
}
