// The app's one store (zustand, slices pattern). The YAML text is the only writable document; the
// runtime-action log and the seed complete the shareable state; everything else is derived from those
// three, inside the same `set`, so no subscriber ever sees text and cluster out of step.
import { create } from 'zustand';
import { applyWarnings, appliedObjects, ParseCache, loadManifests, reconcile, trace, type ClusterState, type Diagnostic, type Hop, type LoadedCluster, type ObjectKey, type StoredObject, type Trace, type TraceRequest } from '../../core';

export type TextOrigin = 'editor' | 'diagram' | 'example' | 'share' | 'import' | 'restore' | 'autosave';

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
}

export interface DocumentSlice extends Snapshot {
  origin: TextOrigin;
  /** bumps on every text change that did not come from typing, so the editor applies it as an edit */
  externalVersion: number;
  /** what was there before the last example/share/import replaced it: one click restores it */
  previous: (Snapshot & { label: string }) | null;
  setManifestText(text: string, origin: TextOrigin): void;
  replaceAll(next: Snapshot, origin: TextOrigin, label: string): void;
  restorePrevious(): void;
  addAction(a: string): void;
  removeAction(i: number): void;
  clearActions(): void;
}

export interface DerivedSlice {
  derived: Derived;
  /** the last derivation whose text parsed, shown (dimmed) while the text is broken */
  lastGood: Derived;
}

export interface ViewSlice {
  selection: ObjectKey | null;
  /** where the selection came from, so the editor does not jump while the user types */
  selectionSource: 'diagram' | 'editor' | 'list' | null;
  select(key: ObjectKey | null, source: ViewSlice['selectionSource']): void;
  positions: Record<string, { x: number; y: number }>;
  setPosition(id: string, pos: { x: number; y: number }): void;
  showSystem: boolean;
  setShowSystem(v: boolean): void;
  /** A message where the user is looking (bad share link, restored autosave, example opened). */
  notice: Notice | null;
  setNotice(n: Notice | null): void;
}

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  /** offer the one-click restore of `previous` */
  offerRestore?: boolean;
}

/** Traffic: the request being watched, its trace, and the playback cursor (issue: watching traffic). */
export interface TrafficSlice {
  request: TraceRequest | null;
  /** the trace of `request` against the current cluster (re-run when the cluster changes) */
  traffic: Trace | null;
  /** the trace of the same request before the last edit, for the what-if comparison */
  previousTraffic: Trace | null;
  trafficError: string | null;
  /** index into the flattened hop list (request hops, then reply hops); -1 = not started */
  cursor: number;
  playing: boolean;
  /** 0.25 – 4 */
  speed: number;
  sendRequest(req: TraceRequest): void;
  setCursor(i: number): void;
  setPlaying(p: boolean): void;
  setSpeed(x: number): void;
  clearTraffic(): void;
}

export type AppState = DocumentSlice & DerivedSlice & ViewSlice & TrafficSlice;

/** Hops in playback order: the request path, then the reply path. */
export function playbackHops(t: Trace | null): Hop[] {
  return t ? [...t.hops, ...t.reply.hops] : [];
}

function runTrace(cluster: ClusterState, req: TraceRequest): { traffic: Trace | null; trafficError: string | null } {
  try {
    return { traffic: trace(cluster, req), trafficError: null };
  } catch (e) {
    return { traffic: null, trafficError: e instanceof Error ? e.message : String(e) };
  }
}

const cache = new ParseCache();

/** Text + actions + seed → everything shown. `prev` (the last good derivation) adds the warnings for
 *  edits a real `kubectl apply` would reject. */
export function derive(s: Snapshot, prev?: Derived): Derived {
  const loaded = loadManifests([{ name: 'cluster.yaml', text: s.text }], { seed: s.seed, cache });
  const cluster = reconcile(loaded, { seed: s.seed, actions: s.actions });
  const broken = loaded.diagnostics.some((d) => d.reason === 'YAMLSyntax');
  const before = prev?.applied ?? new Map<string, StoredObject>();
  const apply = prev && !broken ? applyWarnings(before, loaded, s.seed) : [];
  const diagnostics = [...loaded.diagnostics, ...apply, ...cluster.diagnostics];
  return { applied: broken ? before : appliedObjects(before, loaded), loaded, cluster, diagnostics, broken };
}

function withDerived(s: Snapshot, prev: Pick<AppState, 'lastGood' | 'request' | 'traffic'> | null, isEdit = false): Pick<AppState, 'derived' | 'lastGood'> & Partial<TrafficSlice> {
  const derived = derive(s, isEdit ? prev?.lastGood : undefined);
  const out: Pick<AppState, 'derived' | 'lastGood'> & Partial<TrafficSlice> = { derived, lastGood: derived.broken && prev ? prev.lastGood : derived };
  // The watched request is replayed against the new state; the old trace stays for the what-if view.
  if (prev?.request && !derived.broken) Object.assign(out, { previousTraffic: prev.traffic, ...runTrace(derived.cluster, prev.request), cursor: -1, playing: false });
  return out;
}

export function createAppStore(initial: Snapshot) {
  return create<AppState>()((set, get) => ({
    ...initial,
    origin: 'example',
    externalVersion: 0,
    previous: null,
    ...withDerived(initial, null),
    setManifestText(text, origin) {
      const s = get();
      if (text === s.text) return;
      const snap = { text, actions: s.actions, seed: s.seed };
      const isEdit = origin === 'editor' || origin === 'diagram';
      set({ text, origin, externalVersion: origin === 'editor' ? s.externalVersion : s.externalVersion + 1, ...withDerived(snap, s, isEdit) });
    },
    replaceAll(next, origin, label) {
      const s = get();
      const previous = s.text === next.text && s.actions.join('\n') === next.actions.join('\n') ? s.previous : { text: s.text, actions: s.actions, seed: s.seed, label };
      set({ ...next, origin, previous, selection: null, externalVersion: s.externalVersion + 1, ...withDerived(next, s) });
    },
    restorePrevious() {
      const s = get();
      if (!s.previous) return;
      const { label: _label, ...snap } = s.previous;
      set({ ...snap, origin: 'restore', previous: { text: s.text, actions: s.actions, seed: s.seed, label: 'the version you just left' }, externalVersion: s.externalVersion + 1, ...withDerived(snap, s) });
    },
    addAction(a) {
      const s = get();
      const actions = [...s.actions, a];
      set({ actions, ...withDerived({ text: s.text, actions, seed: s.seed }, s) });
    },
    removeAction(i) {
      const s = get();
      const actions = s.actions.filter((_, j) => j !== i);
      set({ actions, ...withDerived({ text: s.text, actions, seed: s.seed }, s) });
    },
    clearActions() {
      const s = get();
      set({ actions: [], ...withDerived({ text: s.text, actions: [], seed: s.seed }, s) });
    },
    selection: null,
    selectionSource: null,
    select(key, source) {
      set({ selection: key, selectionSource: source });
    },
    positions: {},
    setPosition(id, pos) {
      set({ positions: { ...get().positions, [id]: pos } });
    },
    showSystem: false,
    setShowSystem(v) {
      set({ showSystem: v });
    },
    notice: null,
    setNotice(n) {
      set({ notice: n });
    },
    request: null,
    traffic: null,
    previousTraffic: null,
    trafficError: null,
    cursor: -1,
    playing: false,
    speed: 1,
    sendRequest(req) {
      const s = get();
      const cluster = (s.derived.broken ? s.lastGood : s.derived).cluster;
      set({ request: req, previousTraffic: null, ...runTrace(cluster, req), cursor: -1, playing: true });
    },
    setCursor(i) {
      const n = playbackHops(get().traffic).length;
      set({ cursor: Math.max(-1, Math.min(i, n - 1)) });
    },
    setPlaying(p) {
      set({ playing: p });
    },
    setSpeed(x) {
      set({ speed: Math.max(0.25, Math.min(4, x)) });
    },
    clearTraffic() {
      set({ request: null, traffic: null, previousTraffic: null, trafficError: null, cursor: -1, playing: false });
    },
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
