// The store with the worker deriver, against the same store deriving synchronously: the worker runs
// in-process here (engine.ts behind a fake Worker that structured-clones every message, as postMessage does).
import { describe, expect, it } from 'vitest';
import type { TraceRequest } from '../../core';
import { exampleText } from '../examples';
import { createAppStore, type AppState, type Snapshot, type TextOrigin } from '../store';
import { createWorkerDeriver } from './client';
import { FakeWorker, rig } from './fake-worker';
import { MAX_DIAGNOSTICS } from './protocol';

const snap = (text: string, actions: string[] = []): Snapshot => ({ text, actions, seed: 1 });

/** What the views read, comparable between two stores. */
function view(s: AppState) {
  return {
    broken: s.derived.broken,
    diagnostics: s.derived.diagnostics.map((d) => `${d.severity} ${d.reason} ${d.message}`),
    services: s.derived.cluster.services.map((v) => `${v.name} ${v.clusterIP} ${v.ports.map((p) => p.port).join(',')}`),
    pods: s.derived.cluster.pods.map((p) => `${p.name} ${p.nodeName} ${p.ip}`),
    lastGood: s.lastGood.cluster.services.map((v) => `${v.name} ${v.ports.map((p) => p.port).join(',')}`),
    traffic: s.traffic?.outcome ?? null,
  };
}

const pinned = (ip: string, port = 80) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: pinned\nspec:\n  clusterIP: ${ip}\n  selector:\n    app: web\n  ports:\n  - port: ${port}\n`;
const base = `${exampleText('default')}---\n${pinned('10.96.0.50')}`;

type Step = [TextOrigin | 'action', string];

describe('worker derivation matches the synchronous store', () => {
  it.each<{ name: string; steps: Step[] }>([
    { name: 'typing edits, each answered before the next', steps: [['editor', base.replace('port: 80\n', 'port: 81\n')], ['editor', base.replace('port: 80\n', 'port: 82\n')]] },
    // apply-warnings.ts: a changed spec.clusterIP is an update kubectl apply would reject (edits only)
    { name: 'an edit kubectl apply would reject warns (ApplyWouldFail)', steps: [['editor', `${exampleText('default')}---\n${pinned('10.96.0.51')}`]] },
    { name: 'a replaced text (example) resets the apply chain: no warning', steps: [['example', `${exampleText('default')}---\n${pinned('10.96.0.51')}`]] },
    { name: 'broken YAML keeps the last good state; the next edit compares with it', steps: [['editor', `${base}---\nkind: [\n`], ['editor', `${exampleText('default')}---\n${pinned('10.96.0.52')}`]] },
    { name: 'runtime actions (derived at once on the main thread) then typing', steps: [['action', 'cordon node/kind-worker'], ['editor', `${exampleText('default')}---\n${pinned('10.96.0.53')}`]] },
    { name: 'a diagram edit (derived at once) then typing', steps: [['diagram', `${exampleText('default')}---\n${pinned('10.96.0.54')}`], ['editor', `${exampleText('default')}---\n${pinned('10.96.0.55')}`]] },
  ])('$name', ({ steps }) => {
    const sync = createAppStore(snap(base));
    const r = rig(snap(base));
    r.settle();
    for (const [origin, value] of steps) {
      for (const st of [sync, r.store]) {
        if (origin === 'action') st.getState().addAction(value);
        else if (origin === 'example') st.getState().replaceAll(snap(value), 'example', 'the example');
        else st.getState().setManifestText(value, origin);
      }
      r.settle();
      expect(r.store.getState().deriving).toBe(false);
      expect(view(r.store.getState())).toEqual(view(sync.getState()));
    }
  });

  it('starts the worker for an edit, or once warmed up, not for the first paint', () => {
    const workers: FakeWorker[] = [];
    const deriver = createWorkerDeriver(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    });
    const store = createAppStore(snap(base), { deriver });
    expect(workers).toHaveLength(0);
    store.getState().setManifestText(base.replace('port: 80\n', 'port: 81\n'), 'editor');
    expect(workers).toHaveLength(1);
    // the main thread's chain comes with init; its first derivation is repeated only to warm the worker up
    expect(workers[0].inbox).toMatchObject([{ type: 'init', version: 0 }, { type: 'batch', jobs: [{ mode: 'adopt', version: 0 }, { mode: 'full', version: 1 }] }]);
  });

  it('typing changes the text at once and the derived state when the worker answers', () => {
    const r = rig(snap(base));
    r.settle();
    const before = r.store.getState().derived;
    const text = base.replace('port: 80\n', 'port: 81\n');
    r.store.getState().setManifestText(text, 'editor');
    const s = r.store.getState();
    expect([s.text, s.deriving, s.derived]).toEqual([text, true, before]);
    r.settle();
    expect(r.store.getState().derived.cluster.services.find((v) => v.name === 'web')!.ports[0].port).toBe(81);
    expect(r.store.getState().derivedVersion).toBe(r.store.getState().docVersion);
  });

  it('drops answers for a text that has changed since; a waiting edit is superseded by a newer one', () => {
    const r = rig(snap(base));
    r.settle();
    const edit = (p: number) => r.store.getState().setManifestText(base.replace('port: 80\n', `port: ${p}\n`), 'editor');
    edit(81); // in flight
    edit(82); // waits
    edit(83); // supersedes 82
    const w = r.workers[0];
    w.step(); // answers 81: stale, dropped; then 83 is sent
    expect(r.store.getState().deriving).toBe(true);
    expect(r.store.getState().derived.cluster.services.find((v) => v.name === 'web')!.ports[0].port).toBe(80);
    const sent = w.inbox.flatMap((m) => (m.type === 'batch' ? m.jobs.map((j) => j.snap.text.includes('port: 82')) : []));
    expect(sent).toEqual([false]);
    r.settle();
    expect(r.store.getState().derived.cluster.services.find((v) => v.name === 'web')!.ports[0].port).toBe(83);
    expect(r.deriver.stats.answers).toBe(2); // 81 (dropped) and 83; the first derivation ran on the main thread
  });

  it('a replaced text superseded by an edit still moves the apply chain on (no stale warnings)', () => {
    const other = `${exampleText('default')}---\n${pinned('10.96.0.60')}`;
    const r = rig(snap(base));
    r.settle();
    r.store.getState().setManifestText(base.replace('port: 80\n', 'port: 81\n'), 'editor'); // in flight
    r.store.getState().replaceAll(snap(other), 'import', 'the import'); // waits, then superseded
    r.store.getState().setManifestText(other.replace('port: 80\n', 'port: 81\n'), 'editor');
    r.settle();
    const s = r.store.getState();
    // compared with the imported text (same clusterIP), not with `base` (10.96.0.50)
    expect(s.derived.diagnostics.filter((d) => d.reason === 'ApplyWouldFail')).toEqual([]);
    expect(s.deriving).toBe(false);
  });

  it('a broken text whose last good state the main thread never saw gets it from the worker', () => {
    const r = rig(snap(base));
    r.settle();
    r.store.getState().setManifestText(base.replace('port: 80\n', 'port: 81\n'), 'editor'); // in flight
    r.store.getState().setManifestText(`${base.replace('port: 80\n', 'port: 81\n')}---\nkind: [\n`, 'editor');
    r.settle();
    const s = r.store.getState();
    expect(s.derived.broken).toBe(true);
    expect(s.lastGood.cluster.services.find((v) => v.name === 'web')!.ports[0].port).toBe(81);
  });

  it('re-traces the watched request with each answer, as the synchronous store does', () => {
    const req: TraceRequest = { from: { pod: 'default/client' }, to: 'web.default.svc.cluster.local:80', protocol: 'TCP' } as unknown as TraceRequest;
    const sync = createAppStore(snap(exampleText('default')));
    const r = rig(snap(exampleText('default')));
    r.settle();
    for (const st of [sync, r.store]) st.getState().sendRequest(req);
    const edited = exampleText('default').replace('replicas: 3', 'replicas: 0');
    for (const st of [sync, r.store]) st.getState().setManifestText(edited, 'editor');
    r.settle();
    const [a, b] = [sync.getState(), r.store.getState()];
    expect(b.traffic).toEqual(a.traffic);
    expect(b.trafficError).toEqual(a.trafficError);
    expect(b.previousTraffic).toEqual(a.previousTraffic);
  });
});

describe('slow and failing derivations', () => {
  it('abandons a run over budget when a newer text waits: a fresh worker continues the chain', () => {
    const r = rig(snap(base), { budgetMs: 2000 });
    r.settle();
    r.store.getState().setManifestText(base.replace('port: 80\n', 'port: 81\n'), 'editor'); // never answered
    r.clock.t += 2500;
    r.store.getState().setManifestText(`${exampleText('default')}---\n${pinned('10.96.0.51', 81)}`, 'editor');
    expect(r.workers.map((w) => w.terminated)).toEqual([true, false]);
    expect(r.workers[1].inbox[0]).toMatchObject({ type: 'init', version: 0 });
    r.settle();
    const s = r.store.getState();
    expect(s.deriving).toBe(false);
    // the chain came over from the main thread: the changed clusterIP is compared with base's
    expect(s.derived.diagnostics.filter((d) => d.reason === 'ApplyWouldFail').map((d) => d.field)).toEqual(['spec.clusterIPs[0]']);
    expect(r.deriver.stats).toMatchObject({ started: 2, abandoned: 1 });
  });

  it('stops a run over the hard limit and says so; the last state stays and later edits work', async () => {
    const r = rig(snap(base), { hardLimitMs: 5000 });
    r.settle();
    const shown = r.store.getState().derived;
    r.store.getState().setManifestText(base.replace('port: 80\n', 'port: 81\n'), 'editor');
    r.clock.t += 6000;
    await new Promise((ok) => setTimeout(ok, 1100)); // the watchdog's next look
    let s = r.store.getState();
    expect([s.deriving, s.derived]).toEqual([false, shown]);
    expect(s.deriveFailure).toMatch(/took longer than 5 s, so it was stopped/);
    expect(s.notice?.kind).toBe('error');
    r.store.getState().setManifestText(base.replace('port: 80\n', 'port: 82\n'), 'editor');
    r.settle();
    s = r.store.getState();
    expect([s.deriving, s.deriveFailure]).toEqual([false, null]);
    expect(s.derived.cluster.services.find((v) => v.name === 'web')!.ports[0].port).toBe(82);
  });

  it('caps a huge list of problems and counts the rest, with a notice', () => {
    const bad = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\nspec:\n  ports:\n  - port: 99999\n---\n'.repeat(Math.ceil(MAX_DIAGNOSTICS / 2) + 50);
    const r = rig(snap(base));
    r.settle();
    r.store.getState().setManifestText(bad, 'editor');
    r.settle();
    const s = r.store.getState();
    const total = s.derived.diagnostics.length + s.derived.omitted!.errors + s.derived.omitted!.warnings;
    expect(s.derived.diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(total).toBeGreaterThan(MAX_DIAGNOSTICS);
    expect(s.notice?.text).toContain(`only the first ${MAX_DIAGNOSTICS.toLocaleString('en-US')} are listed`);
  });
});
