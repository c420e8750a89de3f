// The contract every per-kind rule module implements. The registry (manifest/registry.ts) runs, per
// object in document order, the same steps kube-apiserver runs on create:
//   decode (strict) → default → ObjectMeta validation → BeginCreate (allocation) → kind validation.
import type { FieldError } from '../../model/field';
import type { KubeObject } from '../../model/types';

export interface ClusterNetConfig {
  /** e.g. "10.96.0.0/12" (kubeadm's default) */
  serviceSubnet: string;
  /** e.g. "10.244.0.0/16" */
  podSubnet: string;
  /** --service-node-port-range, default 30000-32767 → {base: 30000, size: 2768} */
  nodePortRange: { base: number; size: number };
  /** "cluster.local" */
  clusterDomain: string;
}

export interface ValidationContext {
  net: ClusterNetConfig;
}

/** An apiserver warning (returned in the Warning header; kubectl prints "Warning: …"). */
export interface ApiWarning {
  field?: string;
  message: string;
}

export interface KindRules {
  /** SetDefaults_* for this kind, applied in place to the caller's own copy of the object. */
  default?(obj: KubeObject, ctx: ValidationContext): void;
  /** ValidateXxx minus ValidateObjectMeta (the registry runs that first, as upstream does). */
  validate(obj: KubeObject, ctx: ValidationContext): FieldError[];
  /** ValidateXxxUpdate minus ValidateObjectMetaUpdate; both objects are defaulted. */
  validateUpdate?(newObj: KubeObject, oldObj: KubeObject, ctx: ValidationContext): FieldError[];
  /** Warnings the apiserver returns for an accepted object (pkg/api/<kind>/warnings.go). */
  warnings?(obj: KubeObject, ctx: ValidationContext): ApiWarning[];
}

/** `obj.spec` etc. as a plain record, or undefined if it is not an object. */
export function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
