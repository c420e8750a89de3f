// Plain, JSON-shaped data shared across the core. Kubernetes objects stay in their wire shape
// (what `kubectl get -o json` prints) so that pasted cluster output and our output are the same thing.

/** A Kubernetes object as decoded from YAML: wire shape, loosely typed. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  resourceVersion?: string;
  [field: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Where something sits in the manifest text. Offsets are into the whole text; line/column from 1. */
export interface SourceRange {
  document: number;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning';

/**
 * One problem found in the manifests, in the shape `knp validate -o json` prints (plus the range).
 * `type` is the human error type ("Invalid value", "Required value", …) for field errors.
 */
export interface Diagnostic {
  severity: Severity;
  file: string | null;
  document: number | null;
  kind: string | null;
  namespace: string | null;
  name: string | null;
  field: string | null;
  type: string | null;
  value: unknown;
  detail: string | null;
  /** Invalid (422), BadRequest (400), AlreadyExists (409), YAMLSyntax, NotFound, Warning reasons … */
  reason: string;
  code: number | null;
  message: string;
  line: number | null;
  column: number | null;
  range?: SourceRange | null;
}

/** "Service/default/web", "Node//kind-worker" (cluster-scoped objects have an empty namespace). */
export type ObjectKey = string & { readonly __brand: 'ObjectKey' };

export function objectKey(kind: string, namespace: string | undefined, name: string): ObjectKey {
  return `${kind}/${namespace ?? ''}/${name}` as ObjectKey;
}
