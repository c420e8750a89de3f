// The only import surface of the simulation core for everything outside src/core.
export type { Diagnostic, KubeObject, ObjectKey, SourceRange } from './model/types';
export { loadManifests, loadUpdate } from './cluster/load';
export type { LoadedCluster, ManifestFile, LoadOptions } from './cluster/load';
export type { StoredObject } from './manifest/registry';
export { ParseCache, parseManifest } from './manifest/parse';
export type { ParsedDocument } from './manifest/parse';
export { KINDS, kindInfo, resolveResource } from './manifest/kinds';
export type { Topology } from './cluster/topology';
export { CLUSTER_EPOCH, CLUSTER_EPOCH_MS } from './model/clock';
export { reconcile } from './cluster/reconcile';
export type { ReconcileOptions } from './cluster/reconcile';
export { ReconcileMemo } from './cluster/reconcile-memo';
export type { ClusterState, NodeState, PodState, ServiceState, EndpointState } from './cluster/state';
export { trace, TraceInputError } from './dataplane/trace';
export type { Trace, TraceRequest, Hop, Outcome } from './dataplane/types';
export { applyWarnings, appliedObjects } from './cluster/apply-warnings';
export * from './diagnose';
