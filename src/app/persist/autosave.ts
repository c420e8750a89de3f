// Where the page starts from, and keeping the user's work across reloads.
//
// Start: a share link (`#s=`) → `?example=SLUG` → the autosave → the `default` example. Opening a link
// or an example never silently replaces unsaved work: the autosave becomes the store's `previous`
// (one click restores it) and a notice says so. Anything unreadable gives a notice and falls through to
// the next source. Saving: text + actions + seed + view state, debounced and on `pagehide`; nothing is
// written until the user changes something, so merely opening a link leaves the autosave untouched.
import type { AppState, AppStore, Notice, Snapshot } from '../store';
import { EXAMPLE_TITLES, exampleText, isExampleSlug, type ExampleSlug } from '../examples';
import { decodeShare, shareFragment, snapshotFrom, type Decoded } from './share';
import { loadViewport } from './viewport';

export const AUTOSAVE_KEY = 'knp:autosave';
/** An autosave that could not be read is moved here rather than overwritten, so nothing is lost. */
export const UNREADABLE_KEY = 'knp:autosave:unreadable';
const DEBOUNCE_MS = 300;

export interface ViewState {
  positions: Record<string, { x: number; y: number }>;
  showSystem: boolean;
}

export interface Saved extends Snapshot {
  view: ViewState;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;
type LocationLike = Pick<Location, 'search' | 'hash'>;

export function browserStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // access itself throws when storage is disabled
  }
}

export function exampleSnapshot(slug: ExampleSlug): Snapshot {
  return { text: exampleText(slug), actions: [], seed: 1 };
}

export function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return a.text === b.text && a.seed === b.seed && a.actions.length === b.actions.length && a.actions.every((x, i) => x === b.actions[i]);
}

function viewFrom(v: unknown): ViewState {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const positions: ViewState['positions'] = {};
  if (typeof o.positions === 'object' && o.positions !== null) {
    for (const [id, p] of Object.entries(o.positions as Record<string, unknown>)) {
      const q = p as { x?: unknown; y?: unknown } | null;
      if (q && Number.isFinite(q.x) && Number.isFinite(q.y)) positions[id] = { x: q.x as number, y: q.y as number };
    }
  }
  return { positions, showSystem: o.showSystem === true };
}

/** null: nothing saved. Errors name what is wrong, for the notice. */
export function readAutosave(storage: StorageLike | null): Decoded<Saved> | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(AUTOSAVE_KEY) ?? null;
  } catch {
    return null;
  }
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'it is not valid JSON' };
  }
  const snap = snapshotFrom(value);
  if (!snap.ok) return snap;
  return { ok: true, value: { ...snap.value, view: viewFrom((value as { view?: unknown }).view) } };
}

export function savedRecord(s: Pick<AppState, 'text' | 'actions' | 'seed' | 'positions' | 'showSystem'>): string {
  return JSON.stringify({ v: 1, text: s.text, actions: s.actions, seed: s.seed, view: { positions: s.positions, showSystem: s.showSystem } });
}

/** What initialSnapshot decided that the store can only take once it exists (see startAutosave). */
interface Boot {
  previous: AppState['previous'];
  view: ViewState | null;
  /** the `#s=` fragment could not be read: take it out of the address so a reload does not repeat it */
  dropLink: boolean;
}
const NO_BOOT: Boot = { previous: null, view: null, dropLink: false };
let boot: Boot = NO_BOOT;

export function initialSnapshot(location: LocationLike, storage: StorageLike | null = browserStorage()): { snapshot: Snapshot; notice: Notice | null } {
  const notes: string[] = [];
  let kind: Notice['kind'] = 'info';
  boot = { ...NO_BOOT };

  const saved = readAutosave(storage);
  if (saved && !saved.ok) {
    kind = 'error';
    notes.push(`Your autosaved work could not be read (${saved.error}); it was set aside.`);
    try {
      storage?.setItem(UNREADABLE_KEY, storage.getItem(AUTOSAVE_KEY) ?? '');
    } catch {
      // keeping a copy is a courtesy; a full storage must not stop the page
    }
  }
  const autosave = saved?.ok ? saved.value : null;

  let chosen: { snapshot: Snapshot; label: string } | null = null;
  let badLink: string | null = null;
  const payload = shareFragment(location.hash);
  if (payload !== null) {
    const d = decodeShare(payload);
    if (d.ok) chosen = { snapshot: d.value, label: 'before opening the link' };
    else {
      badLink = `This share link is damaged or incomplete: ${d.error}.`;
      boot.dropLink = true;
    }
  }
  if (!chosen) {
    const asked = new URLSearchParams(location.search).get('example');
    if (asked !== null && isExampleSlug(asked)) {
      chosen = { snapshot: exampleSnapshot(asked), label: 'before opening the example' };
    } else if (asked !== null) {
      if (badLink) notes.push(badLink);
      badLink = null;
      notes.push(`There is no example called “${asked}”; showing the starter cluster instead.`);
      kind = 'error';
      chosen = { snapshot: exampleSnapshot('default'), label: 'before opening the example' };
    }
  }
  if (badLink) {
    kind = 'error';
    const fallback = chosen ? 'the example instead' : autosave ? 'your autosaved work instead' : `the ${EXAMPLE_TITLES.default.toLowerCase()} instead`;
    notes.push(`${badLink} Showing ${fallback}.`);
  }

  let snapshot: Snapshot;
  let offerRestore = false;
  if (chosen) {
    snapshot = chosen.snapshot;
    if (autosave && !sameSnapshot(autosave, snapshot)) {
      const { view: _view, ...work } = autosave;
      boot.previous = { ...work, label: chosen.label };
      notes.push('Your unsaved work from before is one click away.');
      offerRestore = true;
    }
  } else if (autosave) {
    const { view, ...work } = autosave;
    snapshot = work;
    boot.view = view;
  } else {
    snapshot = exampleSnapshot('default');
  }
  return { snapshot, notice: notes.length ? { kind, text: notes.join(' '), ...(offerRestore ? { offerRestore } : {}) } : null };
}

/** Leave `?example=` in the address only while it still describes what is shown, and drop a consumed `#s=`. */
function syncUrl(win: Window, s: Snapshot | null): void {
  const url = new URL(win.location.href);
  const slug = url.searchParams.get('example');
  let changed = false;
  if (s && slug !== null && (!isExampleSlug(slug) || !sameSnapshot(s, exampleSnapshot(slug)))) {
    url.searchParams.delete('example');
    changed = true;
  }
  if (shareFragment(url.hash) !== null) {
    url.hash = '';
    changed = true;
  }
  if (changed) win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
}

export interface AutosaveOptions {
  storage?: StorageLike | null;
  win?: Window;
}

export function startAutosave(store: AppStore, opts: AutosaveOptions = {}): () => void {
  const storage = opts.storage === undefined ? browserStorage() : opts.storage;
  const win = opts.win ?? window;
  const pending = boot;
  boot = NO_BOOT;
  if (pending.dropLink) syncUrl(win, null);
  if (pending.previous) store.setState({ previous: pending.previous });
  if (pending.view) store.setState({ positions: pending.view.positions, showSystem: pending.view.showSystem });
  // The pan and zoom come back only with the autosaved work they belong to (persist/viewport.ts).
  loadViewport(pending.view !== null, storage);
  // window.__knp.store: for end-to-end tests and debugging (other modules add their own entries).
  const hooks = win as unknown as { __knp?: Record<string, unknown> };
  hooks.__knp = { ...hooks.__knp, store };

  let timer: ReturnType<typeof setTimeout> | null = null;
  let quotaNoticeShown = false;
  const write = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!storage) return;
    try {
      storage.setItem(AUTOSAVE_KEY, savedRecord(store.getState()));
      quotaNoticeShown = false;
    } catch (e) {
      if (quotaNoticeShown) return;
      quotaNoticeShown = true;
      const why = e instanceof Error && e.name === 'QuotaExceededError' ? 'the browser storage for this site is full' : 'the browser refused to store it';
      store.getState().setNotice({ kind: 'error', text: `Autosave failed: ${why}. Your work is still on this page; use Export → Download manifests to keep a copy.` });
    }
  };
  const flush = () => {
    if (timer !== null) write();
  };
  const unsubscribe = store.subscribe((s, prev) => {
    const docChanged = s.text !== prev.text || s.actions !== prev.actions || s.seed !== prev.seed;
    if (!docChanged && s.positions === prev.positions && s.showSystem === prev.showSystem) return;
    if (docChanged) syncUrl(win, s);
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(write, DEBOUNCE_MS);
  });
  const onHidden = () => {
    if (win.document.visibilityState === 'hidden') flush();
  };
  win.addEventListener('pagehide', flush);
  win.document.addEventListener('visibilitychange', onHidden);
  return () => {
    flush();
    unsubscribe();
    win.removeEventListener('pagehide', flush);
    win.document.removeEventListener('visibilitychange', onHidden);
  };
}
