// Quick edits (store/index.ts isQuickEdit): small editor edits of a text that derives fast are derived
// on the main thread, the rest by the worker; either way the store ends up exactly where a store
// deriving everything synchronously does, and the worker's apply chain stays in step.
import { describe, expect, it } from 'vitest';
import { exampleText } from '../examples';
import { createAppStore, isQuickEdit, mainThreadDerivations, QUICK_EDIT_CHARS, type AppState, type QuickEditFacts, type Snapshot } from '../store';
import { rig } from './fake-worker';

const snap = (text: string): Snapshot => ({ text, actions: [], seed: 1 });
const pinned = (ip: string, port = 80) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: pinned\nspec:\n  clusterIP: ${ip}\n  selector:\n    app: web\n  ports:\n  - port: ${port}\n`;
const base = `${exampleText('default')}---\n${pinned('10.96.0.50')}`;
/** More than QUICK_EDIT_CHARS of manifests: a paste. */
const bulk = Array.from({ length: 30 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: bulk-${i}\nspec:\n  selector:\n    app: web\n  ports:\n  - port: ${1000 + i}\n`).join('---\n');

/** What the views read, comparable between two stores. */
const view = (s: AppState) => ({
  text: s.text,
  broken: s.derived.broken,
  diagnostics: s.derived.diagnostics.map((d) => `${d.severity} ${d.reason} ${d.line}:${d.column} ${d.message}`),
  services: s.derived.cluster.services.map((v) => `${v.name} ${v.clusterIP} ${v.ports.map((p) => `${p.port}/${p.nodePort}`).join(',')}`),
  pods: s.derived.cluster.pods.map((p) => `${p.name} ${p.nodeName} ${p.ip} ${p.ready}`),
  lastGood: s.lastGood.cluster.services.map((v) => `${v.name} ${v.ports.map((p) => p.port).join(',')}`),
});

describe('isQuickEdit: which editor edits are derived on the main thread', () => {
  const ok: QuickEditFacts = { limit: 80, deriving: false, cost: 40, idleMs: 500, span: 1 };
  it.each<{ name: string; facts: Partial<QuickEditFacts>; quick: boolean }>([
    { name: 'a keystroke in a text whose last edits derived within the limit', facts: {}, quick: true },
    { name: 'no limit given by the deriver: always the worker', facts: { limit: undefined }, quick: false },
    { name: 'the worker is deriving: the edit queues behind it (and may supersede a waiting one)', facts: { deriving: true }, quick: false },
    { name: 'the last edits took longer than the limit', facts: { cost: 81 }, quick: false },
    { name: 'no edit derived yet (the first paint is no guide)', facts: { cost: Number.POSITIVE_INFINITY }, quick: false },
    { name: 'typing outpaces derivation: the main thread derived less than one derivation ago', facts: { idleMs: 39 }, quick: false },
    { name: 'a paste of many documents', facts: { span: QUICK_EDIT_CHARS + 1 }, quick: false },
    { name: 'a pasted line or word', facts: { span: QUICK_EDIT_CHARS }, quick: true },
  ])('$name', ({ facts, quick }) => {
    expect(isQuickEdit({ ...ok, ...facts })).toBe(quick);
  });
});

describe('quick edits give the same state as the synchronous store', () => {
  /** A store with a worker that lets small edits derive here; the clock moves 1 s between edits. */
  function setup() {
    const clock = { t: 0 };
    const r = rig(snap(base), { quickEditMs: 1e9, storeNow: () => clock.t });
    r.settle();
    const sync = createAppStore(snap(base));
    const edit = (text: string) => {
      clock.t += 1000;
      for (const st of [sync, r.store]) st.getState().setManifestText(text, 'editor');
    };
    return { r, sync, edit };
  }

  it('the page derived the whole text quickly, so keystrokes derive here from the first one, and the worker keeps the chain', () => {
    const { r, sync, edit } = setup();
    edit(base.replace('port: 80\n', 'port: 8\n'));
    expect(r.store.getState().deriving).toBe(false); // the first derivation bounds an edit's cost
    r.settle();
    expect(view(r.store.getState())).toEqual(view(sync.getState()));
    const before = mainThreadDerivations.count;
    const texts = ['port: 81\n', 'port: 810\n', 'port: 81\n'].map((p) => base.replace('port: 80\n', p));
    for (const text of texts) {
      edit(text);
      expect(r.store.getState().deriving).toBe(false); // derived at once, here
      expect(view(r.store.getState())).toEqual(view(sync.getState()));
    }
    expect(mainThreadDerivations.count - before).toBe(2 * texts.length); // this store's and the sync store's
    // a changed clusterIP (ApplyWouldFail against the chain), then broken YAML, then a big paste: the
    // worker, which only adopted the quick edits, answers exactly as the synchronous store does
    edit(`${exampleText('default')}---\n${pinned('10.96.0.51')}`);
    edit(`${exampleText('default')}---\n${pinned('10.96.0.51')}---\nkind: [\n`);
    r.settle();
    expect(view(r.store.getState())).toEqual(view(sync.getState()));
    const paste = `${exampleText('default')}---\n${pinned('10.96.0.52')}---\n${bulk}`;
    edit(paste);
    expect(r.store.getState().deriving).toBe(true); // too big to be a quick edit
    r.settle();
    expect(view(r.store.getState())).toEqual(view(sync.getState()));
    expect(r.store.getState().derived.diagnostics.some((d) => d.reason === 'ApplyWouldFail')).toBe(true);
  });

  it('an edit while the worker derives goes to the worker too, and the answers land in order', () => {
    const { r, sync, edit } = setup();
    edit(base.replace('port: 80\n', 'port: 8\n'));
    r.settle();
    edit(base.replace('port: 80\n', 'port: 81\n')); // quick
    edit(`${base.replace('port: 80\n', 'port: 81\n')}---\n${bulk}`); // big: the worker
    edit(`${base.replace('port: 80\n', 'port: 82\n')}---\n${bulk}`); // small, but the worker is busy
    expect(r.store.getState().deriving).toBe(true);
    r.settle();
    expect(r.store.getState().deriving).toBe(false);
    expect(view(r.store.getState())).toEqual(view(sync.getState()));
  });

  it('a slow first derivation sends the first edit to the worker, unless calibrate() measured an edit here since', () => {
    const clock = { t: 0, step: 300 };
    const tick = () => (clock.t += clock.step);
    // Every reading of the clock moves it on by `step`: a derivation here "takes" about that long.
    const slow = rig(snap(base), { quickEditMs: 100, storeNow: tick });
    slow.settle();
    slow.store.getState().setManifestText(base.replace('port: 80\n', 'port: 8\n'), 'editor');
    expect(slow.store.getState().deriving).toBe(true); // 300 ms for the whole text: too slow to risk here
    slow.settle();

    const fast = rig(snap(base), { quickEditMs: 100, storeNow: tick });
    fast.settle();
    const shown = fast.store.getState().derived;
    clock.step = 10;
    fast.store.getState().calibrate();
    expect(fast.store.getState().derived).toBe(shown); // a measurement, not a new state
    clock.t += 1000;
    fast.store.getState().setManifestText(base.replace('port: 80\n', 'port: 8\n'), 'editor');
    expect(fast.store.getState().deriving).toBe(false); // derived here at once
    expect(fast.store.getState().derived.cluster.services.some((x) => x.ports.some((p) => p.port === 8))).toBe(true);
  });
});
