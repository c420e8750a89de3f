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
import { identOf, invalidDiagnostics, makeDiagnostic, type ObjectIdent, type ObjectSource } from './diagnostics';
import { kindInfo, type KindInfo } from './kinds';
import { validateObjectMeta, validateObjectMetaUpdate } from './validate/meta';
import { rec, type ValidationContext } from './validate/types';
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
}

/** The name kubectl's messages use for a kind's resource, e.g. `services "web" already exists`. */
const alreadyExists = (info: KindInfo, name: string): string => {
  const group = info.apiVersion.includes('/') ? `.${info.apiVersion.split('/')[0]}` : '';
  return `${info.resource}${group} ${goQuote(name)} already exists`;
};

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** Apply the steps common to create and update up to (not including) kind validation. */
function prepare(raw: KubeObject, info: KindInfo, source: ObjectSource | null, env: CreateEnv): KubeObject | null {
  const ident = identOf(raw);
  const decoded = decodeObject(raw, info.kind);
  if (decoded.problems.length > 0) {
    const version = info.apiVersion.split('/').pop();
    const msg = decoded.problems.map((p) => p.message).join(', ');
    const first = decoded.problems[0];
    env.diagnostics.push(
      makeDiagnostic({
        source,
        ident,
        field: first.field,
        value: first.value,
        detail: msg,
        reason: 'BadRequest',
        code: 400,
        message: `${info.kind} in version ${goQuote(version ?? '')} cannot be handled as a ${info.kind}: ${msg}`,
      }),
    );
    return null;
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
    meta.name = meta.generateName + generateSuffix(env.seed, `${info.kind}/${meta.namespace ?? ''}/${meta.generateName}`, env.store.size);
  }
  info.rules?.default?.(obj, env.ctx);
  return obj;
}

function reject(env: CreateEnv, source: ObjectSource | null, ident: ObjectIdent, errs: FieldError[]): null {
  env.diagnostics.push(...invalidDiagnostics(source, ident, errs));
  return null;
}

/** Create one object; returns what was stored, or null when it was rejected (diagnostics say why). */
export function createObject(raw: KubeObject, info: KindInfo, source: ObjectSource | null, env: CreateEnv): StoredObject | null {
  const obj = prepare(raw, info, source, env);
  if (!obj) return null;
  const meta = obj.metadata!;
  const ident = identOf(obj);
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = info.namespaced ? (meta.namespace as string) : null;
  const key = objectKey(info.kind, namespace ?? undefined, name);

  if (info.kind === 'Service' && name) {
    const allocErrs = env.allocator.allocate(obj, key);
    if (allocErrs.length) return reject(env, source, ident, allocErrs);
  }
  const errs = [
    ...validateObjectMeta(obj, { namespaced: info.namespaced, nameFn: info.nameFn }),
    ...(info.rules?.validate(obj, env.ctx) ?? []),
  ];
  const release = () => {
    if (info.kind === 'Service' && name) env.allocator.release(obj);
  };
  if (errs.length) {
    release();
    return reject(env, source, ident, errs);
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
  for (const w of info.rules?.warnings?.(obj, env.ctx) ?? []) {
    env.diagnostics.push(
      makeDiagnostic({ severity: 'warning', source, ident, field: w.field ?? null, reason: 'Warning', message: `Warning: ${w.message}` }),
    );
  }
  const stored: StoredObject = { key, kind: info.kind, namespace, name, object: obj, source, system: false, simulated: true };
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
