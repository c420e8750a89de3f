// Manifest text → the API objects a cluster would hold after `kubectl apply -f` of every file in order,
// on top of what a fresh kind/kubeadm cluster already has. Pure: same files + seed → same result.
import { goQuote, invalid } from '../model/field';
import type { Diagnostic, KubeObject, ObjectKey } from '../model/types';
import { objectKey } from '../model/types';
import { identOf, invalidDiagnostics, makeDiagnostic, type ObjectSource } from '../manifest/diagnostics';
import { KIND_CLUSTER_API, kindInfo } from '../manifest/kinds';
import { ParseCache, parseManifest, type ParsedDocument } from '../manifest/parse';
import { createObject, updateObject, type CreateEnv, type StoredObject } from '../manifest/registry';
import { rec } from '../manifest/validate/types';
import { createServiceAllocator } from '../net/service-allocator';
import { CLUSTER_EPOCH } from '../model/clock';
import { deterministicUID } from '../model/uid';
import { completeNodes, defaultTopology, readKindConfig, type Topology } from './topology';
import { kindNodeObject, systemObjects } from './system';
import { madeBy, patchLoad } from './load-patch';

export interface ManifestFile {
  name: string | null;
  text: string;
}

export interface LoadOptions {
  seed?: number;
  /** Reuse between loads of an edited text: only changed documents are parsed again. */
  cache?: ParseCache;
  /** The last load of this file with this cache and seed: when one document changed in a way no other
   *  object can notice, only that document's objects are made again (load-patch.ts). */
  previous?: LoadedCluster;
}

export interface LoadedCluster {
  topology: Topology;
  /** Every stored object in creation order: the cluster's own first, then the manifests' in document order. */
  objects: StoredObject[];
  /** Accepted objects from the manifests, in document order. */
  userObjects: StoredObject[];
  diagnostics: Diagnostic[];
  documents: ParsedDocument[];
}

export interface Entry {
  raw: KubeObject;
  source: ObjectSource;
}

/** Every object of every document, with Lists unwrapped; non-objects reported as decoding errors. */
export function entriesOf(docs: ParsedDocument[], diagnostics: Diagnostic[]): Entry[] {
  const out: Entry[] = [];
  for (const doc of docs) {
    if (doc.error) {
      diagnostics.push(doc.error);
      continue;
    }
    const v = doc.value;
    if (v === null || v === undefined) continue; // kubectl skips empty documents
    const source: ObjectSource = { doc, itemPath: [] };
    const obj = rec(v);
    if (!obj) {
      const what = Array.isArray(v) ? 'array' : typeof v;
      diagnostics.push(
        makeDiagnostic({
          source,
          ident: { kind: null, namespace: null, name: null },
          value: v,
          reason: 'BadRequest',
          code: 400,
          message: `error decoding document ${doc.index}: json: cannot unmarshal ${what} into Go value of type map[string]interface {}`,
        }),
      );
      continue;
    }
    if (obj.kind === 'List' && (obj.apiVersion === 'v1' || obj.apiVersion === undefined) && Array.isArray(obj.items)) {
      obj.items.forEach((item, i) => {
        const r = rec(item);
        if (r) out.push({ raw: r as KubeObject, source: { doc, itemPath: ['items', i] } });
      });
      continue;
    }
    out.push({ raw: obj as KubeObject, source });
  }
  return out;
}

/** Values the text pins, which automatic allocation must avoid wherever they appear. */
export function pinnedValues(entries: Entry[]): { clusterIPs: Set<string>; nodePorts: Set<number> } {
  const clusterIPs = new Set<string>();
  const nodePorts = new Set<number>();
  for (const { raw } of entries) {
    if (raw.kind !== 'Service') continue;
    const spec = rec(raw.spec);
    if (!spec) continue;
    if (typeof spec.clusterIP === 'string') clusterIPs.add(spec.clusterIP);
    if (Array.isArray(spec.clusterIPs)) for (const ip of spec.clusterIPs) if (typeof ip === 'string') clusterIPs.add(ip);
    if (Array.isArray(spec.ports)) for (const p of spec.ports) if (typeof rec(p)?.nodePort === 'number') nodePorts.add(rec(p)!.nodePort as number);
    if (typeof spec.healthCheckNodePort === 'number') nodePorts.add(spec.healthCheckNodePort);
  }
  return { clusterIPs, nodePorts };
}

export function keyOfRaw(raw: KubeObject): ObjectKey | null {
  const info = typeof raw.kind === 'string' ? kindInfo(raw.kind) : undefined;
  const name = raw.metadata?.name;
  if (!info || typeof name !== 'string') return null;
  const ns = info.namespaced ? (typeof raw.metadata?.namespace === 'string' && raw.metadata.namespace ? raw.metadata.namespace : 'default') : undefined;
  return objectKey(info.kind, ns, name);
}

/** FillObjectMetaSystemFields: creation time and uid, unless pasted state already carries them. */
export function fillSystemFields(s: StoredObject, seed: number): void {
  const meta = rec(s.object.metadata);
  if (!s.simulated || !meta) return;
  if (!meta.creationTimestamp) meta.creationTimestamp = CLUSTER_EPOCH;
  if (!meta.uid) meta.uid = deterministicUID(`${seed}/${s.key}`);
}

export function loadManifests(files: ManifestFile[], opts: LoadOptions = {}): LoadedCluster {
  const seed = opts.seed ?? 1;
  const diagnostics: Diagnostic[] = [];
  const documents = files.flatMap((f) => parseManifest(f.text, f.name, opts.cache));
  if (opts.previous && opts.cache && files.length === 1) {
    const patched = patchLoad(opts.previous, documents, { file: files[0].name, seed, cache: opts.cache });
    if (patched) return patched;
  }
  const all = entriesOf(documents, diagnostics);

  // Topology: the first kind cluster config wins; Node objects alone define the nodes; else the default.
  const kindDocs = all.filter((e) => e.raw.kind === 'Cluster' && typeof e.raw.apiVersion === 'string' && e.raw.apiVersion.startsWith('kind.x-k8s.io/'));
  const entries = all.filter((e) => !kindDocs.includes(e));
  let topology: Topology;
  if (kindDocs.length) {
    const first = kindDocs[0];
    const ident = { kind: 'Cluster', namespace: null, name: typeof first.raw.name === 'string' ? first.raw.name : 'kind' };
    if (first.raw.apiVersion !== KIND_CLUSTER_API) {
      diagnostics.push(
        ...invalidDiagnostics(first.source, ident, [invalid('apiVersion', first.raw.apiVersion, `only ${KIND_CLUSTER_API} is supported`)]),
      );
    }
    const r = readKindConfig(first.raw);
    topology = r.topology;
    diagnostics.push(...invalidDiagnostics(first.source, ident, r.errors));
    for (const w of r.warnings) diagnostics.push(makeDiagnostic({ severity: 'warning', source: first.source, ident, field: w.field, reason: 'NotSimulated', message: w.message }));
    for (const extra of kindDocs.slice(1)) {
      diagnostics.push(makeDiagnostic({ severity: 'warning', source: extra.source, ident, reason: 'Ignored', message: 'only the first kind cluster config is used; this one is ignored' }));
    }
  } else {
    topology = defaultTopology(!entries.some((e) => e.raw.kind === 'Node'));
  }

  const pinned = pinnedValues(entries);
  const env: CreateEnv = {
    ctx: { net: topology.net },
    allocator: createServiceAllocator(topology.net, { seed, pinnedClusterIPs: pinned.clusterIPs, pinnedNodePorts: pinned.nodePorts }),
    seed,
    store: new Map(),
    diagnostics,
    // Documents whose text did not change since the last load keep their decoded, validated objects.
    cache: opts.cache?.created,
  };

  // The cluster's own objects, unless the text provides one of the same key (pasted state is adopted).
  const userKeys = new Set(entries.map((e) => keyOfRaw(e.raw)).filter((k): k is ObjectKey => k !== null));
  const builtIn = [...topology.nodes.map((n) => kindNodeObject(topology, n)), ...systemObjects(topology)];
  for (const obj of builtIn) {
    if (userKeys.has(keyOfRaw(obj)!)) continue;
    const stored = createObject(obj, kindInfo(obj.kind!)!, null, env);
    if (stored) stored.system = true;
  }

  const userObjects: StoredObject[] = [];
  for (const e of entries) {
    const stored = createUserObject(e, env);
    if (stored) userObjects.push(stored);
  }

  // Nodes get their podCIDRs and InternalIPs once every Node is known.
  const nodes = [...env.store.values()].filter((s) => s.kind === 'Node');
  const completed = completeNodes(topology, nodes.map((s) => s.object), seed);
  nodes.forEach((s, i) => (s.object = completed[i]));

  const objects = [...env.store.values()];
  for (const s of objects) fillSystemFields(s, seed);
  return madeBy({ topology, objects, userObjects, diagnostics: sortDiagnostics(diagnostics), documents }, { file: files.length === 1 ? files[0].name : undefined, seed, cache: opts.cache, pinned });
}

export function createUserObject(e: Entry, env: CreateEnv): StoredObject | null {
  const { raw, source } = e;
  const ident = identOf(raw);
  const problems: string[] = [];
  if (typeof raw.apiVersion !== 'string' || !raw.apiVersion) problems.push('apiVersion not set');
  if (typeof raw.kind !== 'string' || !raw.kind) problems.push('kind not set');
  if (problems.length) {
    env.diagnostics.push(
      makeDiagnostic({
        source,
        ident,
        field: problems[0].startsWith('apiVersion') ? 'apiVersion' : 'kind',
        reason: 'BadRequest',
        code: 400,
        message: `error validating data: [${problems.join(', ')}]`,
      }),
    );
    return null;
  }
  const info = kindInfo(raw.kind as string);
  if (!info) return keepUnsimulated(e, env);
  if (info.apiVersion !== raw.apiVersion) {
    env.diagnostics.push(
      makeDiagnostic({
        source,
        ident,
        field: 'apiVersion',
        value: raw.apiVersion,
        reason: 'NotFound',
        code: 404,
        message: `resource mapping not found for name: ${goQuote(ident.name ?? '')} namespace: ${goQuote(ident.namespace ?? '')} from ${goQuote(source.doc.file ?? 'manifest')}: no matches for kind ${goQuote(info.kind)} in version ${goQuote(raw.apiVersion as string)}; ensure CRDs are installed first (${info.kind} is served as ${info.apiVersion})`,
      }),
    );
    return null;
  }
  return createObject(raw, info, source, env);
}

/** Kinds the playground does not simulate are kept (and listed) but have no effect. */
function keepUnsimulated(e: Entry, env: CreateEnv): StoredObject | null {
  const { raw, source } = e;
  const ident = identOf(raw);
  const name = ident.name ?? '';
  const ns = ident.namespace;
  const key = objectKey(raw.kind as string, ns ?? undefined, name);
  env.diagnostics.push(
    makeDiagnostic({
      severity: 'warning',
      source,
      ident,
      field: 'kind',
      value: raw.kind,
      reason: 'NotSimulated',
      message: `${raw.kind} (${raw.apiVersion}) is not simulated: the object is kept but has no effect on traffic`,
    }),
  );
  if (env.store.has(key)) return null;
  const stored: StoredObject = { key, kind: raw.kind as string, namespace: ns, name, object: structuredClone(raw), source, system: false, simulated: false };
  env.store.set(key, stored);
  return stored;
}

export function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return d
    .map((x, i) => [x, i] as const)
    .sort(([a, i], [b, j]) => (a.file ?? '').localeCompare(b.file ?? '') || (a.document ?? -1) - (b.document ?? -1) || i - j)
    .map(([x]) => x);
}

/**
 * `validate -f OLD --update NEW`: NEW's objects replace OLD's same-named objects through update
 * validation (others are created). Returns the update's own diagnostics.
 */
export function loadUpdate(oldFiles: ManifestFile[], newFiles: ManifestFile[], opts: LoadOptions = {}): { old: LoadedCluster; diagnostics: Diagnostic[]; objects: StoredObject[] } {
  const seed = opts.seed ?? 1;
  const old = loadManifests(oldFiles, { seed });
  const diagnostics: Diagnostic[] = [];
  const docs = newFiles.flatMap((f) => parseManifest(f.text, f.name));
  const entries = entriesOf(docs, diagnostics);
  const store = new Map(old.objects.map((s) => [s.key, s]));
  const pinned = pinnedValues(entries);
  for (const s of old.objects) if (s.kind === 'Service') pinned.clusterIPs.add(String(rec(s.object.spec)?.clusterIP ?? ''));
  const env: CreateEnv = {
    ctx: { net: old.topology.net },
    allocator: createServiceAllocator(old.topology.net, { seed, pinnedClusterIPs: pinned.clusterIPs, pinnedNodePorts: pinned.nodePorts }),
    seed,
    store,
    diagnostics,
  };
  for (const s of old.objects) if (s.kind === 'Service') env.allocator.allocate(structuredClone(s.object), s.key);
  const objects: StoredObject[] = [];
  for (const e of entries) {
    const key = keyOfRaw(e.raw);
    const existing = key ? store.get(key) : undefined;
    const stored = existing && existing.simulated ? updateObject(e.raw, existing, e.source, env) : createUserObject(e, env);
    if (stored) objects.push(stored);
  }
  return { old, diagnostics: sortDiagnostics(diagnostics), objects };
}
