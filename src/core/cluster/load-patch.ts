// A load of an edited text that makes again only the edited document's objects, when nothing the
// others went through can have noticed the edit. Exactly the answer of a full load (the tests compare
// them edit by edit); anything this file cannot prove unnoticed goes the full way.
//
// Why the others cannot notice: load.ts creates objects one after another, and an object's outcome
// depends on the objects before it only through the store (AlreadyExists, the namespace check, the
// store size a generateName suffix counts), the Service allocator (addresses taken, addresses the text
// pins), the topology (the kind config, Nodes) and which built-in objects the text replaces (by key).
// So the patch requires: one document changed, with the same number of lines (every other document's
// lines and diagnostics stay put) and no syntax error before or after; its objects keep their keys,
// in order, and are no kind config, Node or Namespace; the addresses it pins are the same; and each of
// its Services is allocated the same values as before, so the allocator leaves it as it did.
import type { Diagnostic, ObjectKey } from '../model/types';
import type { ObjectSource } from '../manifest/diagnostics';
import type { ParseCache, ParsedDocument } from '../manifest/parse';
import type { CreateEnv, StoredObject } from '../manifest/registry';
import { namedByGenerator } from '../manifest/create-cache';
import { allocatedValues, allocationCopy, createServiceAllocator } from '../net/service-allocator';
import { createUserObject, entriesOf, fillSystemFields, keyOfRaw, pinnedValues, sortDiagnostics, type Entry, type LoadedCluster } from './load';

interface Made {
  file: string | null | undefined;
  seed: number;
  cache: ParseCache | undefined;
  /** the addresses the whole text pins (a patched document pins the same ones, so they carry over) */
  pinned?: Pinned;
}

type Pinned = ReturnType<typeof pinnedValues>;

/** How each load was made (a patch must use the same file name, seed and cache). */
const made = new WeakMap<LoadedCluster, Made>();

/** Patched loads (tests). */
export const patchStats = { patched: 0 };

export function madeBy(loaded: LoadedCluster, how: Made): LoadedCluster {
  made.set(loaded, how);
  return loaded;
}

/** Kinds whose objects other objects' creation reads (topology, nodes, namespaces): never patched. */
const SHARED = new Set(['Cluster', 'Node', 'Namespace']);

const lines = (t: string): number => {
  let n = 0;
  for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) n++;
  return n;
};

const sameSet = <T>(a: Set<T>, b: Set<T>): boolean => a.size === b.size && [...a].every((x) => b.has(x));

/** The entries of one document, or null when it is one the patch leaves to a full load. */
function patchableEntries(doc: ParsedDocument): { entries: Entry[]; keys: (ObjectKey | null)[] } | null {
  if (doc.error) return null;
  const diagnostics: Diagnostic[] = [];
  const entries = entriesOf([doc], diagnostics);
  if (diagnostics.length) return null;
  const keys = entries.map((e) => keyOfRaw(e.raw));
  for (const e of entries) if (SHARED.has(String(e.raw.kind)) || namedByGenerator(e.raw)) return null;
  return { entries, keys };
}

export function patchLoad(prev: LoadedCluster, documents: ParsedDocument[], how: Made): LoadedCluster | null {
  const m = made.get(prev);
  if (!m?.pinned || m.file !== how.file || m.seed !== how.seed || m.cache !== how.cache) return null;
  const old = prev.documents;
  if (old.length !== documents.length) return null;
  let at = -1;
  for (let i = 0; i < old.length; i++) {
    if (old[i].text === documents[i].text) continue;
    if (at !== -1) return null;
    at = i;
  }
  if (at === -1) {
    patchStats.patched++;
    return madeBy(rebased(prev, documents, null, [], []), { ...how, pinned: m.pinned });
  }
  const a = old[at];
  const b = documents[at];
  if (lines(a.text) !== lines(b.text)) return null;
  const before = patchableEntries(a);
  const after = patchableEntries(b);
  if (!before || !after || before.keys.length !== after.keys.length || before.keys.some((k, i) => k === null || k !== after.keys[i])) return null;
  const pinnedBefore = pinnedValues(before.entries);
  const pinnedAfter = pinnedValues(after.entries);
  if (!sameSet(pinnedBefore.clusterIPs, pinnedAfter.clusterIPs) || !sameSet(pinnedBefore.nodePorts, pinnedAfter.nodePorts)) return null;

  // The store and the allocator as a full load has them when it reaches this document: every object
  // stored before it, every Service among those holding its addresses, and the text's pinned values.
  const from = (s: StoredObject) => (s.source ? s.source.doc.index : -1);
  let start = 0;
  while (start < prev.objects.length && from(prev.objects[start]) < at) start++;
  let end = start;
  while (end < prev.objects.length && from(prev.objects[end]) === at) end++;
  const pinned = m.pinned;
  const env: CreateEnv = {
    ctx: { net: prev.topology.net },
    allocator: createServiceAllocator(prev.topology.net, { seed: how.seed, pinnedClusterIPs: pinned.clusterIPs, pinnedNodePorts: pinned.nodePorts }),
    seed: how.seed,
    store: new Map(),
    diagnostics: [],
    cache: how.cache?.created,
  };
  for (let i = 0; i < start; i++) {
    const s = prev.objects[i];
    env.store.set(s.key, s);
    if (s.kind === 'Service' && s.simulated && env.allocator.allocate(allocationCopy(s.object), s.key).length) return null;
  }
  const fresh: StoredObject[] = [];
  for (const e of after.entries) {
    const s = createUserObject(e, env);
    if (s) fresh.push(s);
  }
  // The same objects stored (by key) and each Service with the addresses it had: nothing after it can tell.
  const was = prev.objects.slice(start, end);
  if (fresh.length !== was.length) return null;
  for (let i = 0; i < fresh.length; i++) {
    if (fresh[i].key !== was[i].key || fresh[i].kind !== was[i].kind) return null;
    if (fresh[i].kind !== 'Service' || !fresh[i].simulated) continue;
    const values = allocatedValues(fresh[i].object);
    if (values === null || values !== allocatedValues(was[i].object)) return null;
  }
  for (const s of fresh) fillSystemFields(s, how.seed);
  patchStats.patched++;
  return madeBy(rebased(prev, documents, { at, start, end }, fresh, env.diagnostics), { ...how, pinned });
}

/** `prev` with its sources pointing into `documents`, and the objects and diagnostics of document `at` replaced. */
function rebased(prev: LoadedCluster, documents: ParsedDocument[], change: { at: number; start: number; end: number } | null, made: StoredObject[], diagnostics: Diagnostic[]): LoadedCluster {
  const moved = new Map<StoredObject, StoredObject>();
  const move = (s: StoredObject): StoredObject => {
    if (!s.source || s.source.doc === documents[s.source.doc.index]) return s;
    let t = moved.get(s);
    if (!t) moved.set(s, (t = { ...s, source: { doc: documents[s.source.doc.index], itemPath: s.source.itemPath } satisfies ObjectSource }));
    return t;
  };
  const objects = change ? [...prev.objects.slice(0, change.start).map(move), ...made, ...prev.objects.slice(change.end).map(move)] : prev.objects.map(move);
  const userObjects: StoredObject[] = [];
  let placed = !change;
  for (const s of prev.userObjects) {
    const doc = s.source?.doc.index ?? -1;
    if (change && doc === change.at) continue;
    if (!placed && doc > change!.at) {
      userObjects.push(...made);
      placed = true;
    }
    userObjects.push(move(s));
  }
  if (!placed) userObjects.push(...made);
  const file = documents[0]?.file ?? null;
  const kept = change ? prev.diagnostics.filter((d) => !(d.document === change.at && (d.file ?? null) === file)) : prev.diagnostics;
  return { topology: prev.topology, objects, userObjects, diagnostics: change ? sortDiagnostics([...kept, ...diagnostics]) : kept, documents };
}
