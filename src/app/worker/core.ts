// Text + actions + seed → everything the views show. Pure (core only, no zustand or DOM): the store runs
// it on the main thread (unit tests, the CLI, the first paint, commands) and derive.worker.ts runs the
// very same code in a Worker for typing and pastes.
import { applyWarnings, appliedObjects, ParseCache, ReconcileMemo, loadManifests, reconcile, trace, type ClusterState, type Diagnostic, type LoadedCluster, type StoredObject, type Trace, type TraceRequest } from '../../core';

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
/** And reconciles it without re-running the workload controllers when no workload changed. */
const memo = new ReconcileMemo();
/** The last load here: an edit of one document re-makes only that document's objects (load-patch.ts). */
let lastLoaded: LoadedCluster | undefined;

/** The part of a derivation the next edit's warnings depend on: what was loaded and what a live cluster now holds. */
export function loadStep(s: Snapshot, prevApplied?: Map<string, StoredObject>): { loaded: LoadedCluster; broken: boolean; applied: Map<string, StoredObject> } {
  const loaded = loadManifests([{ name: 'cluster.yaml', text: s.text }], { seed: s.seed, cache, previous: lastLoaded });
  lastLoaded = loaded;
  const broken = loaded.diagnostics.some((d) => d.reason === 'YAMLSyntax');
  const before = prevApplied ?? new Map<string, StoredObject>();
  return { loaded, broken, applied: broken ? before : appliedObjects(before, loaded) };
}

/** Both objects were made from the same text: the same document text and the same item in it. */
function sameSource(a: StoredObject, b: StoredObject): boolean {
  const x = a.source;
  const y = b.source;
  if (!x || !y) return false;
  return x.doc.text === y.doc.text && x.itemPath.length === y.itemPath.length && x.itemPath.every((seg, i) => seg === y.itemPath[i]);
}

/**
 * applyWarnings, given only the objects that may have changed. It compares each object's decoded text
 * with its previous version's (JSON of both, for every object, every edit); an object from the same
 * document text (and List item) as before is equal without looking (the same text decodes the same),
 * so only the others go in, and the answer is the same. Document texts are compared, not decoded values:
 * the previous state may have come from the worker, whose values are parsed only when read.
 */
function editWarnings(previous: Map<string, StoredObject>, loaded: LoadedCluster, seed: number): Diagnostic[] {
  const maybe = loaded.userObjects.filter((o) => {
    const p = previous.get(o.key);
    return p !== undefined && !sameSource(p, o);
  });
  return maybe.length ? applyWarnings(previous, { ...loaded, userObjects: maybe }, seed) : [];
}

/** Text + actions + seed → everything shown. `prev` (the last good derivation) adds the warnings for
 *  edits a real `kubectl apply` would reject. */
export function derive(s: Snapshot, prev?: Pick<Derived, 'applied'>): Derived {
  const { loaded, broken, applied } = loadStep(s, prev?.applied);
  const cluster = reconcile(loaded, { seed: s.seed, actions: s.actions, memo });
  const apply = prev && !broken ? editWarnings(prev.applied, loaded, s.seed) : [];
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
