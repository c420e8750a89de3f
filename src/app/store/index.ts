// The app's one store (zustand, slices pattern). The YAML text is the only writable document; the
// runtime-action log and the seed complete the shareable state; everything else is derived from those
// three. By default the derivation runs inside the same `set` (unit tests, the CLI), so no subscriber
// ever sees text and cluster out of step. The page hands in an AsyncDeriver (worker/client.ts): the text
// then changes at once, `deriving` is true until the worker answers, and the views keep showing the last
// derived state meanwhile; answers for a text that has changed since are dropped (`docVersion`).
import { create } from 'zustand';
import type { Hop, ObjectKey, Trace, TraceRequest } from '../../core';
import { derive, runTrace, type Derived, type Snapshot, type TrafficResult } from '../worker/core';
import { minimalEdit } from '../editor/sync';

export { derive };
export type { Derived, Snapshot };

export type TextOrigin = 'editor' | 'diagram' | 'example' | 'share' | 'import' | 'restore' | 'autosave';

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
  /** bumps with every change of text, actions or seed */
  docVersion: number;
  /** the docVersion `derived` was made from: behind docVersion while `deriving` */
  derivedVersion: number;
  /** a derivation is under way off the main thread; `derived` still shows the previous state */
  deriving: boolean;
  /** why the last derivation did not finish (too slow, worker crashed); the views keep the last state */
  deriveFailure: string | null;
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
  /** While the page is idle: measure what an edit costs here (see createAppStore). */
  calibrate(): void;
}

export type AppState = DocumentSlice & DerivedSlice & ViewSlice & TrafficSlice;

/** Hops in playback order: the request path, then the reply path. */
export function playbackHops(t: Trace | null): Hop[] {
  return t ? [...t.hops, ...t.reply.hops] : [];
}

/** One derivation request for an AsyncDeriver. */
export interface DeriveJob {
  /** the docVersion of `snap` */
  version: number;
  snap: Snapshot;
  /** editor and diagram origins: warn where `kubectl apply` of the edit would be rejected */
  isEdit: boolean;
  /** the watched request, to re-trace against the new cluster */
  request: TraceRequest | null;
  /** the version of the store's `lastGood` when the job was made (the `prev` of an edit) */
  lastGoodVersion: number;
}

export interface DeriveAnswer {
  version: number;
  derived: Derived;
  /** null: the store's own lastGood stays; 'derived': the derivation is its own last good one */
  lastGood: { version: number; derived: Derived | 'derived' } | null;
  /** the trace of `job.request`, if there was one and the text parsed */
  traffic: TrafficResult | null;
  /** milliseconds the derivation took where it ran */
  ms: number;
}

export interface DeriveHandlers {
  answer(a: DeriveAnswer): void;
  /** the derivation of `version` did not finish */
  fail(version: number, message: string): void;
  /** where a fresh deriver continues the apply chain from: the store's last good derivation */
  chainBase(): { version: number; derived: Derived };
}

/** Derivation off the main thread (worker/client.ts). */
export interface AsyncDeriver {
  connect(h: DeriveHandlers): void;
  /** derive; the answer comes through `answer` (or never, when a newer job supersedes it) */
  derive(job: DeriveJob): void;
  /** the store derived `job` itself: keep the deriver's apply chain the same */
  adopt(job: DeriveJob): void;
  /**
   * Typing that is quick to derive is derived on the main thread (see quickEdit below) when the last
   * edit's derivation took at most this long, wherever it ran. Absent: every edit goes to the deriver.
   */
  quickEditMs?: number;
}

export interface StoreOptions {
  /** Absent: every change is derived synchronously inside `set`. */
  deriver?: AsyncDeriver;
  /** With a deriver, derive the initial snapshot off the main thread too (the views start empty). */
  asyncFirst?: boolean;
  /** The clock derivations are timed with (tests). */
  now?: () => number;
}

/** A quick edit changes at most this many characters (a keystroke, a word, a pasted line). */
export const QUICK_EDIT_CHARS = 2000;

/** How many characters an edit from `a` to `b` replaces or inserts at most (the minimal edit's span). */
export function editSpan(a: string, b: string): number {
  const e = minimalEdit(a, b);
  return e ? Math.max(e.end - e.start, e.text.length) : 0;
}

export interface QuickEditFacts {
  /** the deriver's quickEditMs (undefined: never) */
  limit: number | undefined;
  /** a derivation is under way in the deriver */
  deriving: boolean;
  /** what the next edit's derivation should cost, from the last edits' (ms) */
  cost: number;
  /** since the last derivation on the main thread ended (ms) */
  idleMs: number;
  /** characters the edit replaces or inserts */
  span: number;
}

/**
 * Derive an editor edit on the main thread? Only a small edit (a keystroke, not a paste of many
 * documents) of a text whose last edits derived within the deriver's limit, with nothing in flight,
 * and not while typing outpaces derivation (the main thread was busy deriving more recently than one
 * derivation's time ago): the deriver takes those, superseding as it goes, and the editor stays free.
 */
export function isQuickEdit(f: QuickEditFacts): boolean {
  if (f.limit === undefined || f.deriving || !(f.cost <= f.limit)) return false;
  return f.idleMs >= f.cost && f.span <= QUICK_EDIT_CHARS;
}

/** calibrate() runs only for a text whose whole derivation took at most this long (ms): it costs about
 *  an edit, but an edit of a 5 MB text still re-reads every document. */
const CALIBRATE_UP_TO_MS = 1500;

/** How many derivations ran on the main thread (the e2e test checks that typing runs none). */
export const mainThreadDerivations = { count: 0 };

type Prev = Pick<AppState, 'lastGood' | 'request' | 'traffic'>;

function withDerived(s: Snapshot, prev: Prev | null, isEdit = false): Pick<AppState, 'derived' | 'lastGood'> & Partial<TrafficSlice> {
  mainThreadDerivations.count++;
  const derived = derive(s, isEdit ? prev?.lastGood : undefined);
  const out: Pick<AppState, 'derived' | 'lastGood'> & Partial<TrafficSlice> = { derived, lastGood: derived.broken && prev ? prev.lastGood : derived };
  // The watched request is replayed against the new state; the old trace stays for the what-if view.
  if (prev?.request && !derived.broken) Object.assign(out, { previousTraffic: prev.traffic, ...runTrace(derived.cluster, prev.request), cursor: -1, playing: false });
  return out;
}

const EMPTY: Snapshot = { text: '', actions: [], seed: 1 };

export function createAppStore(initial: Snapshot, opts: StoreOptions = {}) {
  const deriver = opts.deriver ?? null;
  const now = opts.now ?? (() => performance.now());
  /** the docVersion `lastGood` was derived from (the deriver's chain is keyed by it) */
  let lastGoodVersion = 0;
  /** the request the job in flight re-traces (its trace is used only if it is still the watched one) */
  let jobRequest: TraceRequest | null = null;
  /** How long the last three derivations of edits took, wherever they ran (an edit re-parses only what
   *  changed, so the next edit costs about as much; the fastest of three, so a garbage collection or a
   *  busy machine does not send typing back and forth); when the last derivation here ended; the edit
   *  last sent to the deriver. */
  let editCosts = [Number.POSITIVE_INFINITY];
  let hereEnded = Number.NEGATIVE_INFINITY;
  let sentEdit = -1;
  const editCost = (ms: number) => {
    editCosts = [...editCosts.slice(-2), ms];
  };

  function quickEdit(s: AppState, text: string): boolean {
    const facts = { limit: deriver?.quickEditMs, deriving: s.deriving, cost: Math.min(...editCosts), idleMs: now() - hereEnded, span: 0 };
    // the span last: it reads both texts
    return isQuickEdit({ ...facts, span: 0 }) && isQuickEdit({ ...facts, span: editSpan(s.text, text) });
  }

  const store = create<AppState>()((set, get) => {
    /** Derive here and now; an async deriver repeats it (adopt) so its chain stays the same. */
    function here(snap: Snapshot, s: AppState | null, isEdit: boolean, version: number): Pick<AppState, 'derived' | 'lastGood' | 'docVersion' | 'derivedVersion' | 'deriving' | 'deriveFailure'> & Partial<TrafficSlice> {
      const base = lastGoodVersion;
      const t0 = now();
      const out = withDerived(snap, s, isEdit);
      hereEnded = now();
      // A whole text derived here bounds what an edit of it will cost (an edit re-makes at most every
      // object): so the first keystroke after the page loads need not go through the worker.
      if (isEdit || editCosts.length === 1) editCost(hereEnded - t0);
      if (out.lastGood === out.derived) lastGoodVersion = version;
      deriver?.adopt({ version, snap, isEdit, request: null, lastGoodVersion: base });
      return { ...out, docVersion: version, derivedVersion: version, deriving: false, deriveFailure: null };
    }

    /** A new snapshot. Commands (diagram origin, runtime actions) read the result at once (`atOnce`), and
     *  quick edits are derived at once too. */
    function update(snap: Snapshot, s: AppState, isEdit: boolean, atOnce: boolean): Partial<AppState> {
      const version = s.docVersion + 1;
      if (!deriver || atOnce) return here(snap, s, isEdit, version);
      jobRequest = s.request;
      if (isEdit) sentEdit = version;
      deriver.derive({ version, snap, isEdit, request: s.request, lastGoodVersion });
      return { docVersion: version, deriving: true };
    }

    const first: ReturnType<typeof here> =
      deriver && opts.asyncFirst
        ? (() => {
            // Something to draw until the worker answers: the cluster of an empty text (its nodes).
            const empty = withDerived(EMPTY, null);
            deriver.derive({ version: 1, snap: initial, isEdit: false, request: null, lastGoodVersion: 0 });
            return { ...empty, docVersion: 1, derivedVersion: 0, deriving: true, deriveFailure: null };
          })()
        : here(initial, null, false, 0);

    return {
      ...initial,
      origin: 'example',
      externalVersion: 0,
      previous: null,
      ...first,
      setManifestText(text, origin) {
        const s = get();
        if (text === s.text) return;
        const snap = { text, actions: s.actions, seed: s.seed };
        const isEdit = origin === 'editor' || origin === 'diagram';
        const atOnce = origin === 'diagram' || (origin === 'editor' && quickEdit(s, text));
        set({ text, origin, externalVersion: origin === 'editor' ? s.externalVersion : s.externalVersion + 1, ...update(snap, s, isEdit, atOnce) });
      },
      replaceAll(next, origin, label) {
        const s = get();
        const previous = s.text === next.text && s.actions.join('\n') === next.actions.join('\n') ? s.previous : { text: s.text, actions: s.actions, seed: s.seed, label };
        set({ ...next, origin, previous, selection: null, externalVersion: s.externalVersion + 1, ...update(next, s, false, false) });
      },
      restorePrevious() {
        const s = get();
        if (!s.previous) return;
        const { label: _label, ...snap } = s.previous;
        set({ ...snap, origin: 'restore', previous: { text: s.text, actions: s.actions, seed: s.seed, label: 'the version you just left' }, externalVersion: s.externalVersion + 1, ...update(snap, s, false, false) });
      },
      addAction(a) {
        const s = get();
        const actions = [...s.actions, a];
        set({ actions, ...update({ text: s.text, actions, seed: s.seed }, s, false, true) });
      },
      removeAction(i) {
        const s = get();
        const actions = s.actions.filter((_, j) => j !== i);
        set({ actions, ...update({ text: s.text, actions, seed: s.seed }, s, false, true) });
      },
      clearActions() {
        const s = get();
        set({ actions: [], ...update({ text: s.text, actions: [], seed: s.seed }, s, false, true) });
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
      calibrate() {
        // An edit of one document, derived the way a keystroke is (one cached parse per document, the
        // load patch, the reconcile memo) and then undone: the last `---` line gets a trailing space,
        // which changes that document's text but nothing it means. The undo's time is what the next edit
        // will cost, so the first keystroke is derived here when that is quick, and both warm the path
        // up. The results equal the state shown and are dropped (not counted as derivations).
        const s = get();
        if (!deriver || deriver.quickEditMs === undefined || s.deriving || s.derived.broken || s.lastGood !== s.derived || Math.min(...editCosts) > CALIBRATE_UP_TO_MS) return;
        const snap = { text: s.text, actions: s.actions, seed: s.seed };
        const marker = s.text.lastIndexOf('\n---\n');
        if (marker !== -1) derive({ ...snap, text: `${s.text.slice(0, marker + 4)} ${s.text.slice(marker + 4)}` }, s.lastGood);
        const t0 = now();
        derive(snap, s.lastGood);
        hereEnded = now();
        editCost(hereEnded - t0);
      },
      clearTraffic() {
        set({ request: null, traffic: null, previousTraffic: null, trafficError: null, cursor: -1, playing: false });
      },
    };
  });

  deriver?.connect({
    answer(a) {
      if (a.version === sentEdit) editCost(a.ms);
      const s = store.getState();
      if (a.version !== s.docVersion) return; // the text changed since: a newer answer is on its way
      let lastGood = s.lastGood;
      if (!a.derived.broken || a.lastGood?.derived === 'derived') {
        lastGood = a.derived;
        lastGoodVersion = a.version;
      } else if (a.lastGood) {
        lastGood = a.lastGood.derived as Derived;
        lastGoodVersion = a.lastGood.version;
      }
      const out: Partial<AppState> = { derived: a.derived, lastGood, derivedVersion: a.version, deriving: false, deriveFailure: null };
      if (s.request && !a.derived.broken) {
        const t = a.traffic && jobRequest === s.request ? a.traffic : runTrace(a.derived.cluster, s.request);
        Object.assign(out, { previousTraffic: s.traffic, ...t, cursor: -1, playing: false });
      }
      const omitted = a.derived.omitted;
      if (omitted && !s.derived.omitted) {
        const total = a.derived.diagnostics.length + omitted.errors + omitted.warnings;
        out.notice = { kind: 'error', text: `This text has ${total.toLocaleString('en-US')} problems; only the first ${a.derived.diagnostics.length.toLocaleString('en-US')} are listed. Fix those first, or undo the paste (Ctrl+Z) to get your manifests back.` };
      }
      store.setState(out);
    },
    fail(version, message) {
      if (version !== store.getState().docVersion) return;
      store.setState({ deriving: false, deriveFailure: message, notice: { kind: 'error', text: message } });
    },
    chainBase() {
      return { version: lastGoodVersion, derived: store.getState().lastGood };
    },
  });
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
