import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { AppState, AppStore, Notice } from '../store';
import { exampleText } from '../examples';
import { AUTOSAVE_KEY, initialSnapshot, savedRecord, startAutosave, UNREADABLE_KEY } from './autosave';
import { encodeShare } from './share';
import { restoredViewport, VIEWPORT_KEY } from './viewport';

class MemoryStorage {
  map = new Map<string, string>();
  full = false;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    this.map.set(k, v);
  }
}

const work = { text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\n', actions: ['delete pod/default/mine'], seed: 7 };
const linked = { text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: shared\n', actions: [], seed: 3 };
const view = { positions: { 'Node//kind-worker': { x: 10, y: 20 } }, showSystem: true };
const saved = savedRecord({ ...work, ...view });

function storageWith(value?: string) {
  const s = new MemoryStorage();
  if (value !== undefined) s.map.set(AUTOSAVE_KEY, value);
  return s;
}

describe('initialSnapshot: where the page starts', () => {
  it.each([
    // precedence: share link → ?example= → autosave → default example
    { name: 'nothing: the default example', search: '', hash: '', stored: undefined, want: exampleText('default'), notice: null },
    { name: 'autosave only: restored quietly', search: '', hash: '', stored: saved, want: work.text, notice: null },
    { name: 'example without autosave', search: '?example=nodeport', hash: '', stored: undefined, want: exampleText('nodeport'), notice: null },
    { name: 'share link without autosave', search: '', hash: `#s=${encodeShare(linked)}`, stored: undefined, want: linked.text, notice: null },
    { name: 'share link beats ?example=', search: '?example=nodeport', hash: `#s=${encodeShare(linked)}`, stored: undefined, want: linked.text, notice: null },
    { name: 'example over different autosave: offers Restore', search: '?example=nodeport', hash: '', stored: saved, want: exampleText('nodeport'), notice: { kind: 'info', text: /one click away/, offerRestore: true } },
    { name: 'share link over different autosave: offers Restore', search: '', hash: `#s=${encodeShare(linked)}`, stored: saved, want: linked.text, notice: { kind: 'info', text: /one click away/, offerRestore: true } },
    { name: 'example equal to the autosave: nothing to restore', search: '?example=nodeport', hash: '', stored: savedRecord({ text: exampleText('nodeport'), actions: [], seed: 1, positions: {}, showSystem: false }), want: exampleText('nodeport'), notice: null },
    { name: 'invalid share link, falls back to the autosave', search: '', hash: '#s=garbage!!', stored: saved, want: work.text, notice: { kind: 'error', text: /share link is damaged.*autosaved work instead/ } },
    { name: 'invalid share link, falls back to ?example=', search: '?example=nodeport', hash: '#s=garbage!!', stored: undefined, want: exampleText('nodeport'), notice: { kind: 'error', text: /share link is damaged.*example instead/ } },
    { name: 'invalid share link, nothing else: default', search: '', hash: '#s=', stored: undefined, want: exampleText('default'), notice: { kind: 'error', text: /share link is damaged.*starter cluster instead/ } },
    { name: 'unknown example (exact text checked by e2e/shell.spec.ts)', search: '?example=nope', hash: '', stored: undefined, want: exampleText('default'), notice: { kind: 'error', text: /^There is no example called “nope”; showing the starter cluster instead\.$/ } },
    { name: 'corrupted autosave (not JSON): default + error', search: '', hash: '', stored: '{"v":1,', want: exampleText('default'), notice: { kind: 'error', text: /autosaved work could not be read \(it is not valid JSON\)/ } },
    { name: 'corrupted autosave (wrong shape): default + error', search: '', hash: '', stored: '{"v":1,"text":3}', want: exampleText('default'), notice: { kind: 'error', text: /manifest text is missing/ } },
    { name: 'corrupted autosave under an example: example + error', search: '?example=clusterip', hash: '', stored: 'null', want: exampleText('clusterip'), notice: { kind: 'error', text: /could not be read/ } },
  ])('$name', ({ search, hash, stored, want, notice }) => {
    const r = initialSnapshot({ search, hash }, storageWith(stored));
    expect(r.snapshot.text).toBe(want);
    if (notice === null) expect(r.notice).toBeNull();
    else {
      expect(r.notice?.kind).toBe(notice.kind);
      expect(r.notice?.text).toMatch(notice.text);
      expect(Boolean(r.notice?.offerRestore)).toBe(Boolean(notice.offerRestore));
    }
  });

  it('keeps an unreadable autosave aside instead of losing it', () => {
    const s = storageWith('{broken');
    initialSnapshot({ search: '', hash: '' }, s);
    expect(s.map.get(UNREADABLE_KEY)).toBe('{broken');
  });

  it('works without storage at all (disabled in the browser)', () => {
    expect(initialSnapshot({ search: '', hash: '' }, null).snapshot.text).toBe(exampleText('default'));
  });
});

function fakeStore(initial: { text: string; actions: string[]; seed: number }): AppStore {
  return create<Partial<AppState>>()((set) => ({
    ...initial,
    previous: null,
    positions: {},
    showSystem: false,
    notice: null,
    setNotice: (n: Notice | null) => set({ notice: n }),
  })) as unknown as AppStore;
}

function fakeWindow(href: string) {
  const listeners = new Map<string, () => void>();
  const win = {
    location: { href },
    history: {
      state: null,
      replaceState(_s: unknown, _t: string, url: string) {
        win.location.href = new URL(url, win.location.href).href;
      },
    },
    addEventListener: (t: string, f: () => void) => listeners.set(t, f),
    removeEventListener: (t: string) => listeners.delete(t),
    document: { visibilityState: 'visible', addEventListener: () => {}, removeEventListener: () => {} },
  };
  return { win: win as unknown as Window, listeners, href: () => win.location.href };
}

describe('startAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands the store the autosave as `previous` and its view state, from initialSnapshot', () => {
    const s = storageWith(saved);
    const { snapshot } = initialSnapshot({ search: '?example=nodeport', hash: '' }, s);
    const store = fakeStore(snapshot);
    startAutosave(store, { storage: s, win: fakeWindow('http://x/?example=nodeport').win });
    expect(store.getState().previous).toMatchObject({ ...work, label: 'before opening the example' });

    const s2 = storageWith(saved);
    const store2 = fakeStore(initialSnapshot({ search: '', hash: '' }, s2).snapshot);
    startAutosave(store2, { storage: s2, win: fakeWindow('http://x/').win });
    expect(store2.getState().positions).toEqual(view.positions);
    expect(store2.getState().showSystem).toBe(true);
  });

  it.each([
    // the pan/zoom belongs to the autosaved scene: restored with it, never over an example or a link
    { name: 'autosave: restored', search: '', want: { x: 1, y: 2, zoom: 0.5 } },
    { name: 'example over the autosave: fitted instead', search: '?example=nodeport', want: null },
  ])('viewport at start-up, $name', ({ search, want }) => {
    const s = storageWith(saved);
    s.map.set(VIEWPORT_KEY, JSON.stringify({ x: 1, y: 2, zoom: 0.5 }));
    const store = fakeStore(initialSnapshot({ search, hash: '' }, s).snapshot);
    startAutosave(store, { storage: s, win: fakeWindow(`http://x/${search}`).win });
    expect(restoredViewport()).toEqual(want);
  });

  it('writes nothing until something changes, then debounces, and flushes on pagehide', () => {
    const s = storageWith();
    const store = fakeStore(work);
    const w = fakeWindow('http://x/');
    startAutosave(store, { storage: s, win: w.win });
    vi.advanceTimersByTime(1000);
    expect(s.map.has(AUTOSAVE_KEY)).toBe(false);
    store.setState({ text: 'a: 1\n' });
    vi.advanceTimersByTime(100);
    expect(s.map.has(AUTOSAVE_KEY)).toBe(false);
    vi.advanceTimersByTime(300);
    expect(JSON.parse(s.map.get(AUTOSAVE_KEY)!)).toMatchObject({ v: 1, text: 'a: 1\n', actions: work.actions, seed: 7 });
    store.setState({ showSystem: true, positions: { n: { x: 1, y: 2 } } });
    w.listeners.get('pagehide')!();
    expect(JSON.parse(s.map.get(AUTOSAVE_KEY)!).view).toEqual({ positions: { n: { x: 1, y: 2 } }, showSystem: true });
  });

  it('a full storage gives one notice, never a throw', () => {
    const s = storageWith();
    s.full = true;
    const store = fakeStore(work);
    startAutosave(store, { storage: s, win: fakeWindow('http://x/').win });
    store.setState({ text: 'b: 2\n' });
    expect(() => vi.advanceTimersByTime(400)).not.toThrow();
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: expect.stringMatching(/storage for this site is full/) });
  });

  it.each([
    { name: 'editing an example drops ?example= so a reload restores the edit', href: 'http://x/?example=nodeport', next: { text: 'edited' }, want: 'http://x/' },
    { name: 'a consumed share link is dropped on the first change', href: `http://x/#s=${encodeShare(linked)}`, next: { text: 'edited' }, want: 'http://x/' },
    { name: 'view-only changes keep the address', href: 'http://x/?example=nodeport', next: { showSystem: true }, want: 'http://x/?example=nodeport' },
  ])('$name', ({ href, next, want }) => {
    const w = fakeWindow(href);
    const store = fakeStore({ text: exampleText('nodeport'), actions: [], seed: 1 });
    startAutosave(store, { storage: storageWith(), win: w.win });
    store.setState(next);
    expect(w.href()).toBe(want);
  });

  it('drops an invalid share link from the address at start', () => {
    initialSnapshot({ search: '', hash: '#s=bad' }, storageWith());
    const w = fakeWindow('http://x/#s=bad');
    startAutosave(fakeStore(work), { storage: storageWith(), win: w.win });
    expect(w.href()).toBe('http://x/');
  });
});
