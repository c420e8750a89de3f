// Keeps the create path's per-object work between loads of an edited text, so a keystroke re-decodes,
// re-defaults and re-validates only the document it changed. Keyed by the decoded document value itself:
// ParseCache hands back the very same value for a document whose text did not change, and nothing
// mutates it (prepare copies it first).
//
// What is kept is what depends on the object alone (plus the cluster's network settings and the seed):
// strict decoding, defaults, ObjectMeta + kind validation and warnings. What depends on the other
// objects runs on every load, in document order, exactly as without the cache: Service IP/port
// allocation (on a fresh copy; a Service whose allocation came out the same keeps its validated object),
// the namespace check and AlreadyExists. So a clusterIP/nodePort collision or a duplicate name appears
// and disappears with the document that causes it, wherever the edit was. The cluster's own objects
// (Nodes, kube-system), made afresh for every load, are kept by their JSON text instead.
import { cloneData } from '../controllers/plain-objects';
import type { KubeObject } from '../model/types';
import { allocatedValues, allocationCopy } from '../net/service-allocator';
import { makeDiagnostic, type ObjectSource } from './diagnostics';
import type { KindInfo } from './kinds';
import { admitObject, prepareObject, validateCreate, type CreateCache, type CreateEnv, type PrepareFailure, type StoredObject, type Validated } from './registry';
import { rec, type ValidationContext } from './validate/types';

interface Entry {
  kind: string;
  /** the network settings and seed the entry was made under */
  ctx: string;
  seed: number;
  failure: PrepareFailure | null;
  /** decoded and defaulted; for a Service before allocation, and never handed out (a copy is allocated) */
  prepared: KubeObject | null;
  /** validation of `prepared` (kinds other than Service) */
  checked: Validated | null;
  /** a Service: the validation of its last allocated copy, and the values allocation wrote into it */
  allocated: { values: string | null; v: Validated } | null;
}

const ctxKeys = new WeakMap<ValidationContext, string>();
const ctxKey = (ctx: ValidationContext): string => {
  let k = ctxKeys.get(ctx);
  if (k === undefined) ctxKeys.set(ctx, (k = JSON.stringify(ctx)));
  return k;
};

/** metadata.generateName without a name: the generated name depends on how many objects came before. */
export function namedByGenerator(raw: KubeObject): boolean {
  const meta = rec(raw.metadata);
  return !!meta && !meta.name && typeof meta.generateName === 'string' && meta.generateName !== '';
}

function jsonOf(v: unknown): string | null {
  try {
    return JSON.stringify(v);
  } catch {
    return null; // e.g. a cycle through YAML aliases: validate afresh every time
  }
}

/** The cluster's own objects (Nodes, kube-system) kept, by their JSON text: at most this many. */
const MAX_BUILT_IN = 1000;

export class ObjectCreateCache implements CreateCache {
  /** objects from the text, by their decoded value */
  private entries = new WeakMap<object, Entry>();
  /** the cluster's own objects (made afresh for every load), by their JSON text */
  private builtIn = new Map<string, Entry>();
  /** How many objects were prepared and validated afresh (tests). */
  misses = 0;

  private entryFor(raw: KubeObject, text: string | null, info: KindInfo, env: CreateEnv): Entry {
    const ctx = ctxKey(env.ctx);
    const hit = text === null ? this.entries.get(raw) : this.builtIn.get(text);
    if (hit && hit.kind === info.kind && hit.ctx === ctx && hit.seed === env.seed) return hit;
    this.misses++;
    const r = prepareObject(raw, info, env.ctx, env.seed, env.store.size);
    const e: Entry = { kind: info.kind, ctx, seed: env.seed, failure: null, prepared: null, checked: null, allocated: null };
    if ('obj' in r) e.prepared = r.obj;
    else e.failure = r.failure;
    if (text === null) this.entries.set(raw, e);
    else {
      if (this.builtIn.size >= MAX_BUILT_IN) this.builtIn.clear();
      this.builtIn.set(text, e);
    }
    return e;
  }

  create(raw: KubeObject, info: KindInfo, source: ObjectSource | null, env: CreateEnv): StoredObject | null | undefined {
    if (namedByGenerator(raw)) return undefined;
    // The cluster's own objects are made afresh for every load: known by their text instead.
    const text = source ? null : jsonOf(raw);
    if (!source && text === null) return undefined;
    const e = this.entryFor(raw, text, info, env);
    if (e.failure) {
      env.diagnostics.push(makeDiagnostic({ ...e.failure, source }));
      return null;
    }
    if (info.kind !== 'Service') {
      // Stored as it is: a stored object is never mutated, except fillSystemFields adding the same
      // creationTimestamp and uid every time (they depend on the seed and the key only).
      return admitObject(e.prepared!, info, source, env, (o) => (e.checked ??= validateCreate(o, info, env.ctx)));
    }
    // Allocated on a shallow copy (allocate writes only a few spec fields); when it wrote what it wrote
    // last time, the object stored then is stored again. Otherwise a deep copy is validated and stored,
    // sharing nothing with the cached one.
    return admitObject(allocationCopy(e.prepared!), info, source, env, (o) => {
      const values = allocatedValues(o);
      if (values === null || e.allocated?.values !== values) e.allocated = { values, v: validateCreate(cloneData(o) as KubeObject, info, env.ctx) };
      return e.allocated.v;
    });
  }
}
