// Reusing the views of the previous diagram model (model.ts): a view equal to the one of the same key
// drawn before is that very object, so toFlow.ts and the memoised boxes can tell by identity what a
// keystroke changed (usually one Service or a few pods of thousands).
import type { ObjectKey, PodState } from '../../core';
import type { DiagramModel, PodStatus, PodView, ServiceView } from './model';

/** Deep equality of plain view data (strings, numbers, booleans, null, arrays, plain objects). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** `next`, or the previous view of its key when that is equal. */
export function reuse<T extends { key: ObjectKey }>(before: ReadonlyMap<ObjectKey, T> | undefined, next: T): T {
  const old = before?.get(next.key);
  return old !== undefined && sameData(old, next) ? old : next;
}

/** `next`, or `prev` when equal. */
export function same<T>(prev: T | undefined, next: T): T {
  return prev !== undefined && sameData(prev, next) ? prev : next;
}

export interface PreviousViews {
  pods: Map<ObjectKey, PodView>;
  nodes: Map<ObjectKey, DiagramModel['nodes'][number]>;
  services: Map<ObjectKey, DiagramModel['services'][number]>;
  ingresses: Map<ObjectKey, DiagramModel['ingresses'][number]>;
  unsimulated: Map<ObjectKey, DiagramModel['unsimulated'][number]>;
}

const byKey = <T extends { key: ObjectKey }>(xs: readonly T[]): Map<ObjectKey, T> => new Map(xs.map((x) => [x.key, x]));

export function previousViews(m: DiagramModel): PreviousViews {
  const pods = byKey(m.pending);
  for (const n of m.nodes) for (const p of n.pods) pods.set(p.key, p);
  return { pods, nodes: byKey(m.nodes), services: byKey(m.services), ingresses: byKey(m.ingresses), unsimulated: byKey(m.unsimulated) };
}

/** Would model.ts podView(p, system, reason) give a view equal to `v`? Without building it. */
export function samePod(v: PodView, p: PodState, status: PodStatus, reason: string | null, system: boolean): boolean {
  if (v.ip !== p.ip || v.status !== status || v.reason !== reason || v.system !== system || v.nodeName !== p.nodeName) return false;
  if (v.namespace !== p.namespace || v.name !== p.name) return false;
  const o = p.owner;
  if (o ? v.owner?.kind !== o.kind || v.owner.name !== o.name : v.owner !== null) return false;
  const keys = Object.keys(p.labels);
  if (keys.length !== v.labels.length) return false;
  for (const [k, val] of v.labels) if (!Object.hasOwn(p.labels, k) || p.labels[k] !== val) return false;
  return true;
}

const sameStrings = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** sameData for two Service views, field by field (hundreds are compared per keystroke). */
export function sameService(a: ServiceView, b: ServiceView): boolean {
  return (
    a.key === b.key &&
    a.namespace === b.namespace &&
    a.name === b.name &&
    a.type === b.type &&
    a.clusterIP === b.clusterIP &&
    sameStrings(a.ports, b.ports) &&
    a.external === b.external &&
    a.externalName === b.externalName &&
    a.selector === b.selector &&
    a.endpoints.total === b.endpoints.total &&
    a.endpoints.ready === b.endpoints.ready &&
    a.endpoints.withoutPod === b.endpoints.withoutPod &&
    a.flag === b.flag &&
    a.system === b.system
  );
}

/** `next`, or the previous view of its key when that is equal (reuse, for Services). */
export function reuseService(before: ReadonlyMap<ObjectKey, ServiceView> | undefined, next: ServiceView): ServiceView {
  const old = before?.get(next.key);
  return old !== undefined && sameService(old, next) ? old : next;
}
