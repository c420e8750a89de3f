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
