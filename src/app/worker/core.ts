// Text + actions + seed → everything the views show. Pure (core only, no zustand or DOM): the store runs
// it on the main thread (unit tests, the CLI, the first paint, commands) and derive.worker.ts runs the
// very same code in a Worker for typing and pastes.
import { applyWarnings, appliedObjects, ParseCache, loadManifests, reconcile, trace, type ClusterState, type Diagnostic, type LoadedCluster, type StoredObject, type Trace, type TraceRequest } from '../../core';

export interface Snapshot {
  text: string;
  actions: string[];
  seed: number;
}

export interface Derived {
  /** the last accepted version of every object applied so far (what a live cluster would hold) */
  applied: Map<string, StoredObject>;
  loaded: LoadedCluster;
  cluster: ClusterState;
  diagnostics: Diagnostic[];
  /** the text has YAML syntax errors: views show `lastGood`, dimmed */
  broken: boolean;
  /** Problems counted but left out of `diagnostics` (a huge broken paste; see worker/protocol.ts). */
  omitted?: ProblemCounts;
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
}

/** One cache per thread: an edit re-parses only the documents whose text changed. */
const cache = new ParseCache();

/** The part of a derivation the next edit's warnings depend on: what was loaded and what a live cluster now holds. */
export function loadStep(s: Snapshot, prevApplied?: Map<string, StoredObject>): { loaded: LoadedCluster; broken: boolean; applied: Map<string, StoredObject> } {
  const loaded = loadManifests([{ name: 'cluster.yaml', text: s.text }], { seed: s.seed, cache });
  const broken = loaded.diagnostics.some((d) => d.reason === 'YAMLSyntax');
  const before = prevApplied ?? new Map<string, StoredObject>();
  return { loaded, broken, applied: broken ? before : appliedObjects(before, loaded) };
}

/** Text + actions + seed → everything shown. `prev` (the last good derivation) adds the warnings for
 *  edits a real `kubectl apply` would reject. */
export function derive(s: Snapshot, prev?: Pick<Derived, 'applied'>): Derived {
  const { loaded, broken, applied } = loadStep(s, prev?.applied);
  const cluster = reconcile(loaded, { seed: s.seed, actions: s.actions });
  const apply = prev && !broken ? applyWarnings(prev.applied, loaded, s.seed) : [];
  const diagnostics = [...loaded.diagnostics, ...apply, ...cluster.diagnostics];
  return { applied, loaded, cluster, diagnostics, broken };
}

export interface TrafficResult {
  traffic: Trace | null;
  trafficError: string | null;
}

/** The watched request's trace against a cluster, or why it could not be traced. */
export function runTrace(cluster: ClusterState, req: TraceRequest): TrafficResult {
  try {
    return { traffic: trace(cluster, req), trafficError: null };
  } catch (e) {
    return { traffic: null, trafficError: e instanceof Error ? e.message : String(e) };
  }
}
