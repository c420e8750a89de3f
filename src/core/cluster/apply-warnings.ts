// The playground re-creates the cluster from the text on every edit, but a real cluster would receive
// the edit as `kubectl apply` (an update). Where that update would be rejected (e.g. a changed
// spec.clusterIP, a changed Deployment selector), say so as a warning on the edited object.
import type { Diagnostic, KubeObject } from '../model/types';
import { updateObject, type CreateEnv, type StoredObject } from '../manifest/registry';
import { rec } from '../manifest/validate/types';
import { allocationCopy, createServiceAllocator } from '../net/service-allocator';
import type { LoadedCluster } from './load';

function rawOf(s: StoredObject): KubeObject | null {
  if (!s.source) return null;
  let v: unknown = s.source.doc.value;
  for (const seg of s.source.itemPath) v = (v as Record<string | number, unknown> | null)?.[seg];
  return (rec(v) as KubeObject | undefined) ?? null;
}

/**
 * `previous`: the last accepted version of each object the user has applied so far (a live cluster keeps
 * an object until it is deleted, so the map accumulates across edits). Each object of `next` whose text
 * differs from its previous version goes through update validation against it.
 */
export function applyWarnings(previous: ReadonlyMap<string, StoredObject>, next: LoadedCluster, seed = 1): Diagnostic[] {
  const changed = next.userObjects.filter((o) => {
    const p = previous.get(o.key);
    return p && p.simulated && o.simulated && p.source && o.source && rawText(p) !== rawText(o);
  });
  if (changed.length === 0) return [];
  // Only a Service's update allocates (registry.ts updateObject), and only when it takes an address or
  // port it did not hold (a new nodePort, a type change): tried first against an empty allocator, and
  // only when that took something is the live cluster's every address loaded and the update run again.
  const services = changed.some((o) => o.kind === 'Service');
  let env = updateAll(previous, next, changed, seed, false);
  if (services && env.allocator.held() > 0) env = updateAll(previous, next, changed, seed, true);
  return env.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ ...d, severity: 'warning' as const, reason: 'ApplyWouldFail', message: `kubectl apply of this edit would be rejected (the playground re-creates the object instead): ${d.message}` }));
}

function updateAll(previous: ReadonlyMap<string, StoredObject>, next: LoadedCluster, changed: StoredObject[], seed: number, live: boolean): CreateEnv {
  const store = new Map<string, StoredObject>(next.objects.map((s) => [s.key, s]));
  for (const [k, v] of previous) store.set(k, v);
  const clusterIPs = new Set<string>();
  if (live) for (const s of store.values()) if (s.kind === 'Service' && typeof rec(s.object.spec)?.clusterIP === 'string') clusterIPs.add(rec(s.object.spec)!.clusterIP as string);
  const env: CreateEnv = {
    ctx: { net: next.topology.net },
    allocator: createServiceAllocator(next.topology.net, { seed, pinnedClusterIPs: clusterIPs, pinnedNodePorts: new Set() }),
    seed,
    store: store as CreateEnv['store'],
    diagnostics: [],
  };
  // The live cluster holds the previous Services' addresses (allocated on copies: a stored object is
  // never written to).
  if (live) for (const s of store.values()) if (s.kind === 'Service' && s.simulated) env.allocator.allocate(allocationCopy(s.object), s.key);
  for (const o of changed) {
    const raw = rawOf(o);
    if (raw) updateObject(raw, previous.get(o.key)!, o.source, env);
  }
  return env;
}

const rawText = (s: StoredObject): string => JSON.stringify(rawOf(s));

/** The accepted objects of `next` laid over `previous`: what a live cluster would now hold. */
export function appliedObjects(previous: ReadonlyMap<string, StoredObject>, next: LoadedCluster): Map<string, StoredObject> {
  const out = new Map(previous);
  for (const o of next.userObjects) out.set(o.key, o);
  return out;
}
