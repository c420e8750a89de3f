// Models kube-apiserver's create path (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
// Store.Create) for the objects of a manifest, one object at a time in document order:
//   strict decode (400) → defaults → BeginCreate (Service IP/port allocation) → ObjectMeta + kind
//   validation (422) → NamespaceLifecycle admission (404) → storage (409 AlreadyExists).
// Leaves out: authn/authz, other admission plugins, server-side apply field management.
import type { FieldError } from '../model/field';
import { goQuote } from '../model/field';
import type { Diagnostic, KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import { decodeObject } from './decode';
import { identOf, invalidDiagnostics, makeDiagnostic, type DiagnosticInit, type ObjectIdent, type ObjectSource } from './diagnostics';
import { kindInfo, type KindInfo } from './kinds';
import { validateObjectMeta, validateObjectMetaUpdate } from './validate/meta';
import { rec, type ApiWarning, type ValidationContext } from './validate/types';
import type { ServiceAllocator } from '../net/service-allocator';
import { patchAllocatedValues } from '../net/service-allocator';
import { generateSuffix } from './names-gen';

export interface StoredObject {
  key: ObjectKey;
  kind: string;
  namespace: string | null;
  name: string;
  /** The object as stored: defaulted, allocated, in wire shape. Never mutated after storing. */
  object: KubeObject;
  /** The document it came from; null for objects the cluster itself provides. */
  source: ObjectSource | null;
  system: boolean;
  /** False for kinds the playground keeps but does not simulate. */
  simulated: boolean;
}

export interface CreateEnv {
  ctx: ValidationContext;
  allocator: ServiceAllocator;
  seed: number;
  /** Objects stored so far, by key (creation order is the insertion order). */
  store: Map<ObjectKey, StoredObject>;
  diagnostics: Diagnostic[];
  /** Per-document results kept between loads of an edited text (create-cache.ts). */
  cache?: CreateCache;
}

/** The name kubectl's messages use for a kind's resource, e.g. `services "web" already exists`. */
const alreadyExists = (info: KindInfo, name: string): string => {
  const group = info.apiVersion.includes('/') ? `.${info.apiVersion.split('/')[0]}` : '';
  return `${info.resource}${group} ${goQuote(name)} already exists`;
};

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** What prepare() found wrong with an object: the decoding diagnostic, without its source. */
export type PrepareFailure = Omit<DiagnosticInit, 'source'>;

/**
 * The steps common to create and update up to (not including) kind validation: strict decode, a copy,
 * namespace scoping, generateName, defaults. Pure given its inputs (create-cache.ts keeps the result
 * per document object); `storeSize` matters only for an object named by generateName.
 */
export function prepareObject(raw: KubeObject, info: KindInfo, ctx: ValidationContext, seed: number, storeSize: number): { obj: KubeObject } | { failure: PrepareFailure } {
  const ident = identOf(raw);
  const decoded = decodeObject(raw, info.kind);
  if (decoded.problems.length > 0) {
    const version = info.apiVersion.split('/').pop();
    const msg = decoded.problems.map((p) => p.message).join(', ');
    const first = decoded.problems[0];
    return {
      failure: {
        ident,
        field: first.field,
        value: first.value,
        detail: msg,
        reason: 'BadRequest',
        code: 400,
        message: `${info.kind} in version ${goQuote(version ?? '')} cannot be handled as a ${info.kind}: ${msg}`,
      },
    };
  }
  const obj = clone(raw);
  const meta = (rec(obj.metadata) ?? {}) as NonNullable<KubeObject['metadata']>;
  obj.metadata = meta;
  if (info.namespaced) {
    if (!meta.namespace) meta.namespace = 'default';
  } else if (meta.namespace !== undefined) {
    // rest.BeforeCreate: cluster-scoped objects silently lose a namespace.
    delete meta.namespace;
  }
  if (!meta.name && typeof meta.generateName === 'string' && meta.generateName) {
    meta.name = meta.generateName + generateSuffix(seed, `${info.kind}/${meta.namespace ?? ''}/${meta.generateName}`, storeSize);
  }
  info.rules?.default?.(obj, ctx);
  return { obj };
}

function prepare(raw: KubeObject, info: KindInfo, source: ObjectSource | null, env: CreateEnv): KubeObject | null {
  const r = prepareObject(raw, info, env.ctx, env.seed, env.store.size);
  if ('obj' in r) return r.obj;
  env.diagnostics.push(makeDiagnostic({ ...r.failure, source }));
  return null;
}

function reject(env: CreateEnv, source: ObjectSource | null, ident: ObjectIdent, errs: FieldError[]): null {
  env.diagnostics.push(...invalidDiagnostics(source, ident, errs));
  return null;
}

/** An object's validation outcome: what to store, its errors, and the apiserver's warnings for it. */
export interface Validated {
  obj: KubeObject;
  errs: FieldError[];
  warnings(): ApiWarning[];
}

/** ObjectMeta + kind validation of a prepared (and, for a Service, allocated) object. */
export function validateCreate(obj: KubeObject, info: KindInfo, ctx: ValidationContext): Validated {
  let warnings: ApiWarning[] | null = null;
  return {
    obj,
    errs: [...validateObjectMeta(obj, { namespaced: info.namespaced, nameFn: info.nameFn }), ...(info.rules?.validate(obj, ctx) ?? [])],
    warnings: () => (warnings ??= info.rules?.warnings?.(obj, ctx) ?? []),
  };
}

/**
 * Results of the create path that depend only on an object's own text (create-cache.ts), so an edit
 * re-validates only the documents that changed. Everything that depends on other objects (allocation,
 * the namespace check, AlreadyExists) still runs for every object on every load.
 */
export interface CreateCache {
  /** createObject with cached parts; undefined when this object cannot be cached (run the plain path). */
  create(raw: KubeObject, info: KindInfo, source: ObjectSource | null, env: CreateEnv): StoredObject | null | undefined;
}

/** Create one object; returns what was stored, or null when it was rejected (diagnostics say why). */
export function createObject(raw: KubeObject, info: KindInfo, source: ObjectSource | null, env: CreateEnv): StoredObject | null {
  if (env.cache) {
    const cached = env.cache.create(raw, info, source, env);
    if (cached !== undefined) return cached;
  }
  const obj = prepare(raw, info, source, env);
  if (!obj) return null;
  return admitObject(obj, info, source, env, (o) => validateCreate(o, info, env.ctx));
}

/**
 * Store.Create after prepare: allocation (Services), validation, NamespaceLifecycle, AlreadyExists,
 * warnings. `validate` gets the prepared object once allocated and says what to store (create-cache.ts
 * hands back an equal object validated before).
 */
export function admitObject(obj: KubeObject, info: KindInfo, source: ObjectSource | null, env: CreateEnv, validate: (allocated: KubeObject) => Validated): StoredObject | null {
  const meta = obj.metadata!;
  const ident = identOf(obj);
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = info.namespaced ? (meta.namespace as string) : null;
  const key = objectKey(info.kind, namespace ?? undefined, name);

  if (info.kind === 'Service' && name) {
    const allocErrs = env.allocator.allocate(obj, key);
    if (allocErrs.length) return reject(env, source, ident, allocErrs);
  }
  const v = validate(obj);
  const release = () => {
    if (info.kind === 'Service' && name) env.allocator.release(obj);
  };
  if (v.errs.length) {
    release();
    return reject(env, source, ident, v.errs);
  }
  if (namespace && !env.store.has(objectKey('Namespace', undefined, namespace))) {
    release();
    env.diagnostics.push(
      makeDiagnostic({
        source,
        ident,
        field: 'metadata.namespace',
        value: namespace,
        reason: 'NotFound',
        code: 404,
        message: `namespaces ${goQuote(namespace)} not found`,
      }),
    );
    return null;
  }
  if (env.store.has(key)) {
    release();
    env.diagnostics.push(
      makeDiagnostic({ source, ident, field: 'metadata.name', value: name, reason: 'AlreadyExists', code: 409, message: alreadyExists(info, name) }),
    );
    return null;
  }
  for (const w of v.warnings()) {
    env.diagnostics.push(
      makeDiagnostic({ severity: 'warning', source, ident, field: w.field ?? null, reason: 'Warning', message: `Warning: ${w.message}` }),
    );
  }
  const stored: StoredObject = { key, kind: info.kind, namespace, name, object: v.obj, source, system: false, simulated: true };
  env.store.set(key, stored);
  return stored;
}

/**
 * Update one stored object with `kubectl apply` / PUT semantics: allocated values the new object
 * leaves out are carried over, then update validation runs.
 */
export function updateObject(raw: KubeObject, old: StoredObject, source: ObjectSource | null, env: CreateEnv): StoredObject | null {
  const info = kindInfo(old.kind)!;
  const obj = prepare(raw, info, source, env);
  if (!obj) return null;
  // PrepareForUpdate: status is not writable through the main resource; the old status stays.
  if (old.object.status !== undefined) obj.status = structuredClone(old.object.status);
  else delete obj.status;
  const ident = identOf(obj);
  let alloc: { errors: FieldError[]; commit(): void; revert(): void } | null = null;
  if (info.kind === 'Service') {
    patchAllocatedValues(obj, old.object);
    alloc = env.allocator.allocateUpdate(obj, old.object, old.key);
    if (alloc.errors.length) {
      alloc.revert();
      return reject(env, source, ident, alloc.errors);
    }
  }
  const errs = [
    ...validateObjectMetaUpdate(obj, old.object),
    ...(info.rules?.validateUpdate ? info.rules.validateUpdate(obj, old.object, env.ctx) : (info.rules?.validate(obj, env.ctx) ?? [])),
  ];
  if (errs.length) {
    alloc?.revert();
    return reject(env, source, ident, errs);
  }
  alloc?.commit();
  const stored: StoredObject = { ...old, object: obj, source };
  env.store.set(old.key, stored);
  return stored;
}

export { kindInfo };
