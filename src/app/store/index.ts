// The app's one store (zustand, slices pattern). The YAML text is the only writable document; the
// runtime-action log and the seed complete the shareable state; everything else is derived from those
// three, inside the same `set`, so no subscriber ever sees text and cluster out of step.
import { create } from 'zustand';
import { ParseCache, loadManifests, reconcile, type ClusterState, type Diagnostic, type LoadedCluster, type ObjectKey } from '../../core';

export type TextOrigin = 'editor' | 'diagram' | 'example' | 'share' | 'import' | 'restore' | 'autosave';

export interface Snapshot {
  text: string;
  actions: string[];
  seed: number;
}

export interface Derived {
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

export type AppState = DocumentSlice & DerivedSlice & ViewSlice;

const cache = new ParseCache();

export function derive(s: Snapshot): Derived {
  const loaded = loadManifests([{ name: 'cluster.yaml', text: s.text }], { seed: s.seed, cache });
  const cluster = reconcile(loaded, { seed: s.seed, actions: s.actions });
  const diagnostics = [...loaded.diagnostics, ...cluster.diagnostics];
  return { loaded, cluster, diagnostics, broken: loaded.diagnostics.some((d) => d.reason === 'YAMLSyntax') };
}

function withDerived(s: Snapshot, prev: Pick<AppState, 'lastGood'> | null): Pick<AppState, 'derived' | 'lastGood'> {
  const derived = derive(s);
  return { derived, lastGood: derived.broken && prev ? prev.lastGood : derived };
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
      set({ text, origin, externalVersion: origin === 'editor' ? s.externalVersion : s.externalVersion + 1, ...withDerived(snap, s) });
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
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
